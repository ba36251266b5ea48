package org.steward.encryption.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import org.steward.core.ConflictException;
import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.encryption.ShredOutcome;

/**
 * The per-person data keys: one small file per person ({@link KeyFiles}) holding the random 256-bit key wrapped under
 * a master key version ({@link KeyWrapping}); a shredded key leaves a tombstone. Persons created in bulk
 * ({@link #prepare}) get their wrapped key in a slot of a {@link KeyPacks key pack} instead; every operation looks at
 * the key file first, then at the packs.
 */
final class DataKeys {

    /** Raised inside the store when a person's key was shredded. */
    static final class Erased extends Exception {
        private static final long serialVersionUID = 1L;

        Erased() {
            super(null, null, false, false);
        }
    }

    private final KeyStoreFolder store;
    private final KeyFiles files;
    private final KeyPacks packs;
    private final SecureRandom random;
    private final Clock clock;
    private final KeyCache cache;

    DataKeys(KeyStoreFolder store, SecureRandom random, Clock clock, int cacheSize) {
        this.store = store;
        this.files = store.files();
        this.packs = store.packs();
        this.random = random;
        this.clock = clock;
        this.cache = new KeyCache(cacheSize);
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
            throw new UnavailableException("There is no data key for person " + person + " in " + files.persons()
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
        try (PersonLocks.Held held = store.locks().lock(person)) {
            KeyCache.DataKey loaded = load(person);
            return loaded != null ? loaded : missing.key();
        }
    }

    /** Loads and caches the person's key; null when there is no key file. Holds the person's lock. */
    private KeyCache.DataKey load(PersonId person) throws Erased {
        if (files.isErased(person)) {
            cache.evict(person);
            throw new Erased();
        }
        byte[] content;
        Path file = files.keyFile(person);
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return loadPacked(person);
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the data key file " + file + ": " + e.getMessage());
        }
        KeyCache.DataKey key = store.wrapping().unwrap(person, file, content);
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
        KeyCache.DataKey key = store.wrapping().unwrap(person, slot.pack().file, wrapped);
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
        try (PersonLocks.Held held = store.locks().lockAll(distinct)) {
            List<PersonId> fresh = new ArrayList<>();
            for (PersonId person : distinct) {
                if (cache.get(person) == null && !files.isErased(person) && !Files.exists(files.keyFile(person))
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
            store.masterSwitch().readLock().lock();
            try {
                MasterKeyStore.Keys keys = store.masters().keys();
                for (PersonId person : fresh) {
                    random.nextBytes(key);
                    entries.add(new KeyPacks.Entry(person.value(),
                            store.wrapping().wrap(person, 1, keys.activeVersion(), keys.active(), key)));
                    created.add(new KeyCache.DataKey(1, new SecretKeySpec(key, "AES")));
                }
                packs.write(entries);
            } catch (IOException e) {
                throw new UnavailableException("Cannot write a key pack of " + fresh.size() + " data keys into "
                        + packs.folder() + ": " + e.getMessage());
            } finally {
                Arrays.fill(key, (byte) 0);
                store.masterSwitch().readLock().unlock();
            }
            for (int i = 0; i < fresh.size(); i++) {
                cache.put(fresh.get(i), created.get(i));
            }
            return fresh.size();
        }
    }

    private KeyCache.DataKey create(PersonId person) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        store.masterSwitch().readLock().lock();
        try {
            MasterKeyStore.Keys keys = store.masters().keys();
            Path file = files.keyFile(person);
            SafeFiles.createFolder(file.getParent());
            SafeFiles.writeAtomically(file,
                    store.wrapping().wrap(person, 1, keys.activeVersion(), keys.active(), key));
            KeyCache.DataKey created = new KeyCache.DataKey(1, new SecretKeySpec(key, "AES"));
            cache.put(person, created);
            return created;
        } catch (IOException e) {
            throw new UnavailableException("Cannot write the data key of person " + person + " into "
                    + files.persons() + ": " + e.getMessage());
        } finally {
            Arrays.fill(key, (byte) 0);
            store.masterSwitch().readLock().unlock();
        }
    }

    ShredOutcome shred(PersonId person) {
        try (PersonLocks.Held held = store.locks().lock(person)) {
            cache.evict(person);
            Path key = files.keyFile(person);
            Path tomb = files.tombstone(person);
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
            throw new UnavailableException("Cannot destroy the data key of person " + person + " in "
                    + files.persons() + ": " + e.getMessage());
        }
    }

    boolean isErased(PersonId person) {
        return files.isErased(person);
    }

    boolean hasKey(PersonId person) {
        if (isErased(person)) {
            return false;
        }
        if (Files.exists(files.keyFile(person))) {
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
        files.forEachFile(p -> {
            String name = p.getFileName().toString();
            if (name.endsWith(KeyFiles.KEY_SUFFIX)) {
                counts[0]++;
            } else if (name.endsWith(KeyFiles.TOMBSTONE_SUFFIX)) {
                counts[1]++;
            }
        });
        return counts;
    }

    /**
     * Completes what a crash interrupted: removes temporary files and finishes shredding where a tombstone and a key
     * are both present (a key file, or a pack slot not yet zeroed). Returns what it did, for the log.
     */
    List<String> completeShredding() {
        List<String> done = new ArrayList<>();
        List<Path> unfinished = new ArrayList<>();
        List<PersonId> tombstones = new ArrayList<>();
        files.forEachFile(p -> {
            String name = p.getFileName().toString();
            if (name.endsWith(SafeFiles.TEMP_SUFFIX)) {
                unfinished.add(p);
            } else if (name.endsWith(KeyFiles.TOMBSTONE_SUFFIX)) {
                String id = name.substring(0, name.length() - KeyFiles.TOMBSTONE_SUFFIX.length());
                Path key = p.resolveSibling(id + KeyFiles.KEY_SUFFIX);
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
        return done;
    }
}
