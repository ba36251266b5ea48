package org.steward.identity.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.identity.Authenticator;
import org.steward.identity.LoginOutcome;
import org.steward.identity.LoginResult;
import org.steward.identity.NewUser;
import org.steward.identity.User;
import org.steward.identity.UserCreated;
import org.steward.identity.UserDirectory;
import org.steward.testing.Osgi;
import org.steward.testing.SimulatedClock;
import org.steward.testing.TempFolders;

/**
 * A fresh Derby database (Config Admin), the identity settings asked for, a simulated clock registered as a service,
 * and the identity services that started on that database.
 */
final class IdentityFixture implements AutoCloseable {

    static final String PERSISTENCE_PID = "org.steward.persistence";
    static final String IDENTITY_PID = "org.steward.identity";
    static final Actor ADMIN = Actor.console("tester");
    static final String GOOD = "correct horse battery staple on Tuesday";
    static final Instant START = Instant.parse("2030-01-07T08:00:00Z");

    final BundleContext context;
    private static Map<String, ?> currentConfig = Map.of();

    final SimulatedClock clock;
    final UserDirectory users;
    final Authenticator auth;
    final String databaseUrl;

    private IdentityFixture(BundleContext context, Map<String, ?> config) throws Exception {
        this.context = context;
        Set<Object> before = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ServiceReference<UserDirectory> ref : context.getServiceReferences(UserDirectory.class, null)) {
            UserDirectory d = context.getService(ref);
            if (d != null) {
                before.add(d);
            }
        }
        this.clock = SimulatedClock.shared(context, START);
        if (!config.equals(currentConfig)) {
            Osgi.configure(context, IDENTITY_PID, config);
            currentConfig = Map.copyOf(config);
            Osgi.service(context, UserDirectory.class, d -> settingsMatch(d, config));
        }
        Path folder = TempFolders.create("identity").resolve("db");
        databaseUrl = "jdbc:derby:" + folder;
        Osgi.configure(context, PERSISTENCE_PID, Map.of("jdbcUrl", databaseUrl));
        this.users = Osgi.service(context, UserDirectory.class, d -> !before.contains(d) && matches(d, config));
        this.auth = Osgi.service(context, Authenticator.class, a -> a == (Object) users);
    }

    private boolean matches(UserDirectory d, Map<String, ?> config) {
        try {
            return d.status().database().equals(databaseUrl) && settingsMatch(d, config);
        } catch (RuntimeException stale) {
            return false;
        }
    }

    private static boolean settingsMatch(UserDirectory d, Map<String, ?> config) {
        try {
            var status = d.status();
            for (var e : config.entrySet()) {
                if (!String.valueOf(status.settings().get(e.getKey())).equals(String.valueOf(e.getValue()))) {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException stale) {
            return false;
        }
    }

    static IdentityFixture fresh(BundleContext context) throws Exception {
        return new IdentityFixture(context, Map.of());
    }

    static IdentityFixture fresh(BundleContext context, Map<String, ?> config) throws Exception {
        return new IdentityFixture(context, config);
    }

    @Override
    public void close() {
        // the next fixture sets its own configuration and database
    }

    void advance(Duration by) {
        clock.advance(by);
    }

    /** Creates a user and sets their password to {@link #GOOD} through the first login. */
    User user(String login) {
        UserCreated created = users.create(ADMIN, new NewUser(login, "User " + login, login + "@example.com", "pl"));
        LoginResult first = auth.login(login, created.oneTimePassword(), Channel.CLIENT, "192.0.2.10");
        assertEquals(LoginOutcome.PASSWORD_CHANGE_REQUIRED, first.outcome());
        LoginResult changed = auth.changePassword(first.requireToken(), created.oneTimePassword(), GOOD, "192.0.2.10");
        assertEquals(LoginOutcome.AUTHENTICATED, changed.outcome());
        auth.logout(changed.requireToken());
        return users.get(created.user().id());
    }

    /** Logs in, first waiting out any backoff of the address. */
    LoginResult login(String login, String password, String address) {
        LoginResult result = auth.login(login, password, Channel.CLIENT, address);
        return result;
    }

    static Path adminPasswordFile() {
        return Path.of(System.getProperty("steward.data.dir")).resolve("run").resolve("initial-admin-password");
    }

    static String readAdminPassword() throws Exception {
        Path file = adminPasswordFile();
        assertTrue(Files.exists(file), "the first administrator's password file exists");
        return Files.readAllLines(file).get(0).strip();
    }
}
