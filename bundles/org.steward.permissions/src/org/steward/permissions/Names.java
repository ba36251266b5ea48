package org.steward.permissions;

import java.util.regex.Pattern;

import org.steward.core.ValidationException;

/** The syntax of the names the permissions API accepts, shared by the API records and the service. */
public final class Names {

    /** The module name in a profile that stands for every module without an entry of its own. */
    public static final String ALL = "*";

    private static final Pattern MODULE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    private static final Pattern FIELD = Pattern.compile("[\\p{L}\\p{N}_.\\-:/\\[\\]]{1,64}");
    private static final Pattern ROLE_OR_PROFILE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.()-]{0,63}");

    private Names() {
    }

    /** A module name: lower-case letters, digits, '.', '_' or '-' (as in the audit log). */
    public static String module(String field, String value) {
        return match(field, value, MODULE, "must be lower-case letters, digits, '.', '_' or '-'");
    }

    /** A module name, or {@value #ALL} for every module. */
    public static String moduleOrAll(String field, String value) {
        return ALL.equals(value == null ? null : value.trim()) ? ALL : module(field, value);
    }

    /** A record type: the same syntax as a module name. */
    public static String type(String field, String value) {
        return match(field, value, MODULE, "must be lower-case letters, digits, '.', '_' or '-'");
    }

    /** A field name (as the audit log accepts them), or {@value #ALL} for every non-sensitive field of a type. */
    public static String field(String field, String value) {
        return ALL.equals(value == null ? null : value.trim()) ? ALL
                : match(field, value, FIELD, "must be 1 to 64 letters, digits, '_', '.', '-', ':', '/', '[', ']'");
    }

    /** A role or profile name: letters, digits, spaces, '_', '.', '-', '(' and ')', at most 64, no ':'. */
    public static String roleOrProfile(String field, String value) {
        return match(field, value, ROLE_OR_PROFILE,
                "must start with a letter or digit and have at most 64 letters, digits, spaces, '_', '.', '-', '(', ')'");
    }

    /** A user id as the identity module issues them: not blank, at most 200 characters, no control characters. */
    public static String userId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        String trimmed = value.trim();
        if (trimmed.length() > 200) {
            throw new ValidationException(field, "is longer than 200 characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException(field, "contains control characters");
        }
        return trimmed;
    }

    private static String match(String field, String value, Pattern pattern, String reason) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, "is required");
        }
        String trimmed = value.trim();
        if (!pattern.matcher(trimmed).matches()) {
            throw new ValidationException(field, reason);
        }
        return trimmed;
    }
}
