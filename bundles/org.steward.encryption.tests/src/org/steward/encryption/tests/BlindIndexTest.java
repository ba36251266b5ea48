package org.steward.encryption.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.ValidationException;
import org.steward.encryption.BlindIndex;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** Normalisation of e-mail addresses and phone numbers, and the keyed index over them. */
class BlindIndexTest {

    private final BundleContext context = Osgi.context(BlindIndexTest.class);
    private final BlindIndex index = Osgi.service(context, BlindIndex.class);

    @AfterEach
    void defaultKeyStore() throws Exception {
        KeyStores.useDefault(context);
    }

    @Test
    void emailsDifferingInCaseAndSurroundingWhitespaceHaveOneIndex() {
        String expected = index.email("anna.kowalska@example.pl");
        assertEquals(expected, index.email("  Anna.Kowalska@EXAMPLE.pl\t"));
        assertEquals(expected, index.email("ANNA.KOWALSKA@EXAMPLE.PL"));
        assertEquals("anna.kowalska@example.pl", index.normaliseEmail(" Anna.Kowalska@Example.PL "));
        assertNotEquals(expected, index.email("anna.kowalski@example.pl"));
        assertEquals(43, expected.length(), "HMAC-SHA256 as Base64url without padding");
        assertTrue(expected.matches("[A-Za-z0-9_-]{43}"), expected);
        assertEquals(index.email("zażółć@przykład.pl"), index.email("ZAŻÓŁĆ@PRZYKŁAD.PL"));
        assertEquals("ti", index.normaliseEmail("TI@X.IT").substring(0, 2), "Locale.ROOT: no Turkish dotless i");
    }

    @Test
    void phoneNumbersAreIndexedInE164() {
        String expected = index.phone("+48601234567");
        for (String same : new String[] { "+48 601-234-567", "0048601234567", "601 234 567", "(601) 234.567",
                "+48 (601) 234 567", " 601-234-567 ", "00 48 601 234 567" }) {
            assertEquals(expected, index.phone(same), same);
            assertEquals("+48601234567", index.normalisePhone(same), same);
        }
        assertNotEquals(expected, index.phone("+48601234568"));
        assertEquals("+390612345678", index.normalisePhone("+39 06 1234 5678"), "the Italian leading 0 stays");
        assertEquals("+33612345678", index.normalisePhone("0033 6 12 34 56 78"));
    }

    @Test
    void whatCannotBeAPhoneNumberIsRefusedNamingTheField() {
        for (String bad : new String[] { "abc", "12", "n/a", "call me", "601 234 567 <b>", "tel. 601 234 567!", "+48 601 234 567 890 123 4", "++48601234567",
                "+0601234567", "601+234567", "", "   " }) {
            ValidationException e = assertThrows(ValidationException.class, () -> index.phone(bad), bad);
            assertEquals("phone", e.field());
            assertFalse(!bad.isBlank() && e.getMessage().contains(bad), "the message does not repeat the value");
        }
        for (String bad : new String[] { "no-at-sign", "@example.pl", "anna@", "an na@example.pl", "a@b@c.pl" }) {
            assertEquals("email", assertThrows(ValidationException.class, () -> index.email(bad), bad).field());
        }
    }

    @Test
    void nationalNumbersAreReadInTheGivenRegionWithLibphonenumber() {
        assertEquals("+33612345678", index.normalisePhone("06 12 34 56 78", "FR"), "the French trunk 0 is dropped");
        assertEquals("+33612345678", index.normalisePhone("+33 (0)6 12 34 56 78", "PL"));
        assertEquals("+4930123456", index.normalisePhone("030 123456", "de"), "region in any case");
        assertEquals("+442079460958", index.normalisePhone("020 7946 0958", "GB"));
        assertEquals("+390612345678", index.normalisePhone("06 1234 5678", "IT"), "the Italian 0 is part of it");
        assertEquals("+12025550143", index.normalisePhone("(202) 555-0143", "US"));
        assertEquals("+861012345678", index.normalisePhone("010 1234 5678", "CN"));
        assertEquals("+48601234567", index.normalisePhone("601 234 567", null), "the configured default region");
        assertEquals("+48601234567", index.normalisePhone("601 234 567", ""));
        assertEquals("+48601234567", index.normalisePhone("601 234 567", "AQ"), "no numbering plan: the default");
        assertEquals("+33612345678", index.normalisePhone("+33612345678", "US"), "E.164 stays as it is");
        assertEquals(index.normalisePhone("06 12 34 56 78", "FR"), index.normalisePhone("+33 6 12 34 56 78"));
    }

    @Test
    void extensionsAreKeptInRfc3966FormAndLettersBecomeDigits() {
        for (String same : new String[] { "+48 22 123 45 67 ext. 123", "22 123 45 67 x123", "+48221234567;ext=123",
                "22 123 45 67 #123", "+48 22 123 45 67 extension 123", "(22) 123-45-67 ext 123" }) {
            assertEquals("+48221234567;ext=123", index.normalisePhone(same, "PL"), same);
        }
        assertEquals(index.phone("+48221234567;ext=123"), index.phone("22 123 45 67 x123"));
        assertNotEquals(index.phone("+48221234567;ext=123"), index.phone("+48221234567;ext=124"),
                "two extensions of one switchboard are two people");
        assertNotEquals(index.phone("+48221234567;ext=123"), index.phone("+48221234567"));
        assertEquals("+18003569377", index.normalisePhone("1-800-FLOWERS", "US"));
        assertEquals("+18003569377;ext=12", index.normalisePhone("1-800-FLOWERS x12", "US"));
    }

    @Test
    void numbersIndexedBeforeLibphonenumberKeepTheirIndex() {
        // what the digit rule of API 1.2 gave: libphonenumber agrees where it knows the plan, and the rule stays for
        // numbers outside the plans, so that tokens computed before still find them
        String[][] before = { { "+48 600 100 200", "+48600100200" }, { "600-100-200", "+48600100200" },
                { "0048 (600) 100.200", "+48600100200" }, { "+999 1234 5678", "+99912345678" },
                { "12 345 678", "+4812345678" }, { "+39 06 1234 5678", "+390612345678" } };
        for (String[] pair : before) {
            assertEquals(pair[1], index.normalisePhone(pair[0]), pair[0]);
            assertEquals(index.of(BlindIndex.PHONE, pair[1]), index.phone(pair[0]), pair[0]);
        }
    }

    @Test
    void kindsAreSeparatedAndGenericValuesAreIndexed() {
        assertNotEquals(index.of("email", "x@example.pl"), index.of("login", "x@example.pl"));
        assertEquals(index.email("x@example.pl"), index.of(BlindIndex.EMAIL, "x@example.pl"));
        assertEquals(index.of("national-id", "02270803628"), index.of("national-id", "02270803628"));
        assertEquals("kind", assertThrows(ValidationException.class, () -> index.of(" ", "v")).field());
    }

    @Test
    void theDefaultCountryCodeIsASetting() throws Exception {
        Path folder = TempFolders.create("keys").resolve("keys");
        Osgi.configure(context, KeyStores.PID, Map.of("keysFolder", folder.toString(), ".masterPassphrase",
                "country code test passphrase", "defaultCountryCode", "+39"));
        BlindIndex italian = KeyStores.await(context, folder).index();
        assertEquals("+390612345678", italian.normalisePhone("06 1234 5678"));
        assertEquals(italian.phone("+48601234567"), italian.phone("0048 601 234 567"));
    }
}
