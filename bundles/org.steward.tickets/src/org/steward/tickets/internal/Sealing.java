package org.steward.tickets.internal;

import java.util.Base64;

import org.steward.core.PersonId;
import org.steward.encryption.Decrypted;
import org.steward.encryption.FieldEncryption;

/**
 * Every personal value of a ticket goes through here: encrypted under the requester's data key with the record id and
 * field bound, so that no plaintext ever reaches the database (its pages, its log) and a crypto-shredded person's
 * leftovers stay unreadable.
 */
final class Sealing {

    static final String SUBJECT = "subject";
    static final String BODY = "body";
    static final String ATTACHMENT_NAME = "attachment.name";
    static final String ATTACHMENT_CONTENT = "attachment.content";
    static final String ERASED = "[erased]";

    private final FieldEncryption encryption;

    Sealing(FieldEncryption encryption) {
        this.encryption = encryption;
    }

    String seal(PersonId person, String recordId, String field, String value) {
        return encryption.encrypt(person, recordId, field, value);
    }

    String sealBytes(PersonId person, String recordId, String field, byte[] value) {
        return encryption.encrypt(person, recordId, field, Base64.getEncoder().encodeToString(value));
    }

    String open(String person, String recordId, String field, String ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        Decrypted value = encryption.decrypt(PersonId.parse(person), recordId, field, ciphertext);
        return value.orElse(ERASED);
    }

    byte[] openBytes(String person, String recordId, String field, String ciphertext) {
        Decrypted value = encryption.decrypt(PersonId.parse(person), recordId, field, ciphertext);
        return value.plain().map(b -> Base64.getDecoder().decode(b)).orElse(new byte[0]);
    }
}
