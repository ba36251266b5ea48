package org.steward.encryption;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.PersonId;

/**
 * The key store: per-person data keys wrapped by the master key, apart from the business database. Used by the
 * erasure of a person (crypto-shredding), by the console and by backups.
 */
@ProviderType
public interface KeyManagement {

    /**
     * Destroys the person's data key: the key file is overwritten with zeros, synced and deleted, and a tombstone
     * (no key material) stays so that no new key is ever created for that person. Every ciphertext of the person then
     * decrypts to {@link Decrypted.Erased}. Idempotent.
     */
    ShredOutcome shred(PersonId person);

    /** Whether the person's key was shredded. */
    boolean isErased(PersonId person);

    /** Whether the person has a data key now. */
    boolean hasKey(PersonId person);

    /** Where the keys are and what they are; no secret. */
    KeyStoreStatus status();

    /**
     * Creates a new master key version and re-wraps every data key under it, without re-encrypting any data. Journaled:
     * a crash leaves every key readable, and the next start completes the rotation. The old master key entry is removed
     * only when every data key was re-wrapped.
     */
    RotationReport rotateMaster();

    /**
     * Copies the key store ({@code master.p12} and every data key and tombstone) into a new dated folder below
     * {@code targetFolder}. The passphrase is not copied: keep it apart from the backup.
     *
     * @throws org.steward.core.ValidationException when the folder is unusable (named in the message)
     */
    KeyBackup backup(Path targetFolder);
}
