package org.steward.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.core.Channel;
import org.steward.core.PersonId;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.testing.Osgi;

/** The contacts module's resources over HTTP: create, read, change with If-Match, delete, list, search. */
class ContactsApiTest {

    static Api api;
    static String token;

    @BeforeAll
    static void signIn() throws Exception {
        api = new Api(Osgi.context(ContactsApiTest.class));
        token = api.signedIn("Administrator");
    }

    static String email() {
        return "c" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    }

    @Test
    void createReadAndAStaleIfMatchIsRefusedWith412() {
        String email = email();
        Api.Answer created = api.post("contacts", token, Map.of("firstName", "Ada", "lastName", "Lovelace", "email",
                email, "address", Map.of("city", "London", "country", "GB"), "tags", List.of("vip")));
        assertEquals(201, created.status(), created.body());
        JsonNode contact = created.json();
        String id = contact.path("id").asText();
        assertTrue(created.header("Location").endsWith("/api/v1/contacts/" + id), created.header("Location"));
        assertNotNull(created.header("ETag"));
        assertEquals("api", contact.path("sources").path(0).path("type").asText(), "data source API: " + contact);
        assertTrue(contact.path("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), contact.toString());

        Api.Answer read = api.get("contacts/" + id, token);
        assertEquals(200, read.status(), read.body());
        assertEquals(email, read.json().path("email").asText());
        assertEquals("London", read.json().path("address").path("city").asText());
        String etag = read.header("ETag");

        Api.Answer changed = api.send(api.request("contacts/" + id, token).header("Content-Type",
                "application/json").header("If-Match", etag).method("PATCH", body(Map.of("lastName", "King"))));
        assertEquals(200, changed.status(), changed.body());
        assertEquals("King", changed.json().path("lastName").asText());
        assertNotEquals(etag, changed.header("ETag"), "a change gives a new ETag");

        Api.Answer stale = api.send(api.request("contacts/" + id, token).header("Content-Type",
                "application/json").header("If-Match", etag).method("PATCH", body(Map.of("lastName", "Byron"))));
        stale.problem(412, "precondition-failed");
        assertEquals("King", api.get("contacts/" + id, token).json().path("lastName").asText(), "nothing written");

        Api.Answer without = api.send(api.request("contacts/" + id, token).header("Content-Type",
                "application/json").method("PATCH", body(Map.of("lastName", "Byron"))));
        without.problem(428, "precondition-required");

        assertEquals(204, api.delete("contacts/" + id, token).status());
        api.get("contacts/" + id, token).problem(404, "not-found");
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyMakesOneRecord() {
        String email = email();
        String key = UUID.randomUUID().toString();
        byte[] body = Api.text(Map.of("firstName", "Grace", "email", email)).getBytes(StandardCharsets.UTF_8);
        Api.Answer first = api.raw("POST", "contacts", token, "application/json", body, "Idempotency-Key", key);
        Api.Answer retry = api.raw("POST", "contacts", token, "application/json", body, "Idempotency-Key", key);
        assertEquals(201, first.status(), first.body());
        assertEquals(201, retry.status(), retry.body());
        assertEquals(first.json().path("id"), retry.json().path("id"), "the retry answers the same record");
        assertEquals("true", retry.header("Idempotent-Replayed"));

        Api.Answer found = api.post("contacts/search", token, Map.of("email", email));
        assertEquals(200, found.status(), found.body());
        assertEquals(1, found.json().path("items").size(), "one record: " + found.body());

        byte[] other = Api.text(Map.of("firstName", "Grace", "email", email())).getBytes(StandardCharsets.UTF_8);
        Api.Answer reused = api.raw("POST", "contacts", token, "application/json", other, "Idempotency-Key", key);
        reused.problem(422, "idempotency-key-reused");
        assertEquals("Idempotency-Key", reused.field());

        Api.Answer without = api.raw("POST", "contacts", token, "application/json", body);
        without.problem(409, "conflict");
    }

    @Test
    void aRestrictedPersonIsLocked423AndTheRefusalIsAudited() {
        Api.Answer created = api.post("contacts", token, Map.of("lastName", "Restricted", "email", email()));
        JsonNode contact = created.json();
        PersonId person = PersonId.parse(contact.path("person").asText());
        PersonalDataProvider provider = Osgi.service(api.context, PersonalDataProvider.class,
                p -> "contacts".equals(p.module()));
        provider.restrict(person, true, Api.CONSOLE);

        String id = contact.path("id").asText();
        Api.Answer read = api.get("contacts/" + id, token);
        assertTrue(read.json().path("restricted").asBoolean(), read.body());
        Api.Answer change = api.send(api.request("contacts/" + id, token).header("Content-Type",
                "application/json").header("If-Match", read.header("ETag")).method("PATCH",
                        body(Map.of("notes", "called"))));
        JsonNode problem = change.problem(423, "processing-restricted");
        assertFalse(problem.toString().contains(person.toString()), "no person id in the answer: " + problem);
        api.delete("contacts/" + id, token).problem(423, "processing-restricted");

        AuditLog audit = Osgi.service(api.context, AuditLog.class);
        List<AuditEntry> refusals = audit.query(AuditQuery.builder().target("contacts", "contact", id)
                .build()).entries().stream()
                .filter(e -> e.event().action().equals("contact.update")).toList();
        assertFalse(refusals.isEmpty(), "the refused update is audited");
        assertEquals(Channel.API, refusals.get(0).event().actor().channel(), "with channel API");
    }

    @Test
    void listsPageByPageWithACursorAndSearchesByPhoneAndName() {
        String marker = "Pager" + UUID.randomUUID().toString().substring(0, 6).replaceAll("[0-9-]", "x");
        Set<String> made = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            made.add(api.post("contacts", token, Map.of("firstName", marker, "lastName", "N" + i, "email", email()))
                    .json().path("id").asText());
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Api.Answer page = api.get("contacts?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token);
            assertEquals(200, page.status(), page.body());
            assertTrue(page.json().path("items").size() <= 2);
            page.json().path("items").forEach(c -> assertTrue(seen.add(c.path("id").asText()), "no repeats"));
            cursor = page.json().path("next").isTextual() ? page.json().path("next").asText() : null;
            pages++;
        } while (cursor != null && pages < 10_000);
        assertTrue(seen.containsAll(made), "every contact on some page");
        api.get("contacts?limit=0", token).problem(400, "validation");
        assertEquals("limit", api.get("contacts?limit=5000", token).field());
        assertEquals("cursor", api.get("contacts?cursor=garbage", token).field());

        Api.Answer byName = api.post("contacts/search", token, Map.of("name", marker));
        assertEquals(5, byName.json().path("items").size(), byName.body());

        String phone = "+48 601 " + (100 + (int) (Math.random() * 800)) + " " + (100 + (int) (Math.random() * 800));
        Map<String, Object> withPhone = new LinkedHashMap<>(Map.of("lastName", "Phoned", "phone", phone));
        String id = api.post("contacts", token, withPhone).json().path("id").asText();
        Api.Answer byPhone = api.post("contacts/search", token, Map.of("phone", phone));
        assertEquals(id, byPhone.json().path("items").path(0).path("id").asText(), byPhone.body());

        Api.Answer two = api.post("contacts/search", token, Map.of("phone", phone, "name", "x"));
        two.problem(400, "validation");
        assertEquals("name", two.field(), "the second of two search values is named");
    }

    @Test
    void permissionsShapeTheAnswers() throws Exception {
        Api.Answer created = api.post("contacts", token, Map.of("lastName", "Owned", "email", email(), "notes",
                "a sensitive note", "birthDate", "1990-05-17"));
        assertEquals(201, created.status(), created.body());
        String adminsContact = created.json().path("id").asText();

        String sales = api.signedIn("Sales");
        api.get("contacts/" + adminsContact, sales).problem(403, "access-denied");
        api.delete("contacts/" + adminsContact, sales).problem(403, "access-denied");

        Api.Answer own = api.post("contacts", sales, Map.of("lastName", "Mine", "email", email()));
        assertEquals(201, own.status(), own.body());
        JsonNode mine = api.get("contacts/" + own.json().path("id").asText(), sales).json();
        assertTrue(mine.path("hiddenFields").toString().contains("notes"), "sensitive fields hidden: " + mine);
        assertFalse(mine.has("notes"), "and absent: " + mine);
        Api.Answer write = api.post("contacts", sales, Map.of("lastName", "Noted", "notes", "not allowed"));
        assertEquals(403, write.status(), write.body());
        Api.Answer page = api.get("contacts?limit=1000", sales);
        page.json().path("items").forEach(c -> assertFalse(c.path("id").asText().equals(adminsContact),
                "another owner's contact is not listed"));
    }

    static java.net.http.HttpRequest.BodyPublisher body(Object value) {
        return java.net.http.HttpRequest.BodyPublishers.ofString(Api.text(value));
    }
}
