package org.steward.encryption.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.osgi.service.log.Logger;
import org.steward.core.UnavailableException;
import org.steward.encryption.PassphraseSource;

/**
 * The passphrase of the master key store: from the configuration, else the environment, else the generated file in
 * the keys folder, which is generated only on a first start.
 *
 * @param value the passphrase; the caller clears it once the store is open
 * @param source where it came from
 */
record MasterPassphrase(char[] value, PassphraseSource source) {

    static final String FILE = "master.passphrase";

    static MasterPassphrase find(EncryptionConfiguration config, Path folder, SecureRandom random, Logger logger) {
        String configured = config._masterPassphrase();
        if (configured != null && !configured.isEmpty()) {
            return new MasterPassphrase(configured.toCharArray(), PassphraseSource.CONFIGURATION);
        }
        String environment = System.getenv(EncryptionConfiguration.ENVIRONMENT_VARIABLE);
        if (environment != null && !environment.isEmpty()) {
            return new MasterPassphrase(environment.toCharArray(), PassphraseSource.ENVIRONMENT);
        }
        return new MasterPassphrase(generatedFile(folder, random, logger), PassphraseSource.GENERATED_FILE);
    }

    private static char[] generatedFile(Path folder, SecureRandom random, Logger logger) {
        Path file = folder.resolve(FILE);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
            }
            if (MasterKeyStore.exists(folder)) {
                throw new UnavailableException("The master key store " + folder.resolve(MasterKeyStore.FILE)
                        + " exists, but no passphrase is set: give it in " + MasterKeyStore.SETTINGS
                        + ". Nothing was changed.");
            }
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            byte[] text = Base64.getUrlEncoder().withoutPadding().encode(secret);
            Arrays.fill(secret, (byte) 0);
            SafeFiles.writeAtomically(file, text);
            char[] passphrase = new String(text, StandardCharsets.US_ASCII).toCharArray();
            Arrays.fill(text, (byte) 0);
            logger.warn("No master key passphrase is set: generated one into {} (readable by the owner only). "
                    + "Production installs should move it into the environment variable {} (or the setting "
                    + ".masterPassphrase of {}), delete the file, and keep a copy apart from the key backups.", file,
                    EncryptionConfiguration.ENVIRONMENT_VARIABLE, EncryptionConfiguration.PID);
            return passphrase;
        } catch (IOException e) {
            throw new UnavailableException("Cannot read or write the passphrase file " + file + ": " + e.getMessage());
        }
    }

    /** Where the passphrase came from, in words for an error message. */
    String origin() {
        return switch (source) {
            case CONFIGURATION -> "the setting .masterPassphrase of configuration " + EncryptionConfiguration.PID;
            case ENVIRONMENT -> "the environment variable " + EncryptionConfiguration.ENVIRONMENT_VARIABLE;
            case GENERATED_FILE -> "the file " + FILE + " in the keys folder";
        };
    }

    void clear() {
        Arrays.fill(value, '\0');
    }
}
