package org.steward.encryption.internal;

import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.encryption.KeyBackup;
import org.steward.encryption.KeyManagement;
import org.steward.encryption.KeyStoreStatus;
import org.steward.encryption.RotationReport;

/**
 * Console commands of the encryption bundle, in the {@code encryption} scope. The hyphenated names
 * {@code rotate-master} and {@code backup-keys} are aliases (served by the server's command-alias whiteboard) of
 * {@code rotateMaster} and {@code backupKeys}, which carry the help text.
 */
@Component(service = EncryptionCommands.class, property = { "osgi.command.scope=encryption",
        "osgi.command.function=status", "osgi.command.function=rotateMaster", "osgi.command.function=backupKeys",
        "steward.command.alias=rotate-master=rotateMaster", "steward.command.alias=backup-keys=backupKeys" })
public final class EncryptionCommands {

    private final KeyManagement keys;

    @Activate
    public EncryptionCommands(@Reference KeyManagement keys) {
        this.keys = keys;
    }

    @Descriptor("Shows the key store: where it is, the master key version, how many person keys and tombstones, "
            + "the providers in use (no secrets)")
    public String status() {
        KeyStoreStatus s = keys.status();
        return String.join(System.lineSeparator(), List.of(
                "Keys folder:        " + s.folder(),
                "Master key store:   " + s.masterKeyStore(),
                "Master key version: " + s.masterKeyVersion() + " (created " + s.masterKeyCreated() + ")"
                        + (s.masterKeyEntries() > 1 ? ", " + s.masterKeyEntries() + " versions held: a rotation is "
                                + "not finished, run encryption:rotate-master" : ""),
                "Passphrase from:    " + describe(s),
                "Person keys:        " + s.personKeys(),
                "Shredded (erased):  " + s.tombstones(),
                "Keys in memory:     " + s.cachedKeys(),
                "AES provider:       " + s.cipherProvider(),
                "HMAC provider:      " + s.macProvider()));
    }

    private static String describe(KeyStoreStatus s) {
        return switch (s.passphraseSource()) {
            case CONFIGURATION -> "configuration " + EncryptionConfiguration.PID + " (.masterPassphrase)";
            case ENVIRONMENT -> "environment variable " + EncryptionConfiguration.ENVIRONMENT_VARIABLE;
            case GENERATED_FILE -> "generated file " + s.folder().resolve(MasterPassphrase.FILE)
                    + " - move it into " + EncryptionConfiguration.ENVIRONMENT_VARIABLE + " for production";
        };
    }

    @Descriptor("Creates a new master key version and re-wraps every person key with it (no data is re-encrypted). "
            + "Also: encryption:rotate-master")
    public String rotateMaster() {
        RotationReport r = keys.rotateMaster();
        return "Master key rotated from version " + r.fromVersion() + " to " + r.toVersion() + ": " + r.rewrapped()
                + " person keys re-wrapped in " + r.took().toMillis() + " ms. Take a key backup now "
                + "(encryption:backup-keys <folder>).";
    }

    @Descriptor("Copies the key store (master.p12, person keys, tombstones) into a new dated folder inside <folder>; "
            + "the passphrase is not copied. Also: encryption:backup-keys <folder>")
    public String backupKeys(@Descriptor("folder that receives the key backup (created when missing)") String folder) {
        KeyBackup b = keys.backup(Path.of(folder));
        return "Key backup written to " + b.folder() + " (" + b.files() + " files, " + b.bytes() + " bytes). "
                + "Keep it apart from the database backups, and keep the passphrase apart from both.";
    }
}
