package org.steward.encryption.internal;

import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What the key lookup ({@link DataKeys}), the rotation ({@link MasterKeyRotation}) and the backup ({@link KeyBackups})
 * of one keys folder share: its files and packs, the master keys, the wrapping, and the locks that keep them
 * consistent.
 *
 * @param masterSwitch key creation holds the read lock; switching the active master version holds the write lock, so
 *            no key is wrapped under a version that a finishing rotation is about to drop
 * @param rotation held by a rotation and by a backup: a backup never copies a half-rotated store
 */
record KeyStoreFolder(KeyFiles files, KeyPacks packs, MasterKeyStore masters, KeyWrapping wrapping,
        PersonLocks locks, ReentrantReadWriteLock masterSwitch, Object rotation) {

    static KeyStoreFolder of(Path folder, MasterKeyStore masters, Provider cipherProvider, SecureRandom random) {
        KeyFiles files = new KeyFiles(folder);
        return new KeyStoreFolder(files, new KeyPacks(files.persons(), random), masters,
                new KeyWrapping(masters, cipherProvider, random), new PersonLocks(), new ReentrantReadWriteLock(),
                new Object());
    }

    Path folder() {
        return files.folder();
    }
}
