package org.steward.encryption.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.steward.core.ValidationException;

/**
 * Brings e-mail addresses to one form before they are indexed and checks the configured calling code (phone numbers:
 * {@link PhoneNumbers}).
 */
final class Normalisation {

    private static final Pattern COUNTRY_CODE = Pattern.compile("\\+[1-9][0-9]{0,2}");

    private Normalisation() {
    }

    static String email(String email) {
        if (email == null || email.isBlank()) {
            throw new ValidationException("email", "is required");
        }
        String value = Normalizer.normalize(email.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1 || value.length() > 254 || value.indexOf('@') != at
                || value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                || value.endsWith(".") || !value.substring(at + 1).contains(".") && !value.endsWith("localhost")) {
            throw new ValidationException("email", "is not an e-mail address (name@domain)");
        }
        return value;
    }

    /** Validates the configured default country calling code, e.g. +48. */
    static String countryCode(String code) {
        String value = code == null ? "" : code.strip();
        if (value.startsWith("00")) {
            value = "+" + value.substring(2);
        } else if (!value.startsWith("+")) {
            value = "+" + value;
        }
        if (!COUNTRY_CODE.matcher(value).matches()) {
            throw new ValidationException("defaultCountryCode", "must be + and 1 to 3 digits, e.g. +48");
        }
        return value;
    }
}
