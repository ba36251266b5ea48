package org.steward.encryption.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyBackup;
import org.steward.encryption.RotationReport;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** Data keys created in bulk ({@code prepareKeys}) live in key packs; every key store operation covers them. */
class KeyPackTest {

    private static final String PASSPHRASE = "key packs passphrase 2025";
    private static final int HEADER = 9;
    private static final int SLOT = 16 + 73;

    private final BundleContext context = Osgi.context(KeyPackTest.class);

    @AfterEach
    void defaultKeyStore() throws Exception {
        KeyStores.useDefault(context);
    }

    private static Path freshFolder() {
        return TempFolders.create("packs").resolve("keys");
    }

    private static List<PersonId> persons(int count) {
        List<PersonId> persons = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            persons.add(PersonId.random());
        }
        return persons;
    }

    private static Map<PersonId, String> encryptEach(FieldEncryption fields, List<PersonId> persons) {
        Map<PersonId, String> planted = new LinkedHashMap<>();
        for (PersonId person : persons) {
            planted.put(person, fields.encrypt(person, "rec-" + person, "name", "Wartość " + person));
        }
        return planted;
    }

    private static void assertReadable(FieldEncryption fields, Map<PersonId, String> planted) {
        planted.forEach((person, ciphertext) -> assertEquals("Wartość " + person,
                fields.decrypt(person, "rec-" + person, "name", ciphertext).orElse(null)));
    }

    private static List<Path> packs(Path folder) throws Exception {
        Path packs = folder.resolve("persons").resolve("packs");
        if (!Files.isDirectory(packs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(packs)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".pack")).sorted().toList();
        }
    }

    private static long keyFiles(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder.resolve("persons"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".key")).count();
        }
    }

    /** The 73 wrapped-key bytes of the person's slot in the pack file, or null when the pack does not hold them. */
    private static byte[] slotKey(Path pack, PersonId person) throws Exception {
        byte[] content = Files.readAllBytes(pack);
        ByteBuffer in = ByteBuffer.wrap(content);
        assertEquals("SWKP", new String(content, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        int count = in.getInt(5);
        assertEquals(HEADER + count * SLOT, content.length);
        for (int i = 0; i < count; i++) {
            int at = HEADER + i * SLOT;
            if (in.getLong(at) == person.value().getMostSignificantBits()
                    && in.getLong(at + 8) == person.value().getLeastSignificantBits()) {
                return Arrays.copyOfRange(content, at + 16, at + SLOT);
            }
        }
        return null;
    }

    private static byte[] slotKeyInAnyPack(Path folder, PersonId person) throws Exception {
        for (Path pack : packs(folder)) {
            byte[] key = slotKey(pack, person);
            if (key != null) {
                return key;
            }
        }
        return null;
    }

    @Test
    void preparedKeysEncryptDecryptAndSurviveARestart() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        List<PersonId> persons = persons(300);

        assertEquals(300, services.fields().prepareKeys(persons));

        assertEquals(1, packs(folder).size(), "one pack for the batch");
        assertEquals(0, keyFiles(folder), "no key file per person");
        Map<PersonId, String> planted = encryptEach(services.fields(), persons);
        assertEquals(0, keyFiles(folder), "encryption uses the prepared keys");
        assertReadable(services.fields(), planted);
        assertEquals(300, services.keys().status().personKeys());
        assertTrue(services.keys().hasKey(persons.get(7)));
        assertEquals(0, services.fields().prepareKeys(persons), "a second call creates nothing");

        Osgi.restart(context, "org.steward.encryption");
        KeyStores.Services after = KeyStores.await(context, folder);
        assertEquals(0, after.keys().status().cachedKeys(), "the keys come from the pack, not from memory");
        assertReadable(after.fields(), planted);
        assertTrue(after.keys().hasKey(persons.get(299)));
        assertEquals(300, after.keys().status().personKeys());
        assertEquals(0, after.fields().prepareKeys(persons.subList(0, 10)), "the index was rebuilt from the pack");
    }

    @Test
    void prepareKeysSkipsPersonsWithAKeyAndErasedPersons() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        PersonId withFile = PersonId.random();
        String ciphertext = services.fields().encrypt(withFile, "r", "name", "Jan");
        Path keyFile = KeyStores.keyFile(folder, withFile.toString());
        byte[] keyBefore = Files.readAllBytes(keyFile);
        PersonId erased = PersonId.random();
        services.keys().shred(erased);
        PersonId packed = PersonId.random();
        assertEquals(1, services.fields().prepareKeys(List.of(packed)));
        PersonId fresh = PersonId.random();

        assertEquals(1, services.fields().prepareKeys(Arrays.asList(withFile, erased, packed, fresh, fresh, null)));

        assertArrayEquals(keyBefore, Files.readAllBytes(keyFile), "the key file is untouched");
        assertEquals("Jan", services.fields().decrypt(withFile, "r", "name", ciphertext).orElse(null));
        assertEquals(null, slotKeyInAnyPack(folder, withFile), "no second key for a person with a key file");
        assertEquals(null, slotKeyInAnyPack(folder, erased), "no key for an erased person");
        assertThrows(ConflictException.class, () -> services.fields().encrypt(erased, "r", "name", "x"));
        assertFalse(services.keys().hasKey(erased));
        assertEquals(2, packs(folder).size());
        assertTrue(services.keys().hasKey(fresh));
        assertEquals(0, services.fields().prepareKeys(List.of()), "nothing to do, no pack");
        assertEquals(2, packs(folder).size());
    }

    @Test
    void shreddingAPackedPersonZeroesTheirSlotAndLeavesTheOthers() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        List<PersonId> persons = persons(10);
        services.fields().prepareKeys(persons);
        Map<PersonId, String> planted = encryptEach(services.fields(), persons);
        PersonId victim = persons.get(4);
        Path pack = packs(folder).get(0);
        assertFalse(Arrays.equals(new byte[73], slotKey(pack, victim)));

        assertEquals("SHREDDED", services.keys().shred(victim).name());

        assertArrayEquals(new byte[73], slotKey(pack, victim), "the wrapped key bytes are zeros");
        assertTrue(services.fields().decrypt(victim, "rec-" + victim, "name", planted.get(victim)).isErased());
        assertTrue(services.keys().isErased(victim));
        assertFalse(services.keys().hasKey(victim));
        assertEquals("ALREADY_SHREDDED", services.keys().shred(victim).name());
        assertThrows(ConflictException.class, () -> services.fields().encrypt(victim, "r", "name", "x"));
        Map<PersonId, String> others = new HashMap<>(planted);
        others.remove(victim);
        assertReadable(services.fields(), others);
        assertEquals(9, services.keys().status().personKeys());
        assertEquals(1, services.keys().status().tombstones());

        Osgi.restart(context, "org.steward.encryption");
        KeyStores.Services after = KeyStores.await(context, folder);
        assertTrue(after.fields().decrypt(victim, "rec-" + victim, "name", planted.get(victim)).isErased());
        assertReadable(after.fields(), others);
        assertEquals(9, after.keys().status().personKeys());
    }

    @Test
    void aTombstoneBesideALivePackedKeyIsCompletedAtTheNextStart() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        List<PersonId> persons = persons(5);
        services.fields().prepareKeys(persons);
        PersonId victim = persons.get(2);
        // a crash after the tombstone, before the slot was zeroed
        Path tombstone = KeyStores.keyFile(folder, victim.toString()).resolveSibling(victim + ".shredded");
        Files.createDirectories(tombstone.getParent());
        Files.writeString(tombstone, "shredded\n");

        Osgi.restart(context, "org.steward.encryption");
        KeyStores.Services after = KeyStores.await(context, folder);

        assertArrayEquals(new byte[73], slotKeyInAnyPack(folder, victim));
        assertFalse(after.keys().hasKey(victim));
        assertTrue(after.keys().hasKey(persons.get(3)));
    }

    @Test
    void rotationRewrapsPackedKeys() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        List<PersonId> packed = persons(20);
        services.fields().prepareKeys(packed);
        Map<PersonId, String> planted = encryptEach(services.fields(), packed);
        planted.putAll(encryptEach(services.fields(), persons(5)));
        PersonId shredded = packed.get(0);
        services.keys().shred(shredded);
        planted.remove(shredded);
        byte[] before = slotKeyInAnyPack(folder, packed.get(1));

        RotationReport report = services.keys().rotateMaster();

        assertEquals(24, report.rewrapped(), "19 packed keys and 5 key files");
        byte[] after = slotKeyInAnyPack(folder, packed.get(1));
        assertNotEquals(Arrays.toString(before), Arrays.toString(after));
        for (PersonId person : packed.subList(1, packed.size())) {
            assertEquals(2, ByteBuffer.wrap(slotKeyInAnyPack(folder, person), 9, 4).getInt(), "master version 2");
        }
        assertArrayEquals(new byte[73], slotKeyInAnyPack(folder, shredded), "a zeroed slot stays zero");
        assertEquals(1, services.keys().status().masterKeyEntries());
        assertReadable(services.fields(), planted);

        Osgi.restart(context, "org.steward.encryption");
        KeyStores.Services restarted = KeyStores.await(context, folder);
        assertReadable(restarted.fields(), planted);
        assertEquals(24, restarted.keys().rotateMaster().rewrapped());
        assertReadable(restarted.fields(), planted);
    }

    @Test
    void keyBackupHoldsThePacksAndARestoredCopyDecrypts() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        List<PersonId> persons = persons(10);
        services.fields().prepareKeys(persons);
        Map<PersonId, String> planted = encryptEach(services.fields(), persons);
        PersonId erased = persons.get(9);
        services.keys().shred(erased);
        String gone = planted.remove(erased);

        KeyBackup backup = services.keys().backup(TempFolders.create("pack-backups"));

        assertEquals(3, backup.files(), "master.p12, 1 pack and 1 tombstone");
        Path copiedPack = backup.folder().resolve("persons").resolve("packs")
                .resolve(packs(folder).get(0).getFileName());
        assertArrayEquals(Files.readAllBytes(packs(folder).get(0)), Files.readAllBytes(copiedPack));

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
        assertTrue(fromBackup.fields().decrypt(erased, "rec-" + erased, "name", gone).isErased());
    }

    @Test
    void concurrentBulkAndSingleKeyCreationNeverGivesAPersonTwoKeys() throws Exception {
        Path folder = freshFolder();
        KeyStores.Services services = KeyStores.use(context, folder, PASSPHRASE);
        FieldEncryption fields = services.fields();
        List<PersonId> persons = persons(600);
        Map<PersonId, List<String>> ciphertexts = new ConcurrentHashMap<>();
        AtomicInteger prepared = new AtomicInteger();
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    List<PersonId> mine = new ArrayList<>(persons);
                    Collections.shuffle(mine, new Random(thread));
                    if (thread % 2 == 0) {
                        for (int from = 0; from < mine.size(); from += 50) {
                            prepared.addAndGet(fields.prepareKeys(mine.subList(from, from + 50)));
                        }
                    } else {
                        for (PersonId person : mine) {
                            ciphertexts.computeIfAbsent(person, p -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(fields.encrypt(person, "rec", "name", "v" + thread));
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        long files = keyFiles(folder);
        assertEquals(600, prepared.get() + files, "every person got exactly one key: packed or in a file");
        int inPacks = 0;
        for (PersonId person : persons) {
            boolean file = Files.exists(KeyStores.keyFile(folder, person.toString()));
            boolean packed = slotKeyInAnyPack(folder, person) != null;
            assertTrue(file ^ packed, "one key store for " + person);
            inPacks += packed ? 1 : 0;
        }
        assertEquals(prepared.get(), inPacks);
        Osgi.restart(context, "org.steward.encryption");
        FieldEncryption after = KeyStores.await(context, folder).fields();
        ciphertexts.forEach((person, list) -> {
            for (String c : list) {
                assertTrue(after.decrypt(person, "rec", "name", c).orElse("").startsWith("v"));
            }
        });
    }
}
