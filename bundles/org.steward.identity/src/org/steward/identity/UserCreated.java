package org.steward.identity;

/**
 * A new user, or a reset password, with its one-time password. Show the password once to the administrator and never
 * store or log it; it must be changed at the first login.
 *
 * @param user the user
 * @param oneTimePassword the generated password
 */
public record UserCreated(User user, String oneTimePassword) {

    @Override
    public String toString() {
        return "UserCreated[" + user + "]";
    }
}
