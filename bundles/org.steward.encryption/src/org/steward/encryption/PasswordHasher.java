package org.steward.encryption;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Hashes passwords with Argon2id (by default m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte hash) into the PHC string
 * format {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} (Base64 without padding), which carries its
 * parameters. The password arrays passed in are cleared (filled with zeros) before the methods return.
 */
@ProviderType
public interface PasswordHasher {

    /** A new hash with a new random salt and the configured parameters. */
    String hash(char[] password);

    /**
     * Whether the password matches the encoded hash, compared in constant time. A malformed hash never matches.
     */
    boolean verify(char[] password, String encoded);

    /**
     * Whether the hash was made with parameters below the configured ones (or another algorithm), so that it should
     * be replaced by {@link #hash(char[])} at the next successful login.
     */
    boolean needsRehash(String encoded);
}
