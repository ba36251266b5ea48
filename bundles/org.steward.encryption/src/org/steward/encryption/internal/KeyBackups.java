package org.steward.encryption.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.encryption.KeyBackup;

/**
 * Copies of the key store, kept apart from the database backups (design rule 4): master.p12, every data key, pack and
 * tombstone, and the erasure blocklist, into a new folder {@code keys-backup-<time>}. The passphrase is not copied.
 */
final class KeyBackups {

    private static final DateTimeFormatter BACKUP_NAME = DateTimeFormatter
            .ofPattern("'keys-backup-'yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final KeyStoreFolder store;
    private final ErasureRegisterFile erasures;
    private final Clock clock;

    KeyBackups(KeyStoreFolder store, ErasureRegisterFile erasures, Clock clock) {
        this.store = store;
        this.erasures = erasures;
        this.clock = clock;
    }

    KeyBackup backup(Path targetFolder) {
        if (targetFolder == null || targetFolder.toString().isBlank()) {
            throw new ValidationException("folder", "is required");
        }
        Path folder = store.folder();
        Path parent = targetFolder.toAbsolutePath().normalize();
        if (parent.startsWith(folder)) {
            throw new ValidationException("folder", "must be outside the keys folder " + folder);
        }
        Instant start = clock.instant();
        Path target = parent.resolve(BACKUP_NAME.format(start));
        if (Files.exists(target)) {
            throw new ValidationException("folder", "already holds a key backup of this second: " + target);
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ValidationException("folder", "cannot be created or written: " + parent);
        }
        long[] totals = copyKeys(target);
        copyErasures(target, totals);
        return new KeyBackup(start, target, totals[0], totals[1]);
    }

    /** Copies master.p12, every data key and every tombstone into {@code target}, which must not exist yet. */
    private long[] copyKeys(Path target) {
        synchronized (store.rotation()) {
            long[] totals = new long[2];
            try {
                SafeFiles.createFolder(target);
                SafeFiles.restrictFolder(target);
                copy(store.masters().file(), target.resolve(MasterKeyStore.FILE), totals);
                store.packs().copyTo(target, totals);
                store.files().forEachFile(p -> {
                    String name = p.getFileName().toString();
                    if (name.endsWith(KeyFiles.KEY_SUFFIX) || name.endsWith(KeyFiles.TOMBSTONE_SUFFIX)) {
                        Path copy = target.resolve(store.folder().relativize(p).toString());
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

    /** The blocklist goes with the keys: a restored key store must not forget an erasure. */
    private void copyErasures(Path target, long[] totals) {
        Path file = erasures.file();
        if (!Files.exists(file)) {
            return;
        }
        try {
            copy(file, target.resolve(ErasureRegisterFile.FILE), totals);
        } catch (IOException e) {
            throw new UnavailableException("The key backup into " + target + " failed: " + e.getMessage());
        }
    }

    private static void copy(Path from, Path to, long[] totals) throws IOException {
        byte[] content = Files.readAllBytes(from);
        SafeFiles.writeAtomically(to, content);
        totals[0]++;
        totals[1] += content.length;
    }
}
