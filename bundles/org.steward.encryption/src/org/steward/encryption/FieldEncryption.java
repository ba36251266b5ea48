package org.steward.encryption;

import java.util.Collection;

import org.osgi.annotation.versioning.ProviderType;
import org.steward.core.PersonId;

/**
 * Encrypts one value of one field of one record under the data key of the person the value is about.
 * <p>
 * The cipher is AES-256-GCM with a random 96-bit nonce; the person id, the record id and the field name are bound as
 * associated data, so a ciphertext copied to another person, record or field does not decrypt. The result is text
 * (Base64url without padding) for a {@code VARCHAR} column; it is about {@code 46 + 4/3 * UTF-8 length} characters
 * long. The person's data key is created on the first encryption for that person.
 * <p>
 * Once the person's key was destroyed ({@link KeyManagement#shred(PersonId)}), every ciphertext of that person
 * decrypts to {@link Decrypted.Erased}, and nothing can be encrypted for them any more.
 */
@ProviderType
public interface FieldEncryption {

    /**
     * Encrypts a value.
     *
     * @param person the data subject the value is about
     * @param recordId the id of the record that holds the value (bound to the ciphertext)
     * @param field the field name (bound to the ciphertext)
     * @param value the value; {@code null} is refused (store {@code null} unencrypted for an absent value)
     * @return the ciphertext as Base64url text
     * @throws org.steward.core.ValidationException when an argument is missing (named in the message)
     * @throws org.steward.core.ConflictException when the person was erased (their key was shredded)
     * @throws org.steward.core.UnavailableException when the key store cannot be written
     */
    String encrypt(PersonId person, String recordId, String field, String value);

    /**
     * Decrypts a value written by {@link #encrypt}.
     *
     * @return {@link Decrypted.Plain} with the value, or {@link Decrypted.Erased} when the person's key was shredded
     * @throws CiphertextException when the ciphertext was altered, is malformed, or belongs to another person, record or
     *             field; the message names the record and the field, never the value
     * @throws org.steward.core.UnavailableException when the person has neither a key nor a tombstone in the key store
     *             (a key store older than the data, or a missing restore)
     */
    Decrypted decrypt(PersonId person, String recordId, String field, String ciphertext);

    /**
     * Creates the data keys of many new persons with one synced write; bulk imports call it before encrypting a batch
     * (one synced file per person is far slower). Persons who already have a key or were erased are skipped (erased
     * persons still get nothing encrypted: {@link #encrypt} refuses them). When it returns, the keys are on disk
     * durably, so a database commit made after it never refers to a lost key.
     *
     * @param persons the persons; duplicates and {@code null} elements are ignored
     * @return how many keys were created
     * @throws org.steward.core.UnavailableException when the key store cannot be written (then no key was created)
     * @since 1.2
     */
    int prepareKeys(Collection<PersonId> persons);
}
