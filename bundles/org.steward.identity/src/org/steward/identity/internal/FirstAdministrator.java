package org.steward.identity.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import org.osgi.service.log.Logger;
import org.steward.audit.Outcome;
import org.steward.core.Actor;
import org.steward.core.DataDirectory;
import org.steward.core.UnavailableException;
import org.steward.identity.NewUser;

/**
 * The first administrator of a new database, with a one-time password written to an owner-only file of the run
 * folder, removed once the password is changed.
 */
final class FirstAdministrator {

    static final String LOGIN = "admin";
    static final String PASSWORD_FILE = "initial-admin-password";

    private final Accounts accounts;
    private final Passwords passwords;
    private final DataDirectory dataDirectory;
    private final Logger logger;

    FirstAdministrator(Accounts accounts, Passwords passwords, DataDirectory dataDirectory, Logger logger) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.dataDirectory = dataDirectory;
        this.logger = logger;
    }

    /** Creates the first administrator when the database has no user yet. */
    void createIfNoUsers() {
        long users = accounts.read(em -> em.createQuery("SELECT COUNT(u) FROM UserRecord u", Long.class)
                .getSingleResult());
        if (users > 0) {
            return;
        }
        Instant now = accounts.now();
        UserRecord admin = UserFields.newRecord(new NewUser(LOGIN, "Administrator", "admin@localhost", "en"), now);
        admin.builtInAdministrator = true;
        String password = passwords.oneTimePassword(admin);
        admin.passwordHash = passwords.hash(password);
        admin.passwordChangedAt = now;
        try {
            accounts.run(em -> em.persist(admin));
        } catch (RuntimeException e) {
            if (accounts.read(em -> accounts.byLogin(em, LOGIN)) != null) {
                return; // another server on the same database created it at the same moment
            }
            throw e;
        }
        Path file = writeOwnerOnly(password);
        accounts.audit(Actor.system(), "identity.user.create", admin.id, Outcome.SUCCESS,
                "first administrator; one-time password written to the run folder");
        logger.info("Created the first administrator '{}'; its one-time password is in {} (readable by the owner only, "
                + "to be changed at the first login)", LOGIN, file);
    }

    private Path writeOwnerOnly(String password) {
        Path file = dataDirectory.area("run").resolve(PASSWORD_FILE);
        try {
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
                var f = file.toFile();
                f.setReadable(false, false);
                f.setWritable(false, false);
                f.setReadable(true, true);
                f.setWritable(true, true);
            }
            Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new UnavailableException("Cannot replace " + file + "; remove it and restart", e);
        } catch (IOException e) {
            throw new UnavailableException("Cannot write the first administrator's password to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** The one-time password is of no use once changed; the file goes. */
    void removePasswordFile() {
        try {
            Files.deleteIfExists(dataDirectory.area("run").resolve(PASSWORD_FILE));
        } catch (IOException | RuntimeException e) {
            logger.warn("Could not remove the first administrator's password file: {}", e.toString());
        }
    }
}
