package org.steward.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.testing.Osgi;

/**
 * Malformed requests get a 4xx problem document that names the field and the reason, never a 5xx, a stack trace, a
 * class name or the value sent.
 */
class BadInputTest {

    static Api api;
    static String token;

    @BeforeAll
    static void signIn() throws Exception {
        api = new Api(Osgi.context(BadInputTest.class));
        token = api.signedIn("Administrator");
    }

    private static Api.Answer postContact(String json) {
        return api.raw("POST", "contacts", token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownFieldIsNamed() {
        Api.Answer a = postContact("{\"firstName\": \"Ann\", \"nickname\": \"secret-nick\"}");
        a.problem(400, "unknown-field");
        assertEquals("nickname", a.field());
        assertFalse(a.body().contains("secret-nick"), "the value is not repeated: " + a.body());

        Api.Answer nested = postContact("{\"firstName\": \"Ann\", \"address\": {\"town\": \"x\"}}");
        nested.problem(400, "unknown-field");
        assertEquals("address.town", nested.field());
    }

    @Test
    void aWrongTypeIsNamedWithWhatWasExpected() {
        Api.Answer number = postContact("{\"firstName\": 42}");
        number.problem(400, "wrong-type");
        assertEquals("firstName", number.field());
        assertEquals("must be a text", number.json().path("violations").path(0).path("reason").asText());

        Api.Answer date = postContact("{\"lastName\": \"B\", \"birthDate\": \"yesterday-ish\"}");
        date.problem(400, "wrong-type");
        assertEquals("birthDate", date.field());
        assertFalse(date.body().contains("yesterday-ish"), date.body());

        Api.Answer list = postContact("{\"lastName\": \"B\", \"tags\": {\"a\": 1}}");
        list.problem(400, "wrong-type");
        assertEquals("tags", list.field());

        Api.Answer notAnObject = postContact("[1, 2, 3]");
        notAnObject.problem(400, "wrong-type");
        assertEquals("body", notAnObject.field());
    }

    @Test
    void brokenJsonAndBrokenUtf8AreRefusedWithThePlace() {
        Api.Answer broken = postContact("{\"firstName\": \"Ann\",, }");
        JsonNode p = broken.problem(400, "malformed-json");
        assertEquals("body", broken.field());
        assertTrue(p.path("violations").path(0).path("reason").asText().contains("line 1"), p.toString());

        byte[] latin1 = "{\"lastName\": \"Müller\"}".getBytes(StandardCharsets.ISO_8859_1);
        api.raw("POST", "contacts", token, "application/json", latin1).problem(400, "malformed-json");

        Api.Answer trailing = postContact("{\"lastName\": \"A\"} {\"lastName\": \"B\"}");
        trailing.problem(400, "malformed-json");

        Api.Answer huge = postContact("{\"lastName\": \"A\", \"tags\": [" + "9".repeat(5000) + "]}");
        assertEquals(400, huge.status(), huge.body());
        assertEquals("body", huge.field());
    }

    @Test
    void anOversizedBodyIs413AndAnotherMediaTypeIs415() {
        byte[] big = new byte[1024 * 1024 + 1024];
        Arrays.fill(big, (byte) 'a');
        byte[] body = ("{\"notes\": \"" + new String(big, StandardCharsets.US_ASCII) + "\"}")
                .getBytes(StandardCharsets.US_ASCII);
        // as curl sends large bodies: the server refuses on the headers, the client never sends the megabyte
        Api.Answer tooLarge = api.send(api.request("contacts", token).expectContinue(true)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        tooLarge.problem(413, "payload-too-large");
        assertEquals("body", tooLarge.field());

        api.raw("POST", "contacts", token, "text/plain", "lastName=A".getBytes(StandardCharsets.UTF_8))
                .problem(415, "unsupported-media-type");
    }

    @Test
    void aDomainRefusalNamesTheFieldAndUnknownPathsAndIdsAreProblemsToo() {
        Api.Answer invalid = postContact("{\"firstName\": \"Ann\", \"email\": \"not an address\"}");
        invalid.problem(400, "validation");
        assertEquals("email", invalid.field());

        Api.Answer nothing = postContact("{}");
        nothing.problem(400, "validation");

        // refused by Jetty before the API sees it (an ambiguous path): a plain 400, without a trace
        Api.Answer badId = api.get("contacts/..%2F..%2Fetc%2Fpasswd", token);
        assertEquals(400, badId.status(), badId.body());
        assertFalse(badId.body().contains("Exception") || badId.body().contains("at org."), badId.body());

        api.get("contacts/not-a-uuid", token).problem(400, "validation");
        api.get("contacts/" + UUID.randomUUID(), token).problem(404, "not-found");
        api.get("no-such-module/anything", token).problem(404, "not-found");
        Api.Answer put = api.send(api.request("me", token).PUT(HttpRequest.BodyPublishers.noBody()));
        put.problem(405, "method-not-allowed");
        assertTrue(put.header("Allow").contains("GET"), "Allow names the methods: " + put.header("Allow"));
    }
}
