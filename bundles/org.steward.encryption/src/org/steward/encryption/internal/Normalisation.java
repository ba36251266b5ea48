package org.steward.encryption.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.steward.core.ValidationException;

/** Brings e-mail addresses and phone numbers to one form before they are indexed. */
final class Normalisation {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
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

    static String phone(String phone, String defaultCountryCode) {
        if (phone == null || phone.isBlank()) {
            throw new ValidationException("phone", "is required");
        }
        String text = Normalizer.normalize(phone.strip(), Normalizer.Form.NFKC);
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '-' || c == '.' || c == '(' || c == ')'
                    || c == '/' || c == '\u2010' || c == '\u2011' || c == '\u2012' || c == '\u2013') {
                continue;
            }
            if (c == '+' && kept.isEmpty() || c >= '0' && c <= '9') {
                kept.append(c);
            } else {
                throw new ValidationException("phone", "is not a phone number: only digits, spaces, dashes, dots, "
                        + "parentheses and a leading + or 00 are allowed");
            }
        }
        String digits = kept.toString();
        String e164;
        if (digits.startsWith("+")) {
            e164 = digits;
        } else if (digits.startsWith("00")) {
            e164 = "+" + digits.substring(2);
        } else {
            e164 = defaultCountryCode + digits;
        }
        if (!E164.matcher(e164).matches()) {
            throw new ValidationException("phone", "is not a phone number: E.164 allows 8 to 15 digits including "
                    + "the country code, and no country code starts with 0");
        }
        return e164;
    }
}
