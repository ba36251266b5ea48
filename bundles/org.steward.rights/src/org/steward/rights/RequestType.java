package org.steward.rights;

import java.util.Locale;

import org.steward.core.ValidationException;

/** The rights a person can exercise, with the GDPR article each rests on. */
public enum RequestType {
    /** Art. 15: a copy of the data and what it is used for. */
    ACCESS("Art. 15"),
    /** Art. 16: correction of inaccurate data. */
    RECTIFICATION("Art. 16"),
    /** Art. 17: erasure ("right to be forgotten"). */
    ERASURE("Art. 17"),
    /** Art. 18: restriction of processing; the data may only be stored. */
    RESTRICTION("Art. 18"),
    /** Art. 20: the data in a structured, commonly used, machine-readable format. */
    PORTABILITY("Art. 20"),
    /** Art. 21: objection to processing; absolute for direct marketing (21(3)). */
    OBJECTION("Art. 21");

    private final String article;

    RequestType(String article) {
        this.article = article;
    }

    public String article() {
        return article;
    }

    /** Parses a type case-insensitively ({@code access}, {@code erasure}, ...); anything else names the field. */
    public static RequestType parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "must be one of access, rectification, erasure, restriction, "
                    + "portability, objection");
        }
    }
}
