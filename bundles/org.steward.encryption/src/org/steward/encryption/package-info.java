/**
 * Encryption services of Steward: per-person data keys wrapped by a master key (crypto-shredding), field encryption
 * with AES-256-GCM, a keyed blind index for equality search on encrypted fields, Argon2id password hashing and
 * self-signed TLS certificates. See {@code docs/ENCRYPTION.md}.
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.steward.encryption;
