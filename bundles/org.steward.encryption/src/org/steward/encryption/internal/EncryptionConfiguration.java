package org.steward.encryption.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward encryption", description = "The key store of Steward (master key, per-person "
        + "data keys, blind-index key) and the JCA providers used for field encryption. See docs/ENCRYPTION.md.")
public @interface EncryptionConfiguration {

    String PID = "org.steward.encryption";

    /** The environment variable read when the passphrase is not configured. */
    String ENVIRONMENT_VARIABLE = "STEWARD_MASTER_PASSPHRASE";

    @AttributeDefinition(name = "Master key store passphrase", type = AttributeType.PASSWORD, required = false,
            description = "Protects keys/master.p12. Empty: taken from the environment variable "
                    + "STEWARD_MASTER_PASSPHRASE; when that is not set either, a random passphrase is generated on "
                    + "first start into keys/master.passphrase (owner-only), which production installs should move "
                    + "into the environment. Never logged. The leading '.' keeps it out of the service properties.")
    String _masterPassphrase() default "";

    @AttributeDefinition(name = "Keys folder", required = false, description = "Empty for <steward.data.dir>/keys. "
            + "Keep it apart from database backups: it is backed up on its own (encryption:backup-keys).")
    String keysFolder() default "";

    @AttributeDefinition(name = "Cipher provider", description = "JCA provider for AES-GCM (field encryption and key "
            + "wrapping). SunJCE uses the processor's AES instructions; BC (Bouncy Castle, pure Java) is 20-45x "
            + "slower here.")
    String cipherProvider() default "SunJCE";

    @AttributeDefinition(name = "MAC provider", description = "JCA provider for HMAC-SHA256 (blind index).")
    String macProvider() default "SunJCE";

    @AttributeDefinition(name = "Cached data keys", min = "16", max = "10000000", description = "How many unwrapped "
            + "per-person data keys are kept in memory for speed; the least recently used are dropped first.")
    int keyCacheSize() default 10_000;

    @AttributeDefinition(name = "Default country calling code", description = "Its region is where phone numbers "
            + "written without + or 00 are read when no other region is given, e.g. +48 (Poland), +39 (Italy), +33 "
            + "(France).")
    String defaultCountryCode() default "+48";
}
