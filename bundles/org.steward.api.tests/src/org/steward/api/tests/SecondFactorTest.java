package org.steward.api.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.steward.audit.AuditEntry;
import org.steward.audit.AuditLog;
import org.steward.audit.AuditQuery;
import org.steward.core.Channel;
import org.steward.identity.Totp;
import org.steward.testing.Osgi;

/** TOTP enrolment and sign-in with a code or a recovery code, re-authentication, and the audit of API calls. */
class SecondFactorTest {

    static Api api;

    @BeforeAll
    static void server() {
        api = new Api(Osgi.context(SecondFactorTest.class));
    }

    private static String code(String secret, Instant at) {
        return Totp.code(Totp.fromBase32(secret), at, Totp.Algorithm.SHA1, 6);
    }

    @Test
    void enrolThenSignInWithATotpCodeOrARecoveryCodeEachUsableOnce() throws Exception {
        String token = api.signedIn("Sales");
        String login = api.lastLogin;
        Api.Answer enrolment = api.post("session/totp", token, Map.of());
        assertEquals(200, enrolment.status(), enrolment.body());
        String secret = enrolment.json().path("secret").asText();
        assertTrue(enrolment.json().path("uri").asText().startsWith("otpauth://totp/Steward:" + login + "?"),
                enrolment.body());

        Api.Answer wrong = api.post("session/totp/confirm", token, Map.of("code", "000000".equals(code(secret,
                Instant.now())) ? "111111" : "000000"));
        assertEquals(400, wrong.status(), wrong.body());
        assertEquals("code", wrong.field());
        Api.Answer confirmed = api.post("session/totp/confirm", token, Map.of("code", code(secret, Instant.now())));
        assertEquals(200, confirmed.status(), confirmed.body());
        JsonNode recovery = confirmed.json().path("recoveryCodes");
        assertEquals(10, recovery.size(), confirmed.body());

        JsonNode first = api.postAfterBackoff("session", Map.of("login", login, "password", Api.PASSWORD)).json();
        assertEquals("second-factor-required", first.path("outcome").asText(), first.toString());
        api.get("me", first.path("token").asText()).problem(401, "unauthenticated");

        // the code of the next step: the one of the confirmation was used, and one step of skew is accepted
        Api.Answer withCode = api.postAfterBackoff("session", Map.of("login", login, "password", Api.PASSWORD,
                "code", code(secret, Instant.now().plusSeconds(Totp.PERIOD_SECONDS))));
        assertEquals("authenticated", withCode.json().path("outcome").asText(), withCode.body());
        assertEquals(200, api.get("me", withCode.json().path("token").asText()).status());

        String recoveryCode = recovery.path(0).asText();
        String restricted = api.postAfterBackoff("session", Map.of("login", login, "password", Api.PASSWORD)).json()
                .path("token").asText();
        Api.Answer recovered = api.post("session/second-factor", restricted, Map.of("code", recoveryCode));
        assertEquals("authenticated", recovered.json().path("outcome").asText(), recovered.body());

        String again = api.postAfterBackoff("session", Map.of("login", login, "password", Api.PASSWORD)).json()
                .path("token").asText();
        api.post("session/second-factor", again, Map.of("code", recoveryCode)).problem(401, "unauthenticated");
    }

    @Test
    void reauthenticationNeedsThePasswordAndEveryCallIsAuditedWithChannelApi() throws Exception {
        String token = api.signedIn("Sales");
        Api.Answer wrong = api.post("session/reauthenticate", token, Map.of("password", "not it, not even close"));
        wrong.problem(401, "unauthenticated");
        Osgi.sleep(1100);
        Api.Answer right = api.post("session/reauthenticate", token, Map.of("password", Api.PASSWORD));
        assertEquals(200, right.status(), right.body());
        assertTrue(right.json().path("authenticatedAt").asText().endsWith("Z"), right.body());

        String userId = api.get("me", token).json().path("userId").asText();
        AuditLog audit = Osgi.service(api.context, AuditLog.class);
        List<AuditEntry> calls = audit.query(AuditQuery.builder().actor(userId).action("api.call").build())
                .entries();
        assertTrue(calls.stream().anyMatch(e -> e.event().details().startsWith("GET MeResource.me -> 200")),
                calls.toString());
        assertTrue(calls.stream().allMatch(e -> e.event().actor().channel() == Channel.API));
        assertTrue(calls.stream().allMatch(e -> e.event().actor().sourceAddress().orElse("").equals("127.0.0.1")),
                "the caller's address is recorded");
        assertFalse(calls.stream().anyMatch(e -> e.event().details().contains(token)), "never the token");
    }
}
