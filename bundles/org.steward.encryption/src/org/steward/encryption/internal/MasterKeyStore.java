package org.steward.encryption.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.steward.core.UnavailableException;

/**
 * The PKCS#12 file {@code master.p12} with the master key versions ({@code master-v<version>-<created epoch second>})
 * and the blind-index key ({@code blind-index-v1}), which is generated on its own and never derived from a master
 * key. Every change writes a complete new file and renames it over the old one.
 */
final class MasterKeyStore {

    static final String FILE = "master.p12";
    static final String SETTINGS = "the setting .masterPassphrase of configuration " + EncryptionConfiguration.PID
            + ", or the environment variable " + EncryptionConfiguration.ENVIRONMENT_VARIABLE;

    private static final Pattern MASTER_ALIAS = Pattern.compile("master-v(\\d+)-(\\d+)");
    private static final String BLIND_INDEX_ALIAS = "blind-index-v1";

    /** The loaded keys; replaced as a whole on every change, so readers never see a half-made change. */
    record Keys(NavigableMap<Integer, SecretKey> masters, Map<Integer, Instant> created, SecretKey blindIndex) {

        int activeVersion() {
            return masters.lastKey();
        }

        SecretKey active() {
            return masters.lastEntry().getValue();
        }
    }

    private final Path file;
    private final char[] passphrase;
    private final SecureRandom random;
    private final Clock clock;
    private volatile Keys keys;

    private MasterKeyStore(Path file, char[] passphrase, SecureRandom random, Clock clock, Keys keys) {
        this.file = file;
        this.passphrase = passphrase;
        this.random = random;
        this.clock = clock;
        this.keys = keys;
    }

    static boolean exists(Path folder) {
        return Files.exists(folder.resolve(FILE));
    }

    /** Creates a new key store with master key version 1 and a blind-index key; refuses to replace a file. */
    static MasterKeyStore create(Path folder, char[] passphrase, SecureRandom random, Clock clock) {
        Path file = folder.resolve(FILE);
        if (Files.exists(file)) {
            throw new IllegalStateException(file + " exists");
        }
        NavigableMap<Integer, SecretKey> masters = new TreeMap<>();
        masters.put(1, newAesKey(random));
        Map<Integer, Instant> created = Map.of(1, clock.instant());
        byte[] blind = new byte[32];
        random.nextBytes(blind);
        Keys keys = new Keys(Collections.unmodifiableNavigableMap(masters), created,
                new SecretKeySpec(blind, "HmacSHA256"));
        MasterKeyStore store = new MasterKeyStore(file, passphrase.clone(), random, clock, keys);
        store.write(keys);
        return store;
    }

    /** Opens the key store; a wrong passphrase or a damaged file is reported with the file and the setting. */
    static MasterKeyStore open(Path folder, char[] passphrase, String passphraseOrigin, SecureRandom random,
            Clock clock) {
        Path file = folder.resolve(FILE);
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnavailableException("Cannot read the master key store " + file + ": " + e.getMessage());
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), passphrase);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw new UnavailableException("Cannot open the master key store " + file
                        + ": the passphrase is wrong (passphrase taken from " + passphraseOrigin + "). Set the right "
                        + "passphrase in " + SETTINGS + ". Nothing was changed.");
            }
            throw new UnavailableException("Cannot open the master key store " + file + ": it is damaged or no "
                    + "PKCS#12 file (" + e.getMessage() + "). Restore it from the key backup. Nothing was changed.");
        } catch (GeneralSecurityException e) {
            throw new UnavailableException("Cannot open the master key store " + file + ": " + e.getMessage());
        }
        NavigableMap<Integer, SecretKey> masters = new TreeMap<>();
        Map<Integer, Instant> created = new HashMap<>();
        SecretKey blindIndex = null;
        try {
            for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements();) {
                String alias = aliases.nextElement();
                Matcher m = MASTER_ALIAS.matcher(alias);
                if (m.matches()) {
                    int version = Integer.parseInt(m.group(1));
                    masters.put(version, aes(store.getKey(alias, passphrase)));
                    created.put(version, Instant.ofEpochSecond(Long.parseLong(m.group(2))));
                } else if (alias.equals(BLIND_INDEX_ALIAS)) {
                    blindIndex = new SecretKeySpec(store.getKey(alias, passphrase).getEncoded(), "HmacSHA256");
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new UnavailableException("Cannot read the keys of the master key store " + file + ": "
                    + e.getMessage() + ". Restore it from the key backup. Nothing was changed.");
        }
        if (masters.isEmpty() || blindIndex == null) {
            throw new UnavailableException("The master key store " + file + " holds no "
                    + (masters.isEmpty() ? "master key" : "blind-index key")
                    + "; restore it from the key backup. Nothing was changed.");
        }
        return new MasterKeyStore(file, passphrase.clone(), random, clock,
                new Keys(Collections.unmodifiableNavigableMap(masters), Map.copyOf(created), blindIndex));
    }

    private static SecretKey aes(java.security.Key key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || encoded.length != 32) {
            throw new IllegalStateException("a master key is not a 256-bit AES key");
        }
        return new SecretKeySpec(encoded, "AES");
    }

    private static SecretKey newAesKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new SecretKeySpec(key, "AES");
    }

    Path file() {
        return file;
    }

    Keys keys() {
        return keys;
    }

    /** Adds master key version {@code active + 1}, keeping the older ones, and makes it the active one. */
    synchronized int addMasterVersion() {
        Keys current = keys;
        int version = current.activeVersion() + 1;
        NavigableMap<Integer, SecretKey> masters = new TreeMap<>(current.masters());
        masters.put(version, newAesKey(random));
        Map<Integer, Instant> created = new HashMap<>(current.created());
        created.put(version, clock.instant());
        Keys next = new Keys(Collections.unmodifiableNavigableMap(masters), Map.copyOf(created), current.blindIndex());
        write(next);
        keys = next;
        return version;
    }

    /** Removes every master key version but {@code version}. */
    synchronized void retainOnly(int version) {
        Keys current = keys;
        if (current.masters().size() == 1 && current.masters().containsKey(version)) {
            return;
        }
        NavigableMap<Integer, SecretKey> masters = new TreeMap<>();
        masters.put(version, current.masters().get(version));
        Keys next = new Keys(Collections.unmodifiableNavigableMap(masters),
                Map.of(version, current.created().get(version)), current.blindIndex());
        write(next);
        keys = next;
    }

    private void write(Keys content) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(passphrase);
            for (Map.Entry<Integer, SecretKey> master : content.masters().entrySet()) {
                String alias = "master-v" + master.getKey() + "-"
                        + content.created().get(master.getKey()).getEpochSecond();
                store.setEntry(alias, new KeyStore.SecretKeyEntry(master.getValue()), protection);
            }
            store.setEntry(BLIND_INDEX_ALIAS, new KeyStore.SecretKeyEntry(content.blindIndex()), protection);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, passphrase);
            SafeFiles.writeAtomically(file, bytes.toByteArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new UnavailableException("Cannot write the master key store " + file + ": " + e.getMessage()
                    + ". The previous file is unchanged.");
        }
    }
}
