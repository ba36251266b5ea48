package org.steward.encryption.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.steward.core.PersonId;
import org.steward.core.UnavailableException;
import org.steward.encryption.CiphertextException;

/**
 * The ciphertext format of one field value, version 1:
 *
 * <pre>
 * byte 0      format version (1)
 * byte 1      algorithm id (1 = AES-256-GCM, 128-bit tag)
 * bytes 2-5   data key version (big-endian int)
 * bytes 6-17  random 96-bit nonce
 * bytes 18-   ciphertext of the UTF-8 value, then the 16-byte tag
 * </pre>
 *
 * Base64url without padding. The associated data is bytes 0-5, then the length-prefixed UTF-8 of
 * {@code "steward/field"}, the person id, the record id and the field name.
 */
final class FieldCipher {

    static final byte FORMAT = 1;
    static final byte AES_256_GCM = 1;
    static final int HEADER = 6;
    static final int NONCE = 12;
    static final int TAG = 16;

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final byte[] DOMAIN = "steward/field".getBytes(StandardCharsets.UTF_8);

    private final Provider provider;
    private final SecureRandom random;
    private final ThreadLocal<Cipher> ciphers;

    FieldCipher(Provider provider, SecureRandom random) {
        this.provider = provider;
        this.random = random;
        this.ciphers = ThreadLocal.withInitial(this::newCipher);
        newCipher(); // fails early when the provider lacks AES-GCM
    }

    private Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding", provider);
        } catch (GeneralSecurityException e) {
            throw new UnavailableException("The JCA provider " + provider.getName() + " (setting cipherProvider of "
                    + EncryptionConfiguration.PID + ") offers no AES/GCM/NoPadding: " + e.getMessage());
        }
    }

    String encrypt(PersonId person, String recordId, String field, int keyVersion, SecretKey key, String value) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[HEADER + NONCE + plain.length + TAG];
        out[0] = FORMAT;
        out[1] = AES_256_GCM;
        ByteBuffer.wrap(out, 2, 4).putInt(keyVersion);
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        System.arraycopy(nonce, 0, out, HEADER, NONCE);
        Cipher cipher = ciphers.get();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG * 8, nonce));
            cipher.updateAAD(associatedData(out, person, recordId, field));
            cipher.doFinal(plain, 0, plain.length, out, HEADER + NONCE);
        } catch (GeneralSecurityException e) {
            ciphers.remove();
            throw new UnavailableException("Cannot encrypt field '" + field + "' of record " + recordId + " with "
                    + provider.getName() + ": " + e.getMessage());
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
        return ENCODER.encodeToString(out);
    }

    /** Checks the format and returns the data key version the ciphertext was made with. */
    static byte[] decode(String recordId, String field, String ciphertext) {
        byte[] data;
        try {
            data = DECODER.decode(ciphertext);
        } catch (IllegalArgumentException e) {
            throw new CiphertextException(recordId, field, "it is not a Steward ciphertext (not Base64url text)");
        }
        if (data.length < HEADER + NONCE + TAG) {
            throw new CiphertextException(recordId, field, "it is not a Steward ciphertext (too short)");
        }
        if (data[0] != FORMAT) {
            throw new CiphertextException(recordId, field, "unknown ciphertext format version " + (data[0] & 0xff));
        }
        if (data[1] != AES_256_GCM) {
            throw new CiphertextException(recordId, field, "unknown algorithm id " + (data[1] & 0xff));
        }
        return data;
    }

    static int keyVersion(byte[] data) {
        return ByteBuffer.wrap(data, 2, 4).getInt();
    }

    String decrypt(PersonId person, String recordId, String field, SecretKey key, byte[] data) {
        Cipher cipher = ciphers.get();
        byte[] plain = null;
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG * 8, data, HEADER, NONCE));
            cipher.updateAAD(associatedData(data, person, recordId, field));
            plain = cipher.doFinal(data, HEADER + NONCE, data.length - HEADER - NONCE);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new CiphertextException(recordId, field, "it was altered, or it belongs to another person, record "
                    + "or field (authentication failed)");
        } catch (GeneralSecurityException e) {
            ciphers.remove();
            throw new CiphertextException(recordId, field, e.getClass().getSimpleName() + " " + e.getMessage());
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private static byte[] associatedData(byte[] header, PersonId person, String recordId, String field) {
        byte[] p = person.toString().getBytes(StandardCharsets.UTF_8);
        byte[] r = recordId.getBytes(StandardCharsets.UTF_8);
        byte[] f = field.getBytes(StandardCharsets.UTF_8);
        ByteBuffer aad = ByteBuffer.allocate(HEADER + 16 + DOMAIN.length + p.length + r.length + f.length);
        aad.put(header, 0, HEADER);
        aad.putInt(DOMAIN.length).put(DOMAIN);
        aad.putInt(p.length).put(p);
        aad.putInt(r.length).put(r);
        aad.putInt(f.length).put(f);
        return aad.array();
    }
}
