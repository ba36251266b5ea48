package org.steward.identity.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.steward.core.Violation;

/**
 * The password rules of DESIGN.md rule 8: length in code points after NFC, the common-password list (case-insensitive,
 * also after undoing common character substitutions and stripping digits and symbols around a word), the user's own
 * login name and e-mail, and the optional composition rules. History is checked by the service (it needs hashes).
 */
final class PasswordPolicy {

    static final String FIELD = "password";

    private final IdentityConfiguration config;
    private final Set<String> common;

    PasswordPolicy(IdentityConfiguration config) {
        this.config = config;
        this.common = CommonPasswords.get();
    }

    static String normalise(String password) {
        return password == null ? "" : Normalizer.normalize(password, Normalizer.Form.NFC);
    }

    int maxLength() {
        return Math.max(64, config.maxLength());
    }

    int minLength(boolean mfa) {
        return Math.max(8, mfa ? config.minLengthWithMfa() : config.minLength());
    }

    /** Every rule the (normalised) password breaks. */
    List<Violation> check(String password, boolean mfa, String loginName, String email) {
        List<Violation> found = new ArrayList<>();
        String pw = normalise(password);
        int length = pw.codePointCount(0, pw.length());
        int min = minLength(mfa);
        if (length < min) {
            found.add(new Violation(FIELD, "must have at least " + min + " characters"
                    + (mfa ? "" : " (" + minLength(true) + " with a second factor)")));
        }
        if (length > maxLength()) {
            found.add(new Violation(FIELD, "must have at most " + maxLength() + " characters"));
        }
        String lower = pw.toLowerCase(Locale.ROOT);
        if (isCommon(lower)) {
            found.add(new Violation(FIELD, "is a common or breached password; choose a longer phrase of your own"));
        }
        if (lower.codePoints().distinct().count() < 4 && length > 0) {
            found.add(new Violation(FIELD, "repeats too few different characters"));
        }
        if (contains(lower, loginName)) {
            found.add(new Violation(FIELD, "must not contain the login name"));
        }
        if (email != null && (contains(lower, email) || contains(lower, localPart(email)))) {
            found.add(new Violation(FIELD, "must not contain the e-mail address"));
        }
        if (config.requireUppercase() && pw.codePoints().noneMatch(Character::isUpperCase)) {
            found.add(new Violation(FIELD, "must contain an upper-case letter"));
        }
        if (config.requireLowercase() && pw.codePoints().noneMatch(Character::isLowerCase)) {
            found.add(new Violation(FIELD, "must contain a lower-case letter"));
        }
        if (config.requireDigit() && pw.codePoints().noneMatch(Character::isDigit)) {
            found.add(new Violation(FIELD, "must contain a digit"));
        }
        if (config.requireSymbol() && pw.codePoints().allMatch(c -> Character.isLetterOrDigit(c))) {
            found.add(new Violation(FIELD, "must contain a symbol"));
        }
        return found;
    }

    private boolean isCommon(String lower) {
        if (common.contains(lower)) {
            return true;
        }
        String unleet = unleet(lower);
        if (common.contains(unleet)) {
            return true;
        }
        String core = strip(lower);
        String unleetCore = strip(unleet);
        return core.length() >= 4 && (common.contains(core) || common.contains(unleetCore));
    }

    /** Undoes the substitutions people make to satisfy composition rules. */
    private static String unleet(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(switch (c) {
            case '0' -> 'o';
            case '1', '!' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
            });
        }
        return out.toString();
    }

    /** Removes digits, symbols and spaces at both ends: "!!Password2024!" becomes "password". */
    private static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetter(s.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetter(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean contains(String lowerPassword, String value) {
        if (value == null || value.strip().length() < 3) {
            return false;
        }
        return lowerPassword.contains(normalise(value.strip()).toLowerCase(Locale.ROOT));
    }

    private static String localPart(String email) {
        int at = email.indexOf('@');
        return at > 0 ? email.substring(0, at) : email;
    }
}
