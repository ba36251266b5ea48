package org.steward.identity.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.Channel;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.identity.LoginOutcome;
import org.steward.identity.LoginResult;
import org.steward.identity.User;
import org.steward.testing.Osgi;

/** The password policy of DESIGN.md rule 8 and its admin options. */
class PasswordPolicyTest {

    static final String SIXTY_FOUR = "the quick brown fox jumps over the lazy dog while seven owls hum";
    static final String POLISH = "Zażółć gęślą jaźń, pchnąć łódź";
    static final String CHINESE = "我的密码是一只会飞的蓝色大象在唱歌";
    static final String LOWER_ONLY = "only lower case words in this one";

    private final BundleContext context = Osgi.context(PasswordPolicyTest.class);

    private static String reasons(List<Violation> violations) {
        return violations.stream().map(Violation::reason).toList().toString();
    }

    @Test
    void defaultsFollowNistAndAsvs() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            User alice = f.user("alice");
            List<Violation> common = f.users.checkPassword(alice.id(), "password");
            assertTrue(reasons(common).contains("common"), reasons(common));
            List<Violation> dressed = f.users.checkPassword(alice.id(), "Passw0rd!");
            assertTrue(reasons(dressed).contains("common"), reasons(dressed));
            List<Violation> short14 = f.users.checkPassword(alice.id(), "Xk9#mPq2vLw7nR");
            assertEquals(1, short14.size(), reasons(short14));
            assertTrue(short14.get(0).reason().contains("15"), reasons(short14));
            assertEquals("password", short14.get(0).field());
            assertTrue(f.users.checkPassword(alice.id(), "Xk9#mPq2vLw7nRz").isEmpty(), "15 characters are enough");
            assertFalse(f.users.checkPassword(alice.id(), "!!P@ssw0rd2024!!").isEmpty(),
                    "a common password with substitutions and a year around it is still common");
            assertFalse(f.users.checkPassword(alice.id(), "PASSWORD1234567890").isEmpty(), "case-insensitive");

            assertEquals(64, SIXTY_FOUR.length());
            assertTrue(f.users.checkPassword(alice.id(), SIXTY_FOUR).isEmpty());
            assertTrue(f.users.checkPassword(alice.id(), POLISH).isEmpty());
            assertTrue(f.users.checkPassword(alice.id(), CHINESE).isEmpty());
            assertFalse(f.users.checkPassword(alice.id(), SIXTY_FOUR + SIXTY_FOUR + "x").isEmpty(),
                    "129 characters are above the default maximum of 128");

            List<Violation> login = f.users.checkPassword(alice.id(), "my name is ALICE and I like long walks");
            assertTrue(reasons(login).contains("login name"), reasons(login));
            List<Violation> mail = f.users.checkPassword(alice.id(), "write to alice@example.com any time");
            assertTrue(reasons(mail).contains("e-mail") || reasons(mail).contains("login"), reasons(mail));

            // composition rules are off by default
            assertTrue(f.users.checkPassword(alice.id(), LOWER_ONLY).isEmpty());
        }
    }

    @Test
    void unicodePasswordIsNormalisedBeforeHashing() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            f.user("bob");
            LoginResult session = f.login("bob", IdentityFixture.GOOD, "192.0.2.20");
            String decomposed = Normalizer.normalize(POLISH, Normalizer.Form.NFD);
            assertFalse(decomposed.equals(POLISH));
            LoginResult changed = f.auth.changePassword(session.requireToken(), IdentityFixture.GOOD, decomposed,
                    "192.0.2.20");
            assertEquals(LoginOutcome.AUTHENTICATED, changed.outcome());
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("BOB", POLISH, "192.0.2.20").outcome(),
                    "the composed form logs in, and the login name is case-insensitive");
        }
    }

    @Test
    void changeNeedsTheCurrentPasswordAndRefusesBadOnes() throws Exception {
        try (IdentityFixture f = IdentityFixture.fresh(context)) {
            f.user("carol");
            String token = f.login("carol", IdentityFixture.GOOD, "192.0.2.30").requireToken();
            ValidationException wrong = assertThrows(ValidationException.class,
                    () -> f.auth.changePassword(token, "not the current one at all", SIXTY_FOUR, "192.0.2.31"));
            assertEquals("currentPassword", wrong.field());
            ValidationException weak = assertThrows(ValidationException.class,
                    () -> f.auth.changePassword(token, IdentityFixture.GOOD, "password", "192.0.2.30"));
            assertEquals("password", weak.field());
            assertFalse(weak.getMessage().contains("password,"), "the message does not repeat the value");
            // defaults: no history, so going back to an earlier password is allowed
            String t2 = f.auth.changePassword(token, IdentityFixture.GOOD, SIXTY_FOUR, "192.0.2.30").requireToken();
            String t3 = f.auth.changePassword(t2, SIXTY_FOUR, POLISH, "192.0.2.30").requireToken();
            f.auth.changePassword(t3, POLISH, SIXTY_FOUR, "192.0.2.30");
            // defaults: no expiry
            f.advance(Duration.ofDays(800));
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("carol", SIXTY_FOUR, "192.0.2.30").outcome());
        }
    }

    @Test
    void seedOptionsWorkWhenSwitchedOn() throws Exception {
        Map<String, Object> seeds = Map.of("passwordExpiryDays", 90, "passwordHistory", 3, "requireUppercase", true,
                "requireLowercase", true, "requireDigit", true, "requireSymbol", true);
        try (IdentityFixture f = IdentityFixture.fresh(context, seeds)) {
            String strong = "Correct Horse Battery Staple #7";
            String other = "Another Fine Passphrase, No. 42";
            var created = f.users.create(IdentityFixture.ADMIN,
                    new org.steward.identity.NewUser("dave", "Dave", "dave@example.com"));
            String token = f.login("dave", created.oneTimePassword(), "192.0.2.40").requireToken();
            List<Violation> composition = f.users.checkPassword(created.user().id(), "onlylowercasewordsinthisone");
            String text = reasons(composition);
            assertTrue(text.contains("upper-case") && text.contains("digit") && text.contains("symbol"), text);
            assertFalse(text.contains("lower-case"), text);

            String t2 = f.auth.changePassword(token, created.oneTimePassword(), strong, "192.0.2.40").requireToken();
            String t3 = f.auth.changePassword(t2, strong, other, "192.0.2.40").requireToken();
            ValidationException reuse = assertThrows(ValidationException.class,
                    () -> f.auth.changePassword(t3, other, strong, "192.0.2.40"));
            assertTrue(reuse.getMessage().contains("used recently"), reuse.getMessage());

            f.advance(Duration.ofDays(89));
            assertEquals(LoginOutcome.AUTHENTICATED, f.login("dave", other, "192.0.2.40").outcome());
            f.advance(Duration.ofDays(2));
            LoginResult expired = f.login("dave", other, "192.0.2.40");
            assertEquals(LoginOutcome.PASSWORD_CHANGE_REQUIRED, expired.outcome());
            assertThrows(org.steward.core.AccessDeniedException.class,
                    () -> f.auth.actorFor(expired.requireToken(), Channel.CLIENT, "192.0.2.40"));
        }
    }
}
