package org.steward.encryption;

import org.steward.core.StewardException;

/**
 * A stored ciphertext cannot be decrypted: it was altered, is malformed, uses an unknown format, or was copied from
 * another person, record or field. The message names the record and the field, never a value.
 */
public class CiphertextException extends StewardException {

    private static final long serialVersionUID = 1L;

    private final String recordId;
    private final String field;

    public CiphertextException(String recordId, String field, String reason) {
        super("The encrypted value of field '" + field + "' of record " + recordId + " cannot be decrypted: " + reason);
        this.recordId = recordId;
        this.field = field;
    }

    public String recordId() {
        return recordId;
    }

    public String field() {
        return field;
    }

    @Override
    public String code() {
        return "ciphertext";
    }
}
