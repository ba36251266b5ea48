package org.steward.contacts.internal;

import java.nio.ByteBuffer;
import java.util.Base64;

import org.steward.core.PersonId;
import org.steward.encryption.BlindIndex;
import org.steward.encryption.FieldEncryption;

/**
 * A contact's values sealed under the person's key with the record id and field bound, and the blind indexes and
 * 64-bit search tokens of the values that are looked up (e-mail, phone, name prefixes).
 */
final class Sealing {

    /** What a value reads as once the person's key is shredded. */
    static final String ERASED = "[erased]";

    private final FieldEncryption encryption;
    private final BlindIndex blindIndex;

    Sealing(FieldEncryption encryption, BlindIndex blindIndex) {
        this.encryption = encryption;
        this.blindIndex = blindIndex;
    }

    String seal(PersonId person, String recordId, String field, String value) {
        return value == null ? null : encryption.encrypt(person, recordId, field, value);
    }

    String open(PersonId person, String recordId, String field, String ciphertext) {
        return ciphertext == null ? null : encryption.decrypt(person, recordId, field, ciphertext).orElse(ERASED);
    }

    /** Every new person's data key at once: one synced key pack for an import batch instead of one key file each. */
    void prepareKeys(java.util.List<PersonId> persons) {
        encryption.prepareKeys(persons);
    }

    String emailIndex(String email) {
        return email == null ? null : blindIndex.email(email);
    }

    String phoneIndex(String phone) {
        return phone == null ? null : blindIndex.phone(phone);
    }

    /** The address as the blind index compares it; refuses what is no e-mail address. */
    String normaliseEmail(String email) {
        return blindIndex.normaliseEmail(email);
    }

    /** The number as the blind index compares it; refuses what is no phone number. */
    String normalisePhone(String phone) {
        return blindIndex.normalisePhone(phone);
    }

    /** The number as stored and indexed, a national one read in {@code region} (null: the configured default). */
    String normalisePhone(String phone, String region) {
        return blindIndex.normalisePhone(phone, region);
    }

    /**
     * The blind index of the first up to three characters of the first word of a name part: name search finds
     * candidates by it and compares the decrypted names. Three characters keep the index coarse enough that equal
     * indexes say little, and fine enough that a search decrypts few rows.
     */
    String prefixIndex(String namePart) {
        String prefix = NameSearch.prefix(namePart);
        return prefix == null ? null : blindIndex.of("contact-name-prefix", prefix);
    }

    /**
     * The 64-bit search token of a blind index: its first 8 bytes. The contacts table keeps tokens instead of the
     * 43-character indexes because Derby charges every index entry on each imported row, and a number costs less to
     * compare and store. Two different values share a token with a chance of 2^-64 per pair; lookups that must be
     * exact compare the decrypted value.
     */
    static Long token(String blindIndex) {
        if (blindIndex == null) {
            return null;
        }
        return ByteBuffer.wrap(Base64.getUrlDecoder().decode(blindIndex), 0, 8).getLong();
    }

    Long emailToken(String email) {
        return token(emailIndex(email));
    }

    Long phoneToken(String phone) {
        return token(phoneIndex(phone));
    }

    Long prefixToken(String namePart) {
        return token(prefixIndex(namePart));
    }

    /** The name tokens {last, first}: of the prefixes of the last and the first name. */
    Long[] nameTokens(String firstName, String lastName) {
        return new Long[] { prefixToken(lastName), prefixToken(firstName) };
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
