package org.steward.identity;

/**
 * What an administrator enters to create a user.
 *
 * @param loginName 2 to 64 characters: letters, digits, '.', '_', '-', '@'; unique regardless of case
 * @param displayName 1 to 200 characters
 * @param email a work e-mail address
 * @param language a BCP 47 language tag; empty or null for {@code en}
 */
public record NewUser(String loginName, String displayName, String email, String language) {

    public NewUser(String loginName, String displayName, String email) {
        this(loginName, displayName, email, "en");
    }
}
