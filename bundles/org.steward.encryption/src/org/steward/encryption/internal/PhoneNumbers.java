package org.steward.encryption.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import org.steward.core.ValidationException;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.ValidationResult;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Brings a phone number to the one form that is stored and indexed: E.164, with an extension in RFC 3966 form
 * ({@code +48221234567;ext=123}). libphonenumber reads the number in the region of the contact (or the region of the
 * configured calling code): it drops a national trunk prefix where the region's plan does (France, Germany, the UK)
 * and keeps it where it is part of the number (Italy), reads extensions ({@code ext. 123}, {@code x123},
 * {@code ;ext=123}, {@code #123}) and letters ({@code 1-800-FLOWERS}). A number outside libphonenumber's plans that
 * the earlier digit rule accepted (a leading {@code 00} or {@code +}, else the calling code, then 8 to 15 digits)
 * keeps that rule's result, so every number stored and indexed before still gives the same index.
 */
final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    /** {@code #123} at the end: libphonenumber reads {@code #} as an extension mark only after a number. */
    private static final Pattern HASH_EXTENSION = Pattern.compile("\\s*#\\s*([0-9]{1,10})$");
    private static final String SEPARATORS = "-.()/\u2010\u2011\u2012\u2013\u2014\u2015";

    private final String defaultCountryCode;
    private final String defaultRegion;

    /** {@code defaultCountryCode} as validated by {@link Normalisation#countryCode}, e.g. {@code +48}. */
    PhoneNumbers(String defaultCountryCode) {
        this.defaultCountryCode = defaultCountryCode;
        this.defaultRegion = UTIL.getRegionCodeForCountryCode(Integer.parseInt(defaultCountryCode.substring(1)));
    }

    /**
     * The number in E.164 (with {@code ;ext=} when it has an extension); {@code region} (ISO 3166-1 alpha-2) is where a
     * national number is read, null or unknown takes the region of the configured calling code.
     *
     * @throws ValidationException (field {@code phone}) when the text cannot be a phone number
     */
    String normalise(String phone, String region) {
        if (phone == null || phone.isBlank()) {
            throw new ValidationException("phone", "is required");
        }
        String text = Normalizer.normalize(phone.strip(), Normalizer.Form.NFKC);
        requirePhoneCharacters(text);
        String regionCode = regionCode(region);
        String parsed = parse(HASH_EXTENSION.matcher(text).replaceFirst(";ext=$1"), regionCode);
        if (parsed != null) {
            return parsed;
        }
        String digits = digitRule(text, regionCode);
        if (digits == null) {
            throw new ValidationException("phone", "is not a phone number: E.164 allows 8 to 15 digits including "
                    + "the country code, and no country code starts with 0");
        }
        return digits;
    }

    /** The default region's calling code, e.g. {@code PL} for {@code +48}; {@code ZZ} when no region has it. */
    String defaultRegion() {
        return defaultRegion;
    }

    private String regionCode(String region) {
        if (region != null && !region.isBlank()) {
            String code = region.strip().toUpperCase(Locale.ROOT);
            if (UTIL.getSupportedRegions().contains(code)) {
                return code;
            }
        }
        return defaultRegion;
    }

    private static String parse(String text, String regionCode) {
        try {
            PhoneNumber number = UTIL.parse(text, regionCode);
            if (UTIL.isPossibleNumberWithReason(number) != ValidationResult.IS_POSSIBLE) {
                return null;
            }
            String e164 = UTIL.format(number, PhoneNumberFormat.E164);
            if (!E164.matcher(e164).matches()) {
                return null;
            }
            return number.hasExtension() && !number.getExtension().isEmpty() ? e164 + ";ext=" + number.getExtension()
                    : e164;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The rule before libphonenumber, for digits only: what it accepted keeps its index. */
    private String digitRule(String text, String regionCode) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+' && kept.isEmpty() || c >= '0' && c <= '9') {
                kept.append(c);
            } else if (!isSeparator(c)) {
                return null;
            }
        }
        String digits = kept.toString();
        String callingCode = regionCode.equals(defaultRegion) ? defaultCountryCode
                : "+" + UTIL.getCountryCodeForRegion(regionCode);
        String e164 = digits.startsWith("+") ? digits
                : digits.startsWith("00") ? "+" + digits.substring(2) : callingCode + digits;
        return E164.matcher(e164).matches() ? e164 : null;
    }

    /**
     * Digits, letters (words of a vanity number, an extension mark), separators, {@code #}, {@code ;ext=} and one
     * leading {@code +}: libphonenumber alone would also read a number out of surrounding text or several pluses.
     */
    private static void requirePhoneCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = Character.isLetterOrDigit(c) || isSeparator(c) || c == '#' || c == ';' || c == '='
                    || c == '+' && i == 0;
            if (!allowed) {
                throw new ValidationException("phone", "is not a phone number: only digits, spaces, dashes, dots, "
                        + "parentheses, a leading + or 00, letters of a vanity number and an extension are allowed");
            }
        }
    }

    private static boolean isSeparator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || SEPARATORS.indexOf(c) >= 0;
    }
}
