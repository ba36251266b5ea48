package org.steward.contacts.internal;

import org.steward.core.ValidationException;

/**
 * A street as address books write it: one line or several (a building, a flat, a c/o line). Line breaks are kept as
 * {@code \n}; a tab is a space; blank lines and the spaces around each line go. Any other control character (a NUL,
 * an escape) is no part of an address and makes the value unusable.
 */
final class Street {

    private Street() {
    }

    static String normalise(String text) {
        String unified = text.replace("\r\n", "\n").replace('\r', '\n').replace('\t', ' ');
        if (unified.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' || ch == 0x7f)) {
            throw new ValidationException(FieldValidation.STREET, "contains control characters other than line "
                    + "breaks and tabs");
        }
        StringBuilder street = new StringBuilder(unified.length());
        for (String line : unified.split("\n")) {
            String kept = line.strip();
            if (!kept.isEmpty()) {
                street.append(street.isEmpty() ? "" : "\n").append(kept);
            }
        }
        return street.toString();
    }
}
