package org.steward.encryption;

/** Where the passphrase of the master key store came from. */
public enum PassphraseSource {
    /** The {@code .masterPassphrase} attribute of the configuration {@code org.steward.encryption}. */
    CONFIGURATION,
    /** The environment variable {@code STEWARD_MASTER_PASSPHRASE}. */
    ENVIRONMENT,
    /** The generated file {@code keys/master.passphrase}: fine for a trial, not for production. */
    GENERATED_FILE
}
