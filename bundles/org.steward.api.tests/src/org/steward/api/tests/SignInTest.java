package org.steward.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.testing.Osgi;

/** Sign-in, the session's bearer token, /me, /modules and sign-out over HTTP. */
class SignInTest {

    static Api api;

    @BeforeAll
    static void server() {
        api = new Api(Osgi.context(SignInTest.class));
    }

    @Test
    void firstLoginChangesThePasswordThenTheTokenOpensTheApiUntilSignOut() throws Exception {
        String token = api.signedIn("Sales");

        Api.Answer me = api.get("me", token);
        assertEquals(200, me.status(), me.body());
        JsonNode who = me.json();
        assertEquals(api.lastLogin, who.path("login").asText());
        assertEquals("en", who.path("language").asText());
        assertTrue(who.path("authenticatedAt").asText().endsWith("Z"), "RFC 3339 UTC: " + who);
        JsonNode contacts = who.path("modules").path("contacts");
        assertTrue(contacts.toString().contains("\"create\""), "Sales may create contacts: " + who);
        assertFalse(contacts.toString().contains("\"delete\""), "Sales may not delete contacts: " + who);
        assertTrue(who.path("modules").path("permissions").isMissingNode(), "nothing allowed, not listed: " + who);

        Api.Answer modules = api.get("modules", token);
        assertEquals(200, modules.status(), modules.body());
        assertTrue(modules.body().contains("\"org.steward.contacts\""), modules.body());
        assertTrue(modules.body().contains("\"org.steward.api\""), modules.body());

        assertEquals(204, api.delete("session", token).status());
        api.get("me", token).problem(401, "unauthenticated");
    }

    @Test
    void aWrongPasswordAnAbsentTokenAndABadTokenAreRefusedAlike() throws Exception {
        api.signedIn("Sales");
        Api.Answer wrong = api.postAfterBackoff("session", Map.of("login", api.lastLogin, "password", "not the password "
                + "at all, sorry"));
        JsonNode problem = wrong.problem(401, "unauthenticated");
        assertFalse(wrong.body().contains(api.lastLogin), "the answer does not repeat the login: " + wrong.body());
        assertNotNull(wrong.header("WWW-Authenticate"));
        assertFalse(problem.has("token"));

        // the address waits after each failure (1 s here): wait it out, so that the answer is about the name
        Api.Answer unknown = api.postAfterBackoff("session", Map.of("login", "nobody-" + api.lastLogin, "password",
                "whatever it is, it is wrong"));
        unknown.problem(401, "unauthenticated");
        assertEquals(wrong.json().path("detail"), unknown.json().path("detail"), "wrong name and wrong password "
                + "are not told apart");

        api.get("me", null).problem(401, "unauthenticated");
        api.get("me", "made-up-token").problem(401, "unauthenticated");

        Api.Answer missing = api.post("session", null, Map.of("login", api.lastLogin));
        missing.problem(400, "validation");
        assertEquals("password", missing.field());
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottledWithRetryAfter() throws Exception {
        api.signedIn("Sales");
        Api.Answer last = null;
        for (int i = 0; i < 8 && (last == null || last.status() != 429); i++) {
            last = api.post("session", null, Map.of("login", api.lastLogin, "password", "wrong guess number " + i
                    + " of many"));
        }
        last.problem(429, "throttled");
        assertTrue(Integer.parseInt(last.header("Retry-After")) >= 1, last.body());
    }
}
