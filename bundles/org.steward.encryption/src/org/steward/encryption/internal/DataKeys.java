package org.steward.encryption.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.encryption.RotationReport;
import org.steward.encryption.ShredOutcome;

/**
 * The per-person data keys: one small file per person, {@code persons/<2 hex>/<2 hex>/<personId>.key}, holding the
 * random 256-bit key wrapped with AES-256-GCM under a master key version, with the person id bound as associated
 * data. A shredded key leaves the tombstone {@code <personId>.shredded} (no key material).
 * <p>
 * Key file layout (73 bytes): magic {@code SWDK}, format 1, data key version (int), master key version (int), 12-byte
 * nonce, 48 bytes of wrapped key and tag.
 * <p>
 * Persons created in bulk ({@link #prepare}) get their wrapped key in a slot of a {@link KeyPacks key pack} instead;
 * every operation looks at the key file first, then at the packs.
 */
final class DataKeys {

    static final String PERSONS = "persons";
    static final String KEY_SUFFIX = ".key";
    static final String TOMBSTONE_SUFFIX = ".shredded";
    static final String JOURNAL = "rotation.journal";

    private static final byte[] MAGIC = "SWDK".getBytes(StandardCharsets.US_ASCII);
    private static final byte FORMAT = 1;
    private static final int HEADER = 4 + 1 + 4 + 4;
    private static final int NONCE = 12;
    private static final int FILE_LENGTH = HEADER + NONCE + 32 + 16;
    private static final int STRIPES = 256;

    /** Raised inside the store when a person's key was shredded. */
    static final class Erased extends Exception {
        private static final long serialVersionUID = 1L;

        Erased() {
            super(null, null, false, false);
        }
    }

    private final Path folder;
    private final Path persons;
    private final MasterKeyStore masters;
    private final Provider cipherProvider;
    private final SecureRandom random;
    private final Clock clock;
    private final KeyCache cache;
    private final KeyPacks packs;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /** Key creation holds the read lock; switching the active master version holds the write lock. */
    private final ReentrantReadWriteLock masterSwitch = new ReentrantReadWriteLock();
    private final Object rotation = new Object();

    DataKeys(Path folder, MasterKeyStore masters, Provider cipherProvider, SecureRandom random, Clock clock,
            int cacheSize) {
        this.folder = folder;
        this.persons = folder.resolve(PERSONS);
        this.masters = masters;
        this.cipherProvider = cipherProvider;
        this.random = random;
        this.clock = clock;
        this.cache = new KeyCache(cacheSize);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        try {
            SafeFiles.createFolder(persons);
        } catch (IOException e) {
            throw new UnavailableException("Cannot create the folder " + persons + ": " + e.getMessage());
        }
        this.packs = new KeyPacks(persons, random);
    }

    /** Whether any data key file exists in the folder (then a missing master key store must not be re-created). */
    static boolean anyKeyFile(Path folder) {
        Path persons = folder.resolve(PERSONS);
        if (!Files.isDirectory(persons)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(persons)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(KEY_SUFFIX) || KeyPacks.isPack(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path keyFile(PersonId person) {
        String id = person.toString();
        return persons.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id + KEY_SUFFIX);
    }

    Path tombstone(PersonId person) {
        String id = person.toString();
        return persons.resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id + TOMBSTONE_SUFFIX);
    }

    private ReentrantLock lockOf(PersonId person) {
        return stripes[stripeOf(person)];
    }

    private int stripeOf(PersonId person) {
        return (person.hashCode() & 0x7fffffff) % STRIPES;
    }

    /** The person's key, created when missing, for encryption. */
    KeyCache.DataKey keyForEncryption(PersonId person) {
        try {
            return cachedOrLoaded(person, () -> create(person));
        } catch (Erased e) {
            throw new ConflictException("Person " + person + " was erased: their data key was destroyed, so no new "
                    + "data can be encrypted for them");
        }
    }

    /**
     * The person's key for decryption, or {@link Erased} when it was shredded.
     *
     * @throws UnavailableException when there is neither key nor tombstone
     */
    KeyCache.DataKey keyForDecryption(PersonId person) throws Erased {
        return cachedOrLoaded(person, () -> {
            throw new UnavailableException("There is no data key for person " + person + " in " + persons
                    + ": the key store is older than the data, or was not restored with it. Restore the newest key "
                    + "backup (see docs/ENCRYPTION.md).");
        });
    }

    /** What to do when a person has neither a key file nor a tombstone; runs under the person's lock. */
    @FunctionalInterface
    private interface WhenMissing {
        KeyCache.DataKey key();
    }

    /** The cached key, else the key file (a tombstone throws {@link Erased}), else what {@code missing} says. */
    private KeyCache.DataKey cachedOrLoaded(PersonId person, WhenMissing missing) throws Erased {
        KeyCache.DataKey cached = cache.get(person);
        if (cached != null) {
            return cached;
        }
        ReentrantLock lock = lockOf(person);
        lock.lock();
        try {
            KeyCache.DataKey loaded = load(person);
            return loaded != null ? loaded : missing.key();
        } finally {
            lock.unlock();
        }
    }

    /** Loads and caches the person's key; null when there is no key file. Holds the person's lock. */
    private KeyCache.DataKey load(PersonId person) throws Erased {
        if (Files.exists(tombstone(person))) {
            cache.evict(person);
            throw new Erased();
        }
        byte[] content;
        Path file = keyFile(person);
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return loadPacked(person);
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the data key file " + file + ": " + e.getMessage());
        }
        KeyCache.DataKey key = unwrap(person, file, content);
        cache.put(person, key);
        return key;
    }

    /** The person's key from their pack slot; null when no pack holds them. Holds the person's lock. */
    private KeyCache.DataKey loadPacked(PersonId person) throws Erased {
        KeyPacks.Slot slot = packs.find(person.value());
        if (slot == null) {
            return null;
        }
        byte[] wrapped;
        try {
            wrapped = packs.read(slot);
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the key pack " + slot.pack().file + ": " + e.getMessage());
        }
        if (wrapped == null) {
            // a zeroed slot is a shredded key, even if its tombstone were lost: never a second key for the person
            throw new Erased();
        }
        KeyCache.DataKey key = unwrap(person, slot.pack().file, wrapped);
        cache.put(person, key);
        return key;
    }

    /**
     * Creates the keys of the persons who have neither a key nor a tombstone, in one pack written with one synced
     * write; returns how many were created. Holds the locks of every person concerned, so a concurrent
     * {@link #keyForEncryption} or {@link #shred} of one of them waits, and nobody gets two keys.
     */
    int prepare(Collection<PersonId> people) {
        if (people == null || people.isEmpty()) {
            return 0;
        }
        Set<PersonId> distinct = new LinkedHashSet<>(people);
        distinct.remove(null);
        int[] wanted = distinct.stream().mapToInt(this::stripeOf).distinct().sorted().toArray();
        // ascending stripe order: two bulk calls never wait for each other crosswise; single calls hold one stripe
        int locked = 0;
        try {
            for (int stripe : wanted) {
                stripes[stripe].lock();
                locked++;
            }
            List<PersonId> fresh = new ArrayList<>();
            for (PersonId person : distinct) {
                if (cache.get(person) == null && !Files.exists(tombstone(person)) && !Files.exists(keyFile(person))
                        && packs.find(person.value()) == null) {
                    fresh.add(person);
                }
            }
            if (fresh.isEmpty()) {
                return 0;
            }
            List<KeyPacks.Entry> entries = new ArrayList<>(fresh.size());
            List<KeyCache.DataKey> created = new ArrayList<>(fresh.size());
            byte[] key = new byte[32];
            masterSwitch.readLock().lock();
            try {
                MasterKeyStore.Keys keys = masters.keys();
                for (PersonId person : fresh) {
                    random.nextBytes(key);
                    entries.add(new KeyPacks.Entry(person.value(),
                            wrap(person, 1, keys.activeVersion(), keys.active(), key)));
                    created.add(new KeyCache.DataKey(1, new SecretKeySpec(key, "AES")));
                }
                packs.write(entries);
            } catch (IOException e) {
                throw new UnavailableException("Cannot write a key pack of " + fresh.size() + " data keys into "
                        + packs.folder() + ": " + e.getMessage());
            } finally {
                Arrays.fill(key, (byte) 0);
                masterSwitch.readLock().unlock();
            }
            for (int i = 0; i < fresh.size(); i++) {
                cache.put(fresh.get(i), created.get(i));
            }
            return fresh.size();
        } finally {
            for (int i = locked - 1; i >= 0; i--) {
                stripes[wanted[i]].unlock();
            }
        }
    }

    private KeyCache.DataKey create(PersonId person) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        masterSwitch.readLock().lock();
        try {
            MasterKeyStore.Keys keys = masters.keys();
            Path file = keyFile(person);
            SafeFiles.createFolder(file.getParent());
            SafeFiles.writeAtomically(file, wrap(person, 1, keys.activeVersion(), keys.active(), key));
            KeyCache.DataKey created = new KeyCache.DataKey(1, new SecretKeySpec(key, "AES"));
            cache.put(person, created);
            return created;
        } catch (IOException e) {
            throw new UnavailableException("Cannot write the data key of person " + person + " into " + persons
                    + ": " + e.getMessage());
        } finally {
            Arrays.fill(key, (byte) 0);
            masterSwitch.readLock().unlock();
        }
    }

    private byte[] wrap(PersonId person, int dataKeyVersion, int masterVersion, SecretKey master, byte[] key) {
        ByteBuffer out = ByteBuffer.allocate(FILE_LENGTH);
        out.put(MAGIC).put(FORMAT).putInt(dataKeyVersion).putInt(masterVersion);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        out.put(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", cipherProvider);
            cipher.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(out.array(), 0, HEADER);
            cipher.updateAAD(("steward/data-key/" + person).getBytes(StandardCharsets.UTF_8));
            cipher.doFinal(key, 0, key.length, out.array(), HEADER + NONCE);
        } catch (GeneralSecurityException e) {
            throw new UnavailableException("Cannot wrap a data key with " + cipherProvider.getName() + ": "
                    + e.getMessage());
        }
        return out.array();
    }

    private KeyCache.DataKey unwrap(PersonId person, Path file, byte[] content) {
        ByteBuffer in = ByteBuffer.wrap(content);
        if (content.length != FILE_LENGTH || !Arrays.equals(Arrays.copyOf(content, 4), MAGIC)
                || content[4] != FORMAT) {
            throw new UnavailableException("The data key file " + file + " is damaged (wrong length or header); "
                    + "restore it from the key backup");
        }
        in.position(5);
        int dataKeyVersion = in.getInt();
        int masterVersion = in.getInt();
        SecretKey master = masters.keys().masters().get(masterVersion);
        if (master == null) {
            throw new UnavailableException("The data key file " + file + " is wrapped with master key version "
                    + masterVersion + ", which " + masters.file() + " does not hold; restore the key store from the "
                    + "backup taken together with this file");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", cipherProvider);
            cipher.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(128, content, HEADER, NONCE));
            cipher.updateAAD(content, 0, HEADER);
            cipher.updateAAD(("steward/data-key/" + person).getBytes(StandardCharsets.UTF_8));
            byte[] key = cipher.doFinal(content, HEADER + NONCE, content.length - HEADER - NONCE);
            try {
                return new KeyCache.DataKey(dataKeyVersion, new SecretKeySpec(key, "AES"));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            throw new UnavailableException("The data key file " + file + " does not belong to person " + person
                    + " or was altered; restore it from the key backup");
        } catch (GeneralSecurityException e) {
            throw new UnavailableException("Cannot unwrap the data key in " + file + ": " + e.getMessage());
        }
    }

    private static int masterVersionOf(byte[] content) {
        return ByteBuffer.wrap(content, 9, 4).getInt();
    }

    ShredOutcome shred(PersonId person) {
        ReentrantLock lock = lockOf(person);
        lock.lock();
        try {
            cache.evict(person);
            Path key = keyFile(person);
            Path tomb = tombstone(person);
            boolean hadKey = Files.exists(key);
            boolean hadTombstone = Files.exists(tomb);
            // the tombstone first: from then on no key is created again, and a crash is completed at the next start
            if (!hadTombstone) {
                SafeFiles.createFolder(tomb.getParent());
                SafeFiles.writeAtomically(tomb, ("shredded " + clock.instant() + "\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            SafeFiles.shred(key.resolveSibling(key.getFileName() + SafeFiles.TEMP_SUFFIX));
            SafeFiles.shred(key);
            KeyPacks.Slot slot = packs.find(person.value());
            if (slot != null && packs.zero(slot)) {
                hadKey = true;
            }
            return hadKey ? ShredOutcome.SHREDDED : hadTombstone ? ShredOutcome.ALREADY_SHREDDED : ShredOutcome.NO_KEY;
        } catch (IOException e) {
            throw new UnavailableException("Cannot destroy the data key of person " + person + " in " + persons
                    + ": " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    boolean isErased(PersonId person) {
        return Files.exists(tombstone(person));
    }

    boolean hasKey(PersonId person) {
        if (isErased(person)) {
            return false;
        }
        if (Files.exists(keyFile(person))) {
            return true;
        }
        KeyPacks.Slot slot = packs.find(person.value());
        try {
            return slot != null && packs.read(slot) != null;
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the key pack " + slot.pack().file + ": " + e.getMessage());
        }
    }

    int cached() {
        return cache.size();
    }

    void close() {
        cache.clear();
    }

    /** Counts keys (files and live pack slots) and tombstones. */
    long[] count() {
        long[] counts = { packs.live(), 0 };
        forEachFile(p -> {
            String name = p.getFileName().toString();
            if (name.endsWith(KEY_SUFFIX)) {
                counts[0]++;
            } else if (name.endsWith(TOMBSTONE_SUFFIX)) {
                counts[1]++;
            }
        });
        return counts;
    }

    private void forEachFile(Consumer<Path> action) {
        try (Stream<Path> files = Files.walk(persons)) {
            files.filter(Files::isRegularFile).forEach(action);
        } catch (IOException | UncheckedIOException e) {
            throw new UnavailableException("Cannot list the data keys in " + persons + ": " + e.getMessage());
        }
    }

    /**
     * Completes what a crash interrupted: removes temporary files, finishes shredding where a tombstone and a key are
     * both present, and completes or abandons a master-key rotation. Returns what it did, for the log.
     */
    List<String> recover() {
        List<String> done = new ArrayList<>();
        List<Path> unfinished = new ArrayList<>();
        List<PersonId> tombstones = new ArrayList<>();
        forEachFile(p -> {
            String name = p.getFileName().toString();
            if (name.endsWith(SafeFiles.TEMP_SUFFIX)) {
                unfinished.add(p);
            } else if (name.endsWith(TOMBSTONE_SUFFIX)) {
                String id = name.substring(0, name.length() - TOMBSTONE_SUFFIX.length());
                Path key = p.resolveSibling(id + KEY_SUFFIX);
                if (Files.exists(key)) {
                    unfinished.add(key);
                }
                if (packs.count() > 0) {
                    try {
                        tombstones.add(PersonId.parse(id));
                    } catch (RuntimeException notAPerson) {
                        // a stray file; the key lookup ignores it as well
                    }
                }
            }
        });
        for (PersonId person : tombstones) {
            KeyPacks.Slot slot = packs.find(person.value());
            try {
                if (slot != null && packs.zero(slot)) {
                    done.add("zeroed the packed key of the erased person " + person + " in " + slot.pack().file);
                }
            } catch (IOException e) {
                throw new UnavailableException("Cannot zero a shredded key in " + slot.pack().file + ": "
                        + e.getMessage());
            }
        }
        for (Path p : unfinished) {
            try {
                SafeFiles.shred(p);
                done.add("removed the unfinished or shredded key file " + p);
            } catch (IOException e) {
                throw new UnavailableException("Cannot remove " + p + ": " + e.getMessage());
            }
        }
        Path journal = folder.resolve(JOURNAL);
        if (Files.exists(journal)) {
            Properties entries = new Properties();
            try (var in = Files.newInputStream(journal)) {
                entries.load(in);
            } catch (IOException e) {
                throw new UnavailableException("Cannot read the rotation journal " + journal + ": " + e.getMessage());
            }
            int to = Integer.parseInt(entries.getProperty("to", "0"));
            if (masters.keys().masters().containsKey(to) && masters.keys().activeVersion() == to) {
                long rewrapped = finishRotation(to);
                done.add("completed the interrupted master-key rotation to version " + to + " (" + rewrapped
                        + " data keys re-wrapped)");
            } else {
                done.add("abandoned the master-key rotation to version " + to + " that had not started; master key "
                        + "version " + masters.keys().activeVersion() + " stays");
            }
            deleteJournal(journal);
        }
        return done;
    }

    RotationReport rotateMaster() {
        synchronized (rotation) {
            Instant start = clock.instant();
            int from = masters.keys().activeVersion();
            int to = from + 1;
            Path journal = folder.resolve(JOURNAL);
            try {
                SafeFiles.writeAtomically(journal, ("# master-key rotation in progress; completed at the next start\n"
                        + "from=" + from + "\nto=" + to + "\nstarted=" + start + "\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UnavailableException("Cannot write the rotation journal " + journal + ": " + e.getMessage());
            }
            masterSwitch.writeLock().lock();
            try {
                masters.addMasterVersion();
            } finally {
                masterSwitch.writeLock().unlock();
            }
            long rewrapped = finishRotation(to);
            deleteJournal(journal);
            return new RotationReport(from, to, rewrapped, Duration.between(start, clock.instant()));
        }
    }

    /** Re-wraps every key not yet under {@code to}, then drops the other master versions. */
    private long finishRotation(int to) {
        long total = 0;
        while (true) {
            List<Path> pending = new ArrayList<>();
            forEachFile(p -> {
                if (p.getFileName().toString().endsWith(KEY_SUFFIX)) {
                    pending.add(p);
                }
            });
            long changed = 0;
            for (Path file : pending) {
                changed += rewrap(file, to) ? 1 : 0;
            }
            changed += rewrapPacks(to);
            total += changed;
            if (changed == 0) {
                break;
            }
        }
        masters.retainOnly(to);
        return total;
    }

    private long rewrapPacks(int to) {
        try {
            return packs.rewrap((uuid, wrapped) -> {
                PersonId person = new PersonId(uuid);
                if (Files.exists(tombstone(person))) {
                    return new byte[KeyPacks.WRAPPED];
                }
                if (masterVersionOf(wrapped) == to) {
                    return null;
                }
                KeyCache.DataKey key = unwrap(person, packs.folder(), wrapped);
                byte[] raw = key.key().getEncoded();
                try {
                    return wrap(person, key.version(), to, masters.keys().masters().get(to), raw);
                } finally {
                    Arrays.fill(raw, (byte) 0);
                }
            });
        } catch (IOException e) {
            throw new UnavailableException("Cannot re-wrap a key pack in " + packs.folder() + ": " + e.getMessage()
                    + ". Every key stays readable; run encryption:rotate-master again or restart to complete it.");
        }
    }

    private boolean rewrap(Path file, int to) {
        String name = file.getFileName().toString();
        PersonId person;
        try {
            person = PersonId.parse(name.substring(0, name.length() - KEY_SUFFIX.length()));
        } catch (RuntimeException e) {
            throw new UnavailableException("The key folder holds a file that is no data key: " + file);
        }
        ReentrantLock lock = lockOf(person);
        lock.lock();
        try {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException shredded) {
                return false;
            }
            if (content.length == FILE_LENGTH && masterVersionOf(content) == to) {
                return false;
            }
            KeyCache.DataKey key = unwrap(person, file, content);
            MasterKeyStore.Keys keys = masters.keys();
            byte[] raw = key.key().getEncoded();
            try {
                SafeFiles.writeAtomically(file, wrap(person, key.version(), to, keys.masters().get(to), raw));
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
            return true;
        } catch (IOException e) {
            throw new UnavailableException("Cannot re-wrap the data key " + file + ": " + e.getMessage()
                    + ". Every key stays readable; run encryption:rotate-master again or restart to complete it.");
        } finally {
            lock.unlock();
        }
    }

    /** Copies master.p12, every data key and every tombstone into {@code target}, which must not exist yet. */
    long[] backup(Path target) {
        synchronized (rotation) {
            long[] totals = new long[2];
            try {
                SafeFiles.createFolder(target);
                SafeFiles.restrictFolder(target);
                copy(masters.file(), target.resolve(MasterKeyStore.FILE), totals);
                packs.copyTo(target, totals);
                forEachFile(p -> {
                    String name = p.getFileName().toString();
                    if (name.endsWith(KEY_SUFFIX) || name.endsWith(TOMBSTONE_SUFFIX)) {
                        Path copy = target.resolve(folder.relativize(p).toString());
                        try {
                            SafeFiles.createFolder(copy.getParent());
                            copy(p, copy, totals);
                        } catch (NoSuchFileException shreddedMeanwhile) {
                            // the person was erased while the backup ran: the tombstone is copied instead
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                throw new UnavailableException("The key backup into " + target + " failed: " + e.getMessage());
            }
            return totals;
        }
    }

    private static void copy(Path from, Path to, long[] totals) throws IOException {
        byte[] content = Files.readAllBytes(from);
        SafeFiles.writeAtomically(to, content);
        totals[0]++;
        totals[1] += content.length;
    }

    private static void deleteJournal(Path journal) {
        try {
            Files.deleteIfExists(journal);
            SafeFiles.syncFolder(journal.getParent());
        } catch (IOException e) {
            throw new UnavailableException("Cannot remove the rotation journal " + journal + ": " + e.getMessage());
        }
    }
}
