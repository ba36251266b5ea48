package org.steward.encryption;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The state of the key store, without any secret.
 *
 * @param folder the keys folder
 * @param masterKeyStore the PKCS#12 file that holds the master and blind-index keys
 * @param masterKeyVersion the version of the master key new data keys are wrapped with
 * @param masterKeyCreated when that master key version was created
 * @param masterKeyEntries how many master key versions the key store holds (more than one only during a rotation)
 * @param personKeys how many persons have a data key
 * @param tombstones how many persons' keys were shredded
 * @param passphraseSource where the key store passphrase came from
 * @param cipherProvider the JCA provider used for AES
 * @param macProvider the JCA provider used for HMAC
 * @param cachedKeys how many unwrapped data keys are held in memory
 */
public record KeyStoreStatus(Path folder, Path masterKeyStore, int masterKeyVersion, Instant masterKeyCreated,
        int masterKeyEntries, long personKeys, long tombstones, PassphraseSource passphraseSource,
        String cipherProvider, String macProvider, int cachedKeys) {
}
