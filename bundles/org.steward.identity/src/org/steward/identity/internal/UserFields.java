package org.steward.identity.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.identity.NewUser;
import org.steward.identity.UserStatus;

/** The syntax of a user's fields, for a new user and for a rectification. */
final class UserFields {

    private static final Pattern LOGIN = Pattern.compile("[\\p{L}\\p{N}._@-]{2,64}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,189}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}");

    private UserFields() {
    }

    /** The display name stripped, or a violation. */
    static String displayName(String value, List<Violation> found) {
        String display = value == null ? "" : value.strip();
        if (display.isEmpty() || display.length() > 200 || display.codePoints().anyMatch(Character::isISOControl)) {
            found.add(new Violation("displayName", "must be 1 to 200 characters without control characters"));
        }
        return display;
    }

    /** The e-mail address stripped, or a violation. */
    static String email(String value, List<Violation> found) {
        String email = value == null ? "" : value.strip();
        if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            found.add(new Violation("email", "is not an e-mail address"));
        }
        return email;
    }

    static String language(String value, List<Violation> found) {
        String language = value == null || value.isBlank() ? "en" : value.strip();
        if (!LANGUAGE.matcher(language).matches()) {
            found.add(new Violation("language", "is not a language tag such as en or pl"));
        }
        return language;
    }

    /** A new active user record that must change its password, or a validation error naming every wrong field. */
    static UserRecord newRecord(NewUser user, Instant now) {
        List<Violation> found = new ArrayList<>();
        if (user == null) {
            throw new ValidationException("user", "is required");
        }
        String login = user.loginName() == null ? "" : PasswordPolicy.normalise(user.loginName().strip());
        if (!LOGIN.matcher(login).matches()) {
            found.add(new Violation("loginName", "must be 2 to 64 letters, digits, '.', '_', '-' or '@'"));
        }
        String display = displayName(user.displayName(), found);
        String email = email(user.email(), found);
        String language = language(user.language(), found);
        if (!found.isEmpty()) {
            throw new ValidationException(found);
        }
        UserRecord r = new UserRecord();
        r.id = UUID.randomUUID().toString();
        r.loginName = login;
        r.loginKey = login.toLowerCase(Locale.ROOT);
        r.displayName = display;
        r.email = email;
        r.language = language;
        r.status = UserStatus.ACTIVE.name();
        r.mustChangePassword = true;
        r.createdAt = now;
        r.updatedAt = now;
        return r;
    }
}
