package org.steward.encryption.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.steward.core.PersonId;
import org.steward.core.UnavailableException;

/**
 * A data key wrapped with AES-256-GCM under a master key version, with the person id bound as associated data.
 * <p>
 * Layout (73 bytes, the content of a key file and of a pack slot): magic {@code SWDK}, format 1, data key version
 * (int), master key version (int), 12-byte nonce, 48 bytes of wrapped key and tag.
 */
final class KeyWrapping {

    static final int LENGTH = 4 + 1 + 4 + 4 + 12 + 32 + 16;

    private static final byte[] MAGIC = "SWDK".getBytes(StandardCharsets.US_ASCII);
    private static final byte FORMAT = 1;
    private static final int HEADER = 4 + 1 + 4 + 4;
    private static final int NONCE = 12;

    private final MasterKeyStore masters;
    private final Provider cipherProvider;
    private final SecureRandom random;

    KeyWrapping(MasterKeyStore masters, Provider cipherProvider, SecureRandom random) {
        this.masters = masters;
        this.cipherProvider = cipherProvider;
        this.random = random;
    }

    byte[] wrap(PersonId person, int dataKeyVersion, int masterVersion, SecretKey master, byte[] key) {
        ByteBuffer out = ByteBuffer.allocate(LENGTH);
        out.put(MAGIC).put(FORMAT).putInt(dataKeyVersion).putInt(masterVersion);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        out.put(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", cipherProvider);
            cipher.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(out.array(), 0, HEADER);
            cipher.updateAAD(("steward/data-key/" + person).getBytes(StandardCharsets.UTF_8));
            cipher.doFinal(key, 0, key.length, out.array(), HEADER + NONCE);
        } catch (GeneralSecurityException e) {
            throw new UnavailableException("Cannot wrap a data key with " + cipherProvider.getName() + ": "
                    + e.getMessage());
        }
        return out.array();
    }

    /** @param file where the wrapped key was read from, for the messages */
    KeyCache.DataKey unwrap(PersonId person, Path file, byte[] content) {
        ByteBuffer in = ByteBuffer.wrap(content);
        if (content.length != LENGTH || !Arrays.equals(Arrays.copyOf(content, 4), MAGIC)
                || content[4] != FORMAT) {
            throw new UnavailableException("The data key file " + file + " is damaged (wrong length or header); "
                    + "restore it from the key backup");
        }
        in.position(5);
        int dataKeyVersion = in.getInt();
        int masterVersion = in.getInt();
        SecretKey master = masters.keys().masters().get(masterVersion);
        if (master == null) {
            throw new UnavailableException("The data key file " + file + " is wrapped with master key version "
                    + masterVersion + ", which " + masters.file() + " does not hold; restore the key store from the "
                    + "backup taken together with this file");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", cipherProvider);
            cipher.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(128, content, HEADER, NONCE));
            cipher.updateAAD(content, 0, HEADER);
            cipher.updateAAD(("steward/data-key/" + person).getBytes(StandardCharsets.UTF_8));
            byte[] key = cipher.doFinal(content, HEADER + NONCE, content.length - HEADER - NONCE);
            try {
                return new KeyCache.DataKey(dataKeyVersion, new SecretKeySpec(key, "AES"));
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (AEADBadTagException e) {
            throw new UnavailableException("The data key file " + file + " does not belong to person " + person
                    + " or was altered; restore it from the key backup");
        } catch (GeneralSecurityException e) {
            throw new UnavailableException("Cannot unwrap the data key in " + file + ": " + e.getMessage());
        }
    }

    /** Unwraps and wraps again under master version {@code to}, keeping the data key and its version. */
    byte[] rewrap(PersonId person, Path file, byte[] content, int to) {
        KeyCache.DataKey key = unwrap(person, file, content);
        byte[] raw = key.key().getEncoded();
        try {
            return wrap(person, key.version(), to, masters.keys().masters().get(to), raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    static int masterVersionOf(byte[] content) {
        return ByteBuffer.wrap(content, 9, 4).getInt();
    }
}
