package org.steward.encryption.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyBackup;
import org.steward.encryption.KeyManagement;
import org.steward.encryption.PassphraseSource;
import org.steward.encryption.RotationReport;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** The master key store: passphrase, wrong passphrase, rotation (also interrupted), backup and restore, console. */
class KeyStoreTest {

    private static final String PASSPHRASE = "correct horse battery staple 2025";

    private final BundleContext context = Osgi.context(KeyStoreTest.class);

    @AfterEach
    void defaultKeyStore() throws Exception {
        KeyStores.useDefault(context);
    }

    private static Path freshFolder() {
        return TempFolders.create("keys").resolve("keys");
    }

    /** Encrypts one value for each of {@code count} new persons; returns person -> ciphertext. */
    private static Map<PersonId, String> plant(FieldEncryption fields, int count) {
        Map<PersonId, String> planted = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            PersonId person = PersonId.random();
            planted.put(person, fields.encrypt(person, "rec-" + person, "name", "Wartość " + person));
        }
        return planted;
    }

    private static void assertReadable(FieldEncryption fields, Map<PersonId, String> planted) {
        planted.forEach((person, ciphertext) -> assertEquals("Wartość " + person,
                fields.decrypt(person, "rec-" + person, "name", ciphertext).orElse(null)));
    }

    private static int masterVersionOf(Path keyFile) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(keyFile), 9, 4).getInt();
    }

    @Test
    void firstStartWithoutPassphraseGeneratesAnOwnerOnlyFileAndWarns() throws Exception {
        Path folder = freshFolder();
        try (LogCapture log = new LogCapture(context)) {
            KeyStores.Services services = KeyStores.use(context, folder, null);
            String warning = log.await("No master key passphrase is set", "STEWARD_MASTER_PASSPHRASE");
            Path file = folder.resolve("master.passphrase");
            assertTrue(warning.contains(file.toString()), warning);
            assertTrue(Files.isRegularFile(folder.resolve("master.p12")));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
            String passphrase = Files.readString(file).strip();
            assertTrue(passphrase.length() >= 40, "a strong random passphrase");
            assertTrue(log.messages().stream().noneMatch(m -> m != null && m.contains(passphrase)),
                    "the passphrase is never logged");
            assertEquals(PassphraseSource.GENERATED_FILE, services.keys().status().passphraseSource());
            assertEquals(1, services.keys().status().masterKeyVersion());
        }
    }

    @Test
    void wrongPassphraseIsAClearErrorAndChangesNoFile() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        Map<PersonId, String> planted = plant(services.fields(), 20);
        Map<String, byte[]> before = KeyStores.snapshot(folder);

        try (LogCapture log = new LogCapture(context)) {
            Osgi.configure(context, KeyStores.PID,
                    Map.of("keysFolder", folder.toString(), ".masterPassphrase", "Tr0ub4dor&3 wrong"));
            String message = log.await(folder.resolve("master.p12").toString(), "passphrase is wrong");
            assertTrue(message.contains(".masterPassphrase") && message.contains("STEWARD_MASTER_PASSPHRASE"), message);
            assertFalse(message.contains("Tr0ub4dor") || message.contains(PASSPHRASE), "no passphrase in " + message);
            assertTrue(log.messages().stream().noneMatch(m -> m != null && (m.contains("Tr0ub4dor")
                    || m.contains(PASSPHRASE))), "no passphrase in the log");
            Osgi.assertUnusable(context, FieldEncryption.class);
        }
        Map<String, byte[]> after = KeyStores.snapshot(folder);
        assertEquals(before.keySet(), after.keySet(), "no file was added or removed");
        before.forEach((name, bytes) -> assertArrayEquals(bytes, after.get(name), name + " is unchanged"));

        KeyStores.Services again = KeyStores.use(context, folder, PASSPHRASE);
        assertReadable(again.fields(), planted);
    }

    @Test
    void existingKeyStoreWithoutAnyPassphraseIsRefused() throws Exception {
        Path folder = freshFolder();
        KeyStores.use(context, folder, PASSPHRASE);
        byte[] store = Files.readAllBytes(folder.resolve("master.p12"));
        try (LogCapture log = new LogCapture(context)) {
            Osgi.configure(context, KeyStores.PID, Map.of("keysFolder", folder.toString()));
            log.await(folder.resolve("master.p12").toString(), "no passphrase is set", "STEWARD_MASTER_PASSPHRASE");
            Osgi.assertUnusable(context, KeyManagement.class);
        }
        assertFalse(Files.exists(folder.resolve("master.passphrase")), "no passphrase is generated for an old store");
        assertArrayEquals(store, Files.readAllBytes(folder.resolve("master.p12")));
    }

    @Test
    void missingMasterKeyStoreIsNotRecreatedOverExistingDataKeys() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        plant(services.fields(), 3);
        KeyStores.useDefault(context);
        Path moved = Files.move(folder.resolve("master.p12"), folder.resolveSibling("master.p12.away"));
        try (LogCapture log = new LogCapture(context)) {
            Osgi.configure(context, KeyStores.PID,
                    Map.of("keysFolder", folder.toString(), ".masterPassphrase", PASSPHRASE));
            log.await("master key store " + folder.resolve("master.p12"), "is missing", "restore");
            Osgi.assertUnusable(context, KeyManagement.class);
        }
        assertFalse(Files.exists(folder.resolve("master.p12")), "nothing was created");
        Files.move(moved, folder.resolve("master.p12"));
    }

    @Test
    void masterKeyRotationRewrapsEveryKeyAndKeepsAllDataAndIndexes() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        Map<PersonId, String> planted = plant(services.fields(), 50);
        String index = services.index().email("Anna@Example.pl");
        PersonId first = planted.keySet().iterator().next();
        byte[] keyBefore = Files.readAllBytes(KeyStores.keyFile(folder, first.toString()));
        byte[] storeBefore = Files.readAllBytes(folder.resolve("master.p12"));

        RotationReport report = services.keys().rotateMaster();

        assertEquals(1, report.fromVersion());
        assertEquals(2, report.toVersion());
        assertEquals(50, report.rewrapped());
        assertReadable(services.fields(), planted);
        assertEquals(2, services.keys().status().masterKeyVersion());
        assertEquals(1, services.keys().status().masterKeyEntries(), "the old master key is removed at the end");
        assertFalse(Files.exists(folder.resolve("rotation.journal")));
        byte[] keyAfter = Files.readAllBytes(KeyStores.keyFile(folder, first.toString()));
        assertEquals(2, masterVersionOf(KeyStores.keyFile(folder, first.toString())));
        assertFalse(Arrays.equals(keyBefore, keyAfter), "the key file was re-wrapped");
        assertFalse(Arrays.equals(storeBefore, Files.readAllBytes(folder.resolve("master.p12"))));
        assertEquals(index, services.index().email("anna@example.pl"), "the blind index does not change");

        Osgi.restart(context, "org.steward.encryption");
        KeyStores.Services after = KeyStores.await(context, folder);
        assertReadable(after.fields(), planted);
        assertEquals(2, after.keys().status().masterKeyVersion());
        assertEquals(3, after.keys().rotateMaster().toVersion());
        assertReadable(after.fields(), planted);
    }

    @Test
    void interruptedRotationKeepsEveryKeyReadableAndIsCompletedAtTheNextStart() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        Map<PersonId, String> planted = plant(services.fields(), 40);
        // a directory where the temporary file of one key must go makes its re-wrap fail, like a crash there
        List<PersonId> persons = new ArrayList<>(planted.keySet());
        Path blocked = KeyStores.keyFile(folder, persons.get(17).toString());
        Path blocker = blocked.resolveSibling(blocked.getFileName() + ".tmp");
        Files.createDirectories(blocker.resolve("in-the-way"));

        assertThrows(UnavailableException.class, () -> services.keys().rotateMaster());

        assertTrue(Files.exists(folder.resolve("rotation.journal")), "the rotation is journaled");
        assertEquals(2, services.keys().status().masterKeyEntries(), "the old master key is kept");
        assertEquals(1, masterVersionOf(blocked), "the blocked key is still under the old master key");
        assertReadable(services.fields(), planted);

        Files.delete(blocker.resolve("in-the-way"));
        Files.delete(blocker);
        Osgi.restart(context, "org.steward.encryption");
        KeyStores.Services after = KeyStores.await(context, folder);
        assertFalse(Files.exists(folder.resolve("rotation.journal")), "the next start completed the rotation");
        assertEquals(2, after.keys().status().masterKeyVersion());
        assertEquals(1, after.keys().status().masterKeyEntries());
        for (PersonId person : persons) {
            assertEquals(2, masterVersionOf(KeyStores.keyFile(folder, person.toString())));
        }
        assertReadable(after.fields(), planted);
    }

    @Test
    void rotationThatNeverSwitchedIsAbandonedAtTheNextStart() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        Map<PersonId, String> planted = plant(services.fields(), 5);
        Files.writeString(folder.resolve("rotation.journal"), "from=1\nto=2\n");
        Osgi.restart(context, "org.steward.encryption");
        KeyStores.Services after = KeyStores.await(context, folder);
        assertFalse(Files.exists(folder.resolve("rotation.journal")));
        assertEquals(1, after.keys().status().masterKeyVersion());
        assertReadable(after.fields(), planted);
    }

    @Test
    void keyBackupRestoresIntoAnEmptyFolderAndHoldsNoPassphrase() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        Map<PersonId, String> planted = plant(services.fields(), 10);
        PersonId erased = PersonId.random();
        String gone = services.fields().encrypt(erased, "r", "name", "Do usunięcia");
        services.keys().shred(erased);
        Files.writeString(folder.resolve("master.passphrase"), "must not be copied");
        String index = services.index().email("a@b.pl");

        Path target = TempFolders.create("key-backups");
        KeyBackup backup = services.keys().backup(target);
        assertTrue(backup.folder().startsWith(target));
        assertEquals(12, backup.files(), "master.p12, 10 keys and 1 tombstone");
        assertTrue(Files.isRegularFile(backup.folder().resolve("master.p12")));
        assertFalse(Files.exists(backup.folder().resolve("master.passphrase")), "the passphrase stays out");
        assertEquals("must not be copied".length(), Files.size(folder.resolve("master.passphrase")));
        assertEquals(ValidationException.class, assertThrows(ValidationException.class,
                () -> services.keys().backup(folder.resolve("inside"))).getClass());

        // restore: copy the backup into an empty keys folder, same passphrase
        Path restored = freshFolder();
        Files.createDirectories(restored);
        try (Stream<Path> files = Files.walk(backup.folder())) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path copy = restored.resolve(backup.folder().relativize(p).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(p, copy);
            }
        }
        KeyStores.Services fromBackup = KeyStores.use(context, restored, PASSPHRASE);
        assertReadable(fromBackup.fields(), planted);
        assertTrue(fromBackup.fields().decrypt(erased, "r", "name", gone).isErased(), "the erasure is in the backup");
        assertEquals(index, fromBackup.index().email("a@b.pl"), "the blind-index key is in the backup");
    }

    @Test
    void differentKeyStoresGiveDifferentBlindIndexes() throws Exception {
        KeyStores.Services one = KeyStores.use(context, freshFolder(), PASSPHRASE);
        String a = one.index().email("jan@example.pl");
        String p = one.index().phone("601 234 567");
        KeyStores.Services two = KeyStores.use(context, freshFolder(), PASSPHRASE);
        assertNotEquals(a, two.index().email("jan@example.pl"));
        assertNotEquals(p, two.index().phone("601 234 567"));
    }

    @Test
    void consoleShowsStatusRotatesAndBacksUpWithoutSecrets() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        Map<PersonId, String> planted = plant(services.fields(), 3);
        CommandProcessor processor = Osgi.service(context, CommandProcessor.class);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandSession session = processor.createSession(System.in, new PrintStream(out), System.err);
        try {
            String status = String.valueOf(session.execute("encryption:status"));
            assertTrue(status.contains(folder.resolve("master.p12").toString()), status);
            assertTrue(status.contains("Master key version: 1"), status);
            assertTrue(status.contains("Person keys:        3"), status);
            assertTrue(status.contains("SunJCE"), status);
            assertFalse(status.contains(PASSPHRASE), status);

            String rotated = String.valueOf(session.execute("encryption:rotate-master"));
            assertTrue(rotated.contains("from version 1 to 2") && rotated.contains("3 person keys"), rotated);
            Path target = TempFolders.create("console-backup");
            String backedUp = String.valueOf(session.execute("encryption:backup-keys " + target));
            assertTrue(backedUp.contains("Key backup written to " + target), backedUp);
            IllegalArgumentException usage = assertThrows(IllegalArgumentException.class,
                    () -> session.execute("encryption:backup-keys"));
            assertTrue(usage.getMessage().startsWith("Usage: "), usage.getMessage());
            assertTrue(String.valueOf(session.execute("encryption:status")).contains("Master key version: 2"));
        } finally {
            session.close();
        }
        assertReadable(services.fields(), planted);
    }

    @Test
    void settingsAreDescribedAndThePassphraseIsMarkedSecret() {
        MetaTypeService metatype = Osgi.service(context, MetaTypeService.class);
        ObjectClassDefinition ocd = metatype.getMetaTypeInformation(Osgi.bundle(context, "org.steward.encryption"))
                .getObjectClassDefinition(KeyStores.PID, null);
        Map<String, AttributeDefinition> attributes = new LinkedHashMap<>();
        for (AttributeDefinition a : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL)) {
            attributes.put(a.getID(), a);
            assertFalse(a.getDescription().isBlank(), a.getID() + " is described");
        }
        assertEquals(AttributeDefinition.PASSWORD, attributes.get(".masterPassphrase").getType());
        assertEquals("SunJCE", attributes.get("cipherProvider").getDefaultValue()[0]);
        assertEquals("+48", attributes.get("defaultCountryCode").getDefaultValue()[0]);
        assertEquals("10000", attributes.get("keyCacheSize").getDefaultValue()[0]);
        assertTrue(new String(ocd.getDescription().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .contains("key store"));
    }
}
