package org.steward.encryption.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.encryption.RotationReport;

/**
 * Rotation of the master key: a new master version, every data key (files and pack slots) re-wrapped under it, the
 * old versions dropped. Journaled in {@value #JOURNAL}, so that a rotation interrupted by a crash is completed (or,
 * when it had not started, abandoned) at the next start.
 */
final class MasterKeyRotation {

    static final String JOURNAL = "rotation.journal";

    private final KeyStoreFolder store;
    private final KeyFiles files;
    private final KeyPacks packs;
    private final MasterKeyStore masters;
    private final Clock clock;

    MasterKeyRotation(KeyStoreFolder store, Clock clock) {
        this.store = store;
        this.files = store.files();
        this.packs = store.packs();
        this.masters = store.masters();
        this.clock = clock;
    }

    /** Completes or abandons a rotation that a crash interrupted; says what it did, for the log. */
    Optional<String> resume() {
        Path journal = store.folder().resolve(JOURNAL);
        if (!Files.exists(journal)) {
            return Optional.empty();
        }
        Properties entries = new Properties();
        try (var in = Files.newInputStream(journal)) {
            entries.load(in);
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the rotation journal " + journal + ": " + e.getMessage());
        }
        int to = Integer.parseInt(entries.getProperty("to", "0"));
        String done;
        if (masters.keys().masters().containsKey(to) && masters.keys().activeVersion() == to) {
            long rewrapped = finish(to);
            done = "completed the interrupted master-key rotation to version " + to + " (" + rewrapped
                    + " data keys re-wrapped)";
        } else {
            done = "abandoned the master-key rotation to version " + to + " that had not started; master key "
                    + "version " + masters.keys().activeVersion() + " stays";
        }
        deleteJournal(journal);
        return Optional.of(done);
    }

    RotationReport rotate() {
        synchronized (store.rotation()) {
            Instant start = clock.instant();
            long started = System.nanoTime();
            int from = masters.keys().activeVersion();
            int to = from + 1;
            Path journal = store.folder().resolve(JOURNAL);
            try {
                SafeFiles.writeAtomically(journal, ("# master-key rotation in progress; completed at the next start\n"
                        + "from=" + from + "\nto=" + to + "\nstarted=" + start + "\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                throw new UnavailableException("Cannot write the rotation journal " + journal + ": " + e.getMessage());
            }
            store.masterSwitch().writeLock().lock();
            try {
                masters.addMasterVersion();
            } finally {
                store.masterSwitch().writeLock().unlock();
            }
            long rewrapped = finish(to);
            deleteJournal(journal);
            // how long it took is measured, not read from the clock: a test's simulated clock stands still
            return new RotationReport(from, to, rewrapped, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Re-wraps every key not yet under {@code to}, then drops the other master versions. */
    private long finish(int to) {
        long total = 0;
        while (true) {
            List<Path> pending = new ArrayList<>();
            files.forEachFile(p -> {
                if (p.getFileName().toString().endsWith(KeyFiles.KEY_SUFFIX)) {
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
                if (files.isErased(person)) {
                    return new byte[KeyPacks.WRAPPED];
                }
                if (KeyWrapping.masterVersionOf(wrapped) == to) {
                    return null;
                }
                return store.wrapping().rewrap(person, packs.folder(), wrapped, to);
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
            person = PersonId.parse(name.substring(0, name.length() - KeyFiles.KEY_SUFFIX.length()));
        } catch (RuntimeException e) {
            throw new UnavailableException("The key folder holds a file that is no data key: " + file);
        }
        try (PersonLocks.Held held = store.locks().lock(person)) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (NoSuchFileException shredded) {
                return false;
            }
            if (content.length == KeyWrapping.LENGTH && KeyWrapping.masterVersionOf(content) == to) {
                return false;
            }
            SafeFiles.writeAtomically(file, store.wrapping().rewrap(person, file, content, to));
            return true;
        } catch (IOException e) {
            throw new UnavailableException("Cannot re-wrap the data key " + file + ": " + e.getMessage()
                    + ". Every key stays readable; run encryption:rotate-master again or restart to complete it.");
        }
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
