package org.steward.identity.internal;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.Actor;
import org.steward.core.NotFoundException;
import org.steward.identity.NewUser;
import org.steward.identity.User;
import org.steward.identity.UserCreated;
import org.steward.identity.UserDirectory;

/**
 * Console commands of the identity module, in the {@code users} scope. They act as the operating-system user that runs
 * the server and are audited by the directory. {@code users:reset-password} and {@code users:mfa-reset} are served by
 * {@link Hyphenated} functions, since Gogo method names cannot hold a hyphen.
 */
@Component(service = IdentityCommands.class, property = { "osgi.command.scope=users", "osgi.command.function=add",
        "osgi.command.function=list", "osgi.command.function=disable", "osgi.command.function=enable",
        "osgi.command.function=unlock", "osgi.command.function=resetPassword", "osgi.command.function=mfaReset",
        "osgi.command.function=endSessions", "osgi.command.function=status",
        "steward.command.alias=reset-password=resetPassword", "steward.command.alias=mfa-reset=mfaReset" })
public final class IdentityCommands {

    private static final String NL = System.lineSeparator();

    private final UserDirectory directory;

    @Activate
    public IdentityCommands(@Reference UserDirectory directory) {
        this.directory = directory;
    }

    static Actor console() {
        return Actor.console(System.getProperty("user.name"));
    }

    private User user(String login) {
        return directory.find(login).orElseThrow(() -> new NotFoundException("User", login));
    }

    @Descriptor("Creates a user and prints a one-time password, to be changed at the first login")
    public String add(@Descriptor("login name") String login,
            @Descriptor("display name (quote it when it has spaces)") String displayName,
            @Descriptor("work e-mail address") String email) {
        UserCreated created = directory.create(console(), new NewUser(login, displayName, email));
        return "Created " + created.user().loginName() + " (" + created.user().id() + ")" + NL
                + "One-time password (shown once, must be changed at the first login): " + created.oneTimePassword();
    }

    @Descriptor("Lists the users")
    public String list() {
        List<User> users = directory.list();
        if (users.isEmpty()) {
            return "No users.";
        }
        return users.stream().map(u -> String.format("%-24s %-9s %s%s%s  %s", u.loginName(), u.status(),
                u.mfaEnrolled() ? "MFA " : "", u.locked() ? "LOCKED " : "",
                u.mustChangePassword() ? "must-change-password " : "", u.displayName()))
                .collect(Collectors.joining(NL));
    }

    @Descriptor("Disables a user and ends their sessions")
    public String disable(@Descriptor("login name") String login) {
        directory.disable(console(), user(login).id());
        return "Disabled " + login;
    }

    @Descriptor("Enables a disabled user")
    public String enable(@Descriptor("login name") String login) {
        directory.enable(console(), user(login).id());
        return "Enabled " + login;
    }

    @Descriptor("Lifts every lock and backoff of a user's account")
    public String unlock(@Descriptor("login name") String login) {
        directory.unlock(console(), user(login).id());
        return "Unlocked " + login;
    }

    @Descriptor("Replaces a user's password with a one-time password (printed) and forces a change at the next login")
    public String resetPassword(@Descriptor("login name") String login) {
        UserCreated reset = directory.resetPassword(console(), user(login).id());
        return "Password of " + login + " reset; sessions ended." + NL
                + "One-time password (shown once, must be changed at the next login): " + reset.oneTimePassword();
    }

    @Descriptor("Removes a user's TOTP authenticator and recovery codes (lost phone)")
    public String mfaReset(@Descriptor("login name") String login) {
        directory.resetMfa(console(), user(login).id());
        return "Second factor of " + login + " removed; sessions ended";
    }

    @Descriptor("Ends every session of a user")
    public String endSessions(@Descriptor("login name") String login) {
        return directory.endSessions(console(), user(login).id()) + " sessions of " + login + " ended";
    }

    @Descriptor("Shows the identity module's database, counts and settings")
    public String status() {
        var status = directory.status();
        return "Database: " + status.database() + NL + "Users: " + status.users() + NL + "Sessions: "
                + status.activeSessions() + NL + status.settings().entrySet().stream()
                        .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(NL));
    }
}
