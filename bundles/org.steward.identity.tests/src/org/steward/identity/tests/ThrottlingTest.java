package org.steward.identity.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.identity.LoginOutcome;
import org.steward.identity.LoginResult;
import org.steward.identity.User;
import org.steward.testing.Osgi;

/** Failures counted per account and per address over a simulated clock; nobody can lock a user out for long. */
class ThrottlingTest {

    static final String ATTACKER = "198.51.100.66";
    static final String ATTACKER_2 = "2001:db8:bad::1";
    static final String OFFICE = "203.0.113.5";

    private final BundleContext context = Osgi.context(ThrottlingTest.class);

    /** A wrong password from an address, after waiting out that address's backoff. */
    private static LoginResult fail(IdentityFixture f, String login, String address) {
        LoginResult r = f.login(login, "wrong password number nine", address);
        if (r.outcome() == LoginOutcome.THROTTLED && r.retryAfter().isPresent()) {
            f.advance(r.retryAfter().get());
            r = f.login(login, "wrong password number nine", address);
        }
        assertEquals(LoginOutcome.DENIED, r.outcome());
        return r;
    }

    @Test
    void eachFurtherFailureFromAnAddressDoublesItsWait() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            f.user("erin");
            long expected = 1;
            for (int i = 0; i < 4; i++) {
                assertEquals(LoginOutcome.DENIED, f.login("erin", "wrong password number nine", ATTACKER).outcome());
                LoginResult blocked = f.login("erin", IdentityFixture.GOOD, ATTACKER);
                assertEquals(LoginOutcome.THROTTLED, blocked.outcome(), "even the right password waits");
                assertEquals(Duration.ofSeconds(expected), blocked.retryAfter().orElseThrow());
                f.advance(Duration.ofSeconds(expected));
                expected *= 2;
            }
            // the backoff is per address, whatever account is tried (credential stuffing)
            assertEquals(LoginOutcome.DENIED, f.login("nobody-here", "wrong password number nine", ATTACKER).outcome());
            assertEquals(LoginOutcome.THROTTLED, f.login("someone-else", "x", ATTACKER).outcome());
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("erin", IdentityFixture.GOOD, OFFICE).outcome(),
                    "another address is not slowed down");
        }
    }

    @Test
    void anAddressIsLockedOutOfAnAccountButOthersAreNot() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            f.user("frank");
            for (int i = 0; i < 5; i++) {
                fail(f, "frank", ATTACKER);
            }
            f.advance(Duration.ofMinutes(1));
            LoginResult locked = f.login("frank", IdentityFixture.GOOD, ATTACKER);
            assertEquals(LoginOutcome.THROTTLED, locked.outcome(), "the attacker's address is locked out");
            assertTrue(locked.retryAfter().orElseThrow().compareTo(Duration.ofMinutes(13)) > 0, locked.toString());
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("frank", IdentityFixture.GOOD, OFFICE).outcome(),
                    "the user logs in from another address");
            f.advance(Duration.ofMinutes(15));
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("frank", IdentityFixture.GOOD, ATTACKER).outcome(),
                    "the lock ends after the configured time");
        }
    }

    @Test
    void consecutiveFailuresBeyondTheLimitLockTheAccountUntilAnAdministratorUnlocksIt() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context, Map.of("accountFailureLimit", 10))) {
            User grace = f.user("grace");
            for (int i = 0; i < 5; i++) {
                fail(f, "grace", ATTACKER);
            }
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("grace", IdentityFixture.GOOD, OFFICE).outcome(),
                    "below the limit another address still gets in");
            for (int i = 0; i < 5; i++) {
                fail(f, "grace", ATTACKER_2);
            }
            f.advance(Duration.ofMinutes(20)); // the attackers' address locks are over
            for (int i = 0; i < 5; i++) {
                fail(f, "grace", ATTACKER);
            }
            assertTrue(f.users.get(grace.id()).locked(), "10 consecutive failures lock the account");
            assertEquals(LoginOutcome.THROTTLED, f.login("grace", IdentityFixture.GOOD, OFFICE).outcome());
            f.advance(Duration.ofHours(2));
            assertEquals(LoginOutcome.THROTTLED, f.login("grace", IdentityFixture.GOOD, OFFICE).outcome(),
                    "the account lock does not end by itself");
            f.users.unlock(IdentityFixture.ADMIN, grace.id());
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("grace", IdentityFixture.GOOD, OFFICE).outcome());
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("grace", IdentityFixture.GOOD, ATTACKER).outcome(),
                    "unlock also lifts the address locks");
        }
    }
}
