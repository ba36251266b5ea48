package org.steward.encryption.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.encryption.PasswordHasher;
import org.steward.testing.Osgi;

/** Argon2id with the OWASP parameters, in the PHC string format. */
class PasswordHasherTest {

    static final String PID = "org.steward.encryption.passwords";
    private static final Pattern PHC = Pattern
            .compile("\\$argon2id\\$v=19\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$([A-Za-z0-9+/]{22})\\$([A-Za-z0-9+/]{43})");

    private final BundleContext context = Osgi.context(PasswordHasherTest.class);

    @AfterEach
    void defaults() throws Exception {
        Osgi.configure(context, PID, Map.of());
    }

    private PasswordHasher hasher() {
        return Osgi.service(context, PasswordHasher.class);
    }

    @Test
    void rightPasswordMatchesAndWrongOnesDoNot() {
        PasswordHasher hasher = hasher();
        String encoded = hasher.hash("correct horse battery staple".toCharArray());
        Matcher m = PHC.matcher(encoded);
        assertTrue(m.matches(), encoded);
        assertEquals("19456", m.group(1));
        assertEquals("2", m.group(2));
        assertEquals("1", m.group(3));
        assertTrue(hasher.verify("correct horse battery staple".toCharArray(), encoded));
        assertFalse(hasher.verify("correct horse battery stapl".toCharArray(), encoded));
        assertFalse(hasher.verify("Correct horse battery staple".toCharArray(), encoded));
        assertFalse(hasher.verify("".toCharArray(), encoded));
        assertFalse(hasher.needsRehash(encoded));
        assertNotEquals(encoded, hasher.hash("correct horse battery staple".toCharArray()), "a new salt each time");
    }

    @Test
    void unicodePasswordsWork() {
        PasswordHasher hasher = hasher();
        String password = "Zażółć gęślą jaźń 密码 ✓ 😀";
        String encoded = hasher.hash(password.toCharArray());
        assertTrue(hasher.verify(password.toCharArray(), encoded));
        assertFalse(hasher.verify("Zazolc gesla jazn 密码 ✓ 😀".toCharArray(), encoded));
    }

    @Test
    void thePasswordArrayIsCleared() {
        char[] password = "a password to forget".toCharArray();
        String encoded = hasher().hash(password);
        assertEquals(new String(new char[password.length]), new String(password));
        char[] again = "a password to forget".toCharArray();
        assertTrue(hasher().verify(again, encoded));
        assertEquals(new String(new char[again.length]), new String(again));
    }

    @Test
    void hashesMadeWithLowerParametersNeedARehash() throws Exception {
        PasswordHasher before = hasher();
        Osgi.configure(context, PID, Map.of("memoryKiB", 8192, "iterations", 1, "parallelism", 1));
        PasswordHasher weak = Osgi.service(context, PasswordHasher.class, h -> h != before);
        String old = weak.hash("sixteen characters".toCharArray());
        assertTrue(old.startsWith("$argon2id$v=19$m=8192,t=1,p=1$"), old);

        Osgi.configure(context, PID, Map.of());
        PasswordHasher current = Osgi.service(context, PasswordHasher.class, h -> h != weak);
        assertTrue(current.needsRehash(old), "m and t below the configured ones");
        assertTrue(current.verify("sixteen characters".toCharArray(), old), "the old hash still verifies");
        String fresh = current.hash("sixteen characters".toCharArray());
        assertFalse(current.needsRehash(fresh));
        assertTrue(current.needsRehash(fresh.replace("t=2", "t=1")));
        assertTrue(current.needsRehash("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                + "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"), "another Argon2 variant");
        assertTrue(current.needsRehash("$2y$10$abcdefghijklmnopqrstuv"), "not Argon2 at all");
    }

    @Test
    void malformedOrTamperedHashesNeverMatch() {
        PasswordHasher hasher = hasher();
        String encoded = hasher.hash("sixteen characters".toCharArray());
        assertFalse(hasher.verify("sixteen characters".toCharArray(), "garbage"));
        assertFalse(hasher.verify("sixteen characters".toCharArray(), null));
        String[] parts = encoded.split("\\$");
        char last = parts[5].charAt(10);
        parts[5] = parts[5].substring(0, 10) + (last == 'A' ? 'B' : 'A') + parts[5].substring(11);
        assertFalse(hasher.verify("sixteen characters".toCharArray(), String.join("$", parts)));
        assertFalse(hasher.verify("sixteen characters".toCharArray(),
                encoded.replace("m=19456", "m=99999999")), "absurd parameters are refused, not computed");
    }
}
