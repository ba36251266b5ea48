package org.steward.encryption.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.core.ValidationException;
import org.steward.encryption.CiphertextException;
import org.steward.encryption.Decrypted;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyManagement;
import org.steward.encryption.ShredOutcome;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** Field encryption on a fresh key store: round trips, bound associated data, random nonces, crypto-shredding. */
class FieldEncryptionTest {

    private final BundleContext context = Osgi.context(FieldEncryptionTest.class);
    private Path folder;
    private FieldEncryption fields;
    private KeyManagement keys;

    @BeforeEach
    void freshKeyStore() throws Exception {
        folder = TempFolders.create("keys").resolve("keys");
        KeyStores.Services services = KeyStores.use(context, folder, "test passphrase for field encryption");
        fields = services.fields();
        keys = services.keys();
    }

    @AfterEach
    void defaultKeyStore() throws Exception {
        KeyStores.useDefault(context);
    }

    @Test
    void valuesInPolishItalianChineseAndFrenchComeBackUnchanged() {
        PersonId person = PersonId.random();
        List<String> values = List.of("Zażółć gęślą jaźń", "Perché la città è così bella? Sì, però…",
                "张伟，北京市朝阳区建国路88号", "Où est l'hôpital ? À côté de la gare, près du château — Œuvre, Ça",
                "", "x", "😀 emoji outside the BMP", "a".repeat(10_000));
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String ciphertext = fields.encrypt(person, "contact-" + i, "note", value);
            assertTrue(ciphertext.matches("[A-Za-z0-9_-]+"), "Base64url without padding: " + ciphertext);
            Decrypted decrypted = fields.decrypt(person, "contact-" + i, "note", ciphertext);
            assertEquals(new Decrypted.Plain(value), decrypted);
            assertEquals(value, decrypted.orElse("[erased]"));
            assertFalse(decrypted.toString().contains(value.isEmpty() ? "\u0000" : value),
                    "toString never shows the value");
        }
    }

    @Test
    void theSameValueEncryptsDifferentlyEveryTime() {
        PersonId person = PersonId.random();
        Set<String> ciphertexts = new HashSet<>();
        Set<String> nonces = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String c = fields.encrypt(person, "r1", "email", "anna.kowalska@example.pl");
            ciphertexts.add(c);
            nonces.add(Arrays.toString(Arrays.copyOfRange(Base64.getUrlDecoder().decode(c), 6, 18)));
        }
        assertEquals(200, ciphertexts.size());
        assertEquals(200, nonces.size(), "a fresh 96-bit nonce every time");
    }

    @Test
    void ciphertextFormatIsVersioned() {
        byte[] data = Base64.getUrlDecoder().decode(fields.encrypt(PersonId.random(), "r", "f", "abc"));
        assertEquals(1, data[0], "format version");
        assertEquals(1, data[1], "algorithm id: AES-256-GCM");
        assertEquals(1, java.nio.ByteBuffer.wrap(data, 2, 4).getInt(), "data key version");
        assertEquals(6 + 12 + 3 + 16, data.length);
    }

    @Test
    void alteredOrMisplacedCiphertextsFailClearlyWithoutShowingTheValue() {
        PersonId person = PersonId.random();
        String secret = "PESEL 02270803628";
        String ciphertext = fields.encrypt(person, "contact-42", "nationalId", secret);
        byte[] data = Base64.getUrlDecoder().decode(ciphertext);

        for (int position : new int[] { 2, 7, 18, 20, data.length - 1 }) {
            byte[] tampered = data.clone();
            tampered[position] ^= 0x01;
            String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);
            CiphertextException e = assertThrows(CiphertextException.class,
                    () -> fields.decrypt(person, "contact-42", "nationalId", altered), "flipped byte " + position);
            assertClear(e, "contact-42", "nationalId", secret);
        }
        assertClear(assertThrows(CiphertextException.class,
                () -> fields.decrypt(person, "contact-43", "nationalId", ciphertext)), "contact-43", "nationalId",
                secret);
        assertClear(assertThrows(CiphertextException.class,
                () -> fields.decrypt(person, "contact-42", "phone", ciphertext)), "contact-42", "phone", secret);
        PersonId other = PersonId.random();
        fields.encrypt(other, "contact-1", "nationalId", "other person's value");
        assertClear(assertThrows(CiphertextException.class,
                () -> fields.decrypt(other, "contact-42", "nationalId", ciphertext), "another person's key"),
                "contact-42", "nationalId", secret);
        assertThrows(CiphertextException.class, () -> fields.decrypt(person, "contact-42", "nationalId",
                ciphertext.substring(0, 20)), "truncated");
        assertThrows(CiphertextException.class, () -> fields.decrypt(person, "contact-42", "nationalId",
                "not base64 at all!"), "not Base64url");
        byte[] future = data.clone();
        future[0] = 9;
        CiphertextException unknown = assertThrows(CiphertextException.class, () -> fields.decrypt(person,
                "contact-42", "nationalId", Base64.getUrlEncoder().withoutPadding().encodeToString(future)));
        assertTrue(unknown.getMessage().contains("format version 9"), unknown.getMessage());
        assertEquals("ciphertext", unknown.code());
    }

    private static void assertClear(CiphertextException e, String record, String field, String secret) {
        assertTrue(e.getMessage().contains(record) && e.getMessage().contains("'" + field + "'"), e.getMessage());
        assertEquals(record, e.recordId());
        assertEquals(field, e.field());
        assertFalse(e.getMessage().contains(secret), "the message never holds the value");
    }

    @Test
    void missingArgumentsAreNamed() {
        PersonId person = PersonId.random();
        assertEquals("recordId", assertThrows(ValidationException.class,
                () -> fields.encrypt(person, " ", "email", "x")).field());
        assertEquals("field", assertThrows(ValidationException.class,
                () -> fields.encrypt(person, "r", null, "x")).field());
        assertEquals("personId", assertThrows(ValidationException.class,
                () -> fields.encrypt(null, "r", "email", "x")).field());
        assertEquals("email", assertThrows(ValidationException.class,
                () -> fields.encrypt(person, "r", "email", null)).field());
    }

    @Test
    void afterShreddingEveryCiphertextIsErasedAndTheKeyIsGoneFromDisk() throws Exception {
        PersonId person = PersonId.random();
        PersonId neighbour = PersonId.random();
        String email = fields.encrypt(person, "c1", "email", "jan.nowak@example.pl");
        String phone = fields.encrypt(person, "c1", "phone", "+48601234567");
        String kept = fields.encrypt(neighbour, "c2", "email", "kept@example.pl");
        Path keyFile = KeyStores.keyFile(folder, person.toString());
        byte[] keyBytes = Files.readAllBytes(keyFile);
        byte[] wrapped = Arrays.copyOfRange(keyBytes, 25, keyBytes.length);
        assertTrue(keys.hasKey(person));

        assertEquals(ShredOutcome.SHREDDED, keys.shred(person));

        Decrypted erased = fields.decrypt(person, "c1", "email", email);
        assertInstanceOf(Decrypted.Erased.class, erased);
        assertTrue(erased.isErased());
        assertEquals("[erased]", erased.orElse("[erased]"));
        assertTrue(fields.decrypt(person, "c1", "phone", phone).isErased());
        assertEquals("kept@example.pl", fields.decrypt(neighbour, "c2", "email", kept).orElse(null),
                "other people's keys are untouched");
        assertFalse(Files.exists(keyFile), "the key file is gone");
        Path tombstone = keyFile.resolveSibling(person + ".shredded");
        assertTrue(Files.exists(tombstone));
        assertTrue(KeyStores.filesContaining(folder, wrapped).isEmpty(), "the wrapped key is nowhere in " + folder);
        assertTrue(KeyStores.indexOf(Files.readAllBytes(tombstone), wrapped) < 0);
        assertTrue(keys.isErased(person));
        assertFalse(keys.hasKey(person));

        ConflictException refused = assertThrows(ConflictException.class,
                () -> fields.encrypt(person, "c1", "email", "again@example.pl"));
        assertTrue(refused.getMessage().contains("erased"), refused.getMessage());
        assertFalse(Files.exists(keyFile), "no new key for an erased person");
        assertEquals(ShredOutcome.ALREADY_SHREDDED, keys.shred(person));
        assertEquals(ShredOutcome.NO_KEY, keys.shred(PersonId.random()));

        Osgi.restart(context, "org.steward.encryption");
        KeyStores.Services after = KeyStores.await(context, folder);
        assertTrue(after.fields().decrypt(person, "c1", "email", email).isErased(), "still erased after a restart");
        assertEquals("kept@example.pl", after.fields().decrypt(neighbour, "c2", "email", kept).orElse(null));
        assertEquals(1, after.keys().status().personKeys());
        assertEquals(2, after.keys().status().tombstones());
    }

    @Test
    void manyPersonsKeepTheirOwnKeysAndTheValuesSurviveARestart() throws Exception {
        int persons = 300;
        String[] ciphertexts = new String[persons];
        PersonId[] ids = new PersonId[persons];
        for (int i = 0; i < persons; i++) {
            ids[i] = PersonId.random();
            ciphertexts[i] = fields.encrypt(ids[i], "r" + i, "name", "Osoba numer " + i);
        }
        assertEquals(persons, keys.status().personKeys());
        Osgi.restart(context, "org.steward.encryption");
        FieldEncryption after = KeyStores.await(context, folder).fields();
        for (int i = 0; i < persons; i++) {
            assertEquals("Osoba numer " + i, after.decrypt(ids[i], "r" + i, "name", ciphertexts[i]).orElse(null));
        }
        byte[] plainKeyFile = Files.readAllBytes(KeyStores.keyFile(folder, ids[0].toString()));
        assertEquals(73, plainKeyFile.length);
        assertArrayEquals("SWDK".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(plainKeyFile, 4));
        // the wrapped key after the 13-byte header is random: any one byte may be 0, all of them never
        assertFalse(Arrays.equals(new byte[60], Arrays.copyOfRange(plainKeyFile, 13, 73)), "the wrapped key is there");
    }
}
