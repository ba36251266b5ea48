package org.steward.encryption.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Provider;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.steward.core.UnavailableException;

/**
 * The keyed hash of the blind index: HMAC-SHA256 under the blind-index key over the kind and the normalised value,
 * each length-prefixed, as base64url. One {@link Mac} per thread, since a Mac is not thread-safe.
 */
final class BlindIndexMac {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final ThreadLocal<Mac> macs;

    /** Checks the key and the provider at once, so that a bad setting fails the activation. */
    BlindIndexMac(SecretKey key, Provider provider, String keyFile) {
        newMac(key, provider, keyFile);
        this.macs = ThreadLocal.withInitial(() -> newMac(key, provider, keyFile));
    }

    private static Mac newMac(SecretKey key, Provider provider, String keyFile) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256", provider);
            mac.init(key);
            return mac;
        } catch (InvalidKeyException e) {
            throw new UnavailableException("The blind-index key in " + keyFile + " is unusable: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new UnavailableException("The JCA provider " + provider.getName() + " (setting macProvider of "
                    + EncryptionConfiguration.PID + ") offers no HmacSHA256: " + e.getMessage());
        }
    }

    String of(String kind, String normalisedValue) {
        byte[] k = kind.getBytes(StandardCharsets.UTF_8);
        byte[] v = normalisedValue.getBytes(StandardCharsets.UTF_8);
        Mac mac = macs.get();
        mac.update(ByteBuffer.allocate(4).putInt(k.length).array());
        mac.update(k);
        mac.update(ByteBuffer.allocate(4).putInt(v.length).array());
        mac.update(v);
        Arrays.fill(v, (byte) 0);
        return BASE64URL.encodeToString(mac.doFinal());
    }

    void close() {
        macs.remove();
    }
}
