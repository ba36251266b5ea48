package org.steward.identity.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ValidationException;
import org.steward.identity.LoginOutcome;
import org.steward.identity.LoginResult;
import org.steward.identity.RoleMembership;
import org.steward.identity.User;
import org.steward.testing.Osgi;

/** Sessions with idle and absolute timeouts, logout, ending all sessions, IP allow-lists, the first administrator. */
class SessionTest {

    private final BundleContext context = Osgi.context(SessionTest.class);

    @Test
    void idleAndAbsoluteTimeouts() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            f.user("jack");
            LoginResult login = f.login("jack", IdentityFixture.GOOD, "192.0.2.80");
            String token = login.requireToken();
            assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "32 random bytes in Base64url");
            Actor actor = f.auth.actorFor(token, Channel.CLIENT, "192.0.2.80");
            assertEquals(f.clock.instant(), actor.authenticatedAt().orElseThrow());
            assertTrue(actor.sessionId().isPresent());
            assertFalse(actor.sessionId().get().contains(token));
            f.advance(Duration.ofMinutes(29));
            f.auth.actorFor(token, Channel.CLIENT, "192.0.2.80");
            f.advance(Duration.ofMinutes(29));
            f.auth.actorFor(token, Channel.CLIENT, "192.0.2.80");
            f.advance(Duration.ofMinutes(30));
            assertThrows(AccessDeniedException.class, () -> f.auth.actorFor(token, Channel.CLIENT, "192.0.2.80"),
                    "30 idle minutes end the session");

            String second = f.login("jack", IdentityFixture.GOOD, "192.0.2.80").requireToken();
            assertNotEquals(token, second, "a new token at each login");
            var loginTime = f.clock.instant();
            for (int i = 0; i < 12 * 3 - 1; i++) {
                f.advance(Duration.ofMinutes(20));
                f.auth.actorFor(second, Channel.CLIENT, "192.0.2.80");
            }
            f.advance(Duration.ofMinutes(10));
            Actor reauth = f.auth.reauthenticate(second, IdentityFixture.GOOD, Channel.CLIENT, "192.0.2.80");
            assertTrue(reauth.authenticatedAt().orElseThrow().isAfter(loginTime));
            assertEquals(reauth.authenticatedAt(), f.auth.actorFor(second, Channel.CLIENT, "192.0.2.80")
                    .authenticatedAt(), "re-authentication moves authenticatedAt");
            f.advance(Duration.ofMinutes(10));
            assertThrows(AccessDeniedException.class, () -> f.auth.actorFor(second, Channel.CLIENT, "192.0.2.80"),
                    "12 hours after the login the session ends however busy it is");
        }
    }

    @Test
    void logoutAndEndingEverySession() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User kim = f.user("kim");
            String a = f.login("kim", IdentityFixture.GOOD, "192.0.2.90").requireToken();
            String b = f.login("kim", IdentityFixture.GOOD, "192.0.2.91").requireToken();
            String c = f.login("kim", IdentityFixture.GOOD, "192.0.2.92").requireToken();
            f.auth.logout(a);
            assertThrows(AccessDeniedException.class, () -> f.auth.actorFor(a, Channel.CLIENT, "192.0.2.90"));
            f.auth.actorFor(b, Channel.CLIENT, "192.0.2.91");
            assertEquals(2, f.users.endSessions(IdentityFixture.ADMIN, kim.id()));
            assertThrows(AccessDeniedException.class, () -> f.auth.actorFor(b, Channel.CLIENT, "192.0.2.91"));
            assertThrows(AccessDeniedException.class, () -> f.auth.actorFor(c, Channel.CLIENT, "192.0.2.92"));

            // a user who is not an administrator may not end other users' sessions
            f.user("lou");
            Actor lou = f.auth.actorFor(f.login("lou", IdentityFixture.GOOD, "192.0.2.93").requireToken(),
                    Channel.CLIENT, "192.0.2.93");
            assertThrows(AccessDeniedException.class, () -> f.users.endSessions(lou, kim.id()));

            f.users.disable(IdentityFixture.ADMIN, kim.id());
            assertEquals(LoginOutcome.DENIED, f.login("kim", IdentityFixture.GOOD, "192.0.2.94").outcome());
        }
    }

    @Test
    void ipAllowListsPerUserAndPerRole() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User mia = f.user("mia");
            assertThrows(ValidationException.class,
                    () -> f.users.setUserNetworks(IdentityFixture.ADMIN, mia.id(), List.of("example.com/24")));
            assertThrows(ValidationException.class,
                    () -> f.users.setUserNetworks(IdentityFixture.ADMIN, mia.id(), List.of("192.0.2.0/33")));
            f.users.setUserNetworks(IdentityFixture.ADMIN, mia.id(), List.of("192.0.2.0/24", "2001:db8::/32"));
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("mia", IdentityFixture.GOOD, "192.0.2.200").outcome());
            String v6 = f.login("mia", IdentityFixture.GOOD, "2001:db8:1234::5").requireToken();
            assertEquals(LoginOutcome.DENIED, f.login("mia", IdentityFixture.GOOD, "198.51.100.1").outcome());
            assertEquals(LoginOutcome.DENIED, f.login("mia", IdentityFixture.GOOD, "2001:db9::1").outcome());
            assertThrows(AccessDeniedException.class, () -> f.auth.actorFor(v6, Channel.CLIENT, "198.51.100.2"),
                    "a session cannot be used from an address outside the list");
            f.auth.actorFor(v6, Channel.CLIENT, "2001:db8:ffff::1");

            User ned = f.user("ned");
            ServiceRegistration<RoleMembership> roles = context.registerService(RoleMembership.class,
                    userId -> userId.equals(ned.id()) ? Set.of("Sales") : Set.of(), null);
            try {
                f.users.setRoleNetworks(IdentityFixture.ADMIN, "sales", List.of("10.0.0.0/8"));
                assertEquals(LoginOutcome.AUTHENTICATED, f.login("ned", IdentityFixture.GOOD, "10.20.30.40")
                        .outcome());
                assertEquals(LoginOutcome.DENIED, f.login("ned", IdentityFixture.GOOD, "11.0.0.1").outcome());
            } finally {
                roles.unregister();
            }
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("ned", IdentityFixture.GOOD, "11.0.0.2").outcome(),
                    "without the role, the role's rule no longer applies");
        }
    }

    @Test
    void firstAdministratorHasAnOwnerOnlyOneTimePasswordThatMustBeChanged() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            var file = IdentityFixture.adminPasswordFile();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            String password = IdentityFixture.readAdminPassword();
            assertTrue(password.length() >= 15);
            LoginResult first = f.login("admin", password, "192.0.2.100");
            assertEquals(LoginOutcome.PASSWORD_CHANGE_REQUIRED, first.outcome());
            assertThrows(AccessDeniedException.class,
                    () -> f.auth.actorFor(first.requireToken(), Channel.CLIENT, "192.0.2.100"));
            LoginResult changed = f.auth.changePassword(first.requireToken(), password,
                    "a brand new passphrase for the boss", "192.0.2.100");
            assertEquals(LoginOutcome.AUTHENTICATED, changed.outcome());
            Actor admin = f.auth.actorFor(changed.requireToken(), Channel.CLIENT, "192.0.2.100");
            assertFalse(Files.exists(file), "the one-time password file is removed once used");
            assertEquals(LoginOutcome.DENIED, f.login("admin", password, "192.0.2.101").outcome());
            // the first administrator may administer users
            var created = f.users.create(admin, new org.steward.identity.NewUser("olga", "Olga", "olga@example.com"));
            assertEquals(LoginOutcome.PASSWORD_CHANGE_REQUIRED,
                    f.login("olga", created.oneTimePassword(), "192.0.2.102").outcome());
            var reset = f.users.resetPassword(admin, created.user().id());
            assertEquals(LoginOutcome.PASSWORD_CHANGE_REQUIRED,
                    f.login("olga", reset.oneTimePassword(), "192.0.2.102").outcome(), "a reset forces a change");
        }
    }
}
