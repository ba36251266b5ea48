package org.steward.identity.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.core.AccessDeniedException;
import org.steward.core.Channel;
import org.steward.core.ValidationException;
import org.steward.identity.LoginOutcome;
import org.steward.identity.LoginResult;
import org.steward.identity.MfaEnrolled;
import org.steward.identity.RoleMembership;
import org.steward.identity.Totp;
import org.steward.identity.TotpEnrolment;
import org.steward.identity.User;
import org.steward.testing.Osgi;

/** TOTP per RFC 6238: the Appendix B vectors, single use, clock skew, recovery codes, MFA required per role. */
class TotpTest {

    private final BundleContext context = Osgi.context(TotpTest.class);

    @Test
    void rfc6238AppendixBVectors() {
        byte[] sha1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
        byte[] sha256 = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
        byte[] sha512 = "1234567890123456789012345678901234567890123456789012345678901234"
                .getBytes(StandardCharsets.US_ASCII);
        long[] times = { 59L, 1111111109L, 1111111111L, 1234567890L, 2000000000L, 20000000000L };
        String[][] expected = { { "94287082", "46119246", "90693936" }, { "07081804", "68084774", "25091201" },
                { "14050471", "67062674", "99943326" }, { "89005924", "91819424", "93441116" },
                { "69279037", "90698825", "38618901" }, { "65353130", "77737706", "47863826" } };
        for (int i = 0; i < times.length; i++) {
            Instant t = Instant.ofEpochSecond(times[i]);
            assertEquals(expected[i][0], Totp.code(sha1, t, Totp.Algorithm.SHA1, 8), "SHA1 at " + times[i]);
            assertEquals(expected[i][1], Totp.code(sha256, t, Totp.Algorithm.SHA256, 8), "SHA256 at " + times[i]);
            assertEquals(expected[i][2], Totp.code(sha512, t, Totp.Algorithm.SHA512, 8), "SHA512 at " + times[i]);
        }
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.base32(sha1));
        assertEquals("12345678901234567890", new String(Totp.fromBase32("gezdgnbvgy3tqojq gezdgnbvgy3tqojq"),
                StandardCharsets.US_ASCII));
    }

    /** Enrols TOTP for a user with a full session; returns the secret and the recovery codes. */
    static MfaEnrolled enrol(IdentityFixture f, String token, byte[][] secretOut) {
        TotpEnrolment enrolment = f.auth.beginTotpEnrolment(token, "192.0.2.50");
        byte[] secret = Totp.fromBase32(enrolment.secret());
        assertEquals(20, secret.length);
        secretOut[0] = secret;
        assertThrows(ValidationException.class, () -> f.auth.confirmTotp(token, "000000".equals(
                Totp.code(secret, f.clock.instant(), Totp.Algorithm.SHA1, 6)) ? "111111" : "000000", "192.0.2.50"));
        return f.auth.confirmTotp(token, Totp.code(secret, f.clock.instant(), Totp.Algorithm.SHA1, 6), "192.0.2.50");
    }

    @Test
    void enrolmentCodesAreSingleUseAndSkewIsOneStep() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User henry = f.user("henry");
            String token = f.login("henry", IdentityFixture.GOOD, "192.0.2.50").requireToken();
            TotpEnrolment enrolment = f.auth.beginTotpEnrolment(token, "192.0.2.50");
            assertTrue(enrolment.uri().startsWith("otpauth://totp/Steward:henry?secret=" + enrolment.secret()
                    + "&issuer=Steward&algorithm=SHA1&digits=6&period=30"), enrolment.uri());
            byte[] secret = Totp.fromBase32(enrolment.secret());
            String first = Totp.code(secret, f.clock.instant(), Totp.Algorithm.SHA1, 6);
            MfaEnrolled enrolled = f.auth.confirmTotp(token, first, "192.0.2.50");
            assertEquals(10, enrolled.recoveryCodes().size());
            assertEquals(10, Set.copyOf(enrolled.recoveryCodes()).size());
            assertTrue(f.users.get(henry.id()).mfaEnrolled());

            LoginResult login = f.login("henry", IdentityFixture.GOOD, "192.0.2.51");
            assertEquals(LoginOutcome.SECOND_FACTOR_REQUIRED, login.outcome());
            assertThrows(AccessDeniedException.class,
                    () -> f.auth.actorFor(login.requireToken(), Channel.CLIENT, "192.0.2.51"));
            assertEquals(LoginOutcome.DENIED, f.auth.verifySecondFactor(login.requireToken(), first, "192.0.2.52")
                    .outcome(), "the code used for the enrolment is spent");

            long step = Totp.step(f.clock.instant());
            String next = Totp.code(secret, step + 1, Totp.Algorithm.SHA1, 6);
            LoginResult full = f.auth.verifySecondFactor(login.requireToken(), next, "192.0.2.53");
            assertEquals(LoginOutcome.AUTHENTICATED, full.outcome(), "one step ahead is accepted");
            assertTrue(!full.requireToken().equals(login.requireToken()), "a new token after the second factor");
            f.auth.actorFor(full.requireToken(), Channel.CLIENT, "192.0.2.53");

            f.advance(Duration.ofMinutes(5));
            long now = Totp.step(f.clock.instant());
            LoginResult again = f.login("henry", IdentityFixture.GOOD, "192.0.2.54");
            assertEquals(LoginOutcome.DENIED, f.auth.verifySecondFactor(again.requireToken(),
                    Totp.code(secret, now + 2, Totp.Algorithm.SHA1, 6), "192.0.2.55").outcome(), "two ahead");
            assertEquals(LoginOutcome.DENIED, f.auth.verifySecondFactor(again.requireToken(),
                    Totp.code(secret, now - 2, Totp.Algorithm.SHA1, 6), "192.0.2.56").outcome(), "two behind");
            String behind = Totp.code(secret, now - 1, Totp.Algorithm.SHA1, 6);
            assertEquals(LoginOutcome.AUTHENTICATED, f.auth.verifySecondFactor(again.requireToken(), behind,
                    "192.0.2.57").outcome(), "one behind");

            // a recovery code works once
            String recovery = enrolled.recoveryCodes().get(3);
            LoginResult third = f.login("henry", IdentityFixture.GOOD, "192.0.2.58");
            assertEquals(LoginOutcome.AUTHENTICATED,
                    f.auth.verifySecondFactor(third.requireToken(), recovery.toLowerCase(), "192.0.2.58").outcome());
            LoginResult fourth = f.login("henry", IdentityFixture.GOOD, "192.0.2.59");
            assertEquals(LoginOutcome.DENIED,
                    f.auth.verifySecondFactor(fourth.requireToken(), recovery, "192.0.2.59").outcome());
            f.advance(Duration.ofSeconds(1)); // the address's backoff after that failure
            assertEquals(LoginOutcome.AUTHENTICATED, f.auth.verifySecondFactor(fourth.requireToken(),
                    enrolled.recoveryCodes().get(4), "192.0.2.59").outcome());

            // with MFA enrolled, 8 characters are enough, but common passwords are still refused
            assertTrue(f.users.checkPassword(henry.id(), "Xk9#mPq2").isEmpty());
            assertTrue(!f.users.checkPassword(henry.id(), "Passw0rd!").isEmpty());

            f.users.resetMfa(IdentityFixture.ADMIN, henry.id());
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("henry", IdentityFixture.GOOD, "192.0.2.60").outcome(),
                    "after an MFA reset the password alone is enough again");
        }
    }

    @Test
    void mfaRequiredByARoleForcesEnrolmentBeforeAFullSession() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User ivy = f.user("ivy");
            ServiceRegistration<RoleMembership> roles = context.registerService(RoleMembership.class,
                    userId -> userId.equals(ivy.id()) ? Set.of("Privacy officer") : Set.of(), null);
            try {
                f.users.setMfaRequired(IdentityFixture.ADMIN, "Privacy officer", true);
                assertEquals(Set.of("privacy officer"), f.users.mfaRequiredRoles());
                LoginResult login = f.login("ivy", IdentityFixture.GOOD, "192.0.2.70");
                assertEquals(LoginOutcome.MFA_ENROLMENT_REQUIRED, login.outcome());
                assertThrows(AccessDeniedException.class,
                        () -> f.auth.actorFor(login.requireToken(), Channel.CLIENT, "192.0.2.70"));
                MfaEnrolled enrolled = enrol(f, login.requireToken(), new byte[1][]);
                assertEquals(LoginOutcome.AUTHENTICATED, enrolled.session().outcome());
                f.auth.actorFor(enrolled.session().requireToken(), Channel.CLIENT, "192.0.2.70");
            } finally {
                roles.unregister();
            }
            assertEquals(List.of(), f.users.roleNetworks("privacy officer"));
            assertEquals(Map.of().size(), 0);
        }
    }
}
