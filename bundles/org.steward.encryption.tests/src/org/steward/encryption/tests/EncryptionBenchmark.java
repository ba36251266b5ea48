package org.steward.encryption.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.PersonId;
import org.steward.encryption.FieldEncryption;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/**
 * Field encryption throughput against the JDK's raw AES-GCM (one fixed key, same value sizes) and Bouncy Castle's
 * AES-GCM in the same run. Run with {@code ./mvnw -B verify -Pbenchmark -f bundles/org.steward.encryption.tests/pom.xml};
 * prints its figures and writes them to {@code target/benchmark-results.txt}.
 */
class EncryptionBenchmark {

    private static final int PERSONS = 2_000;
    private static final long WARM_UP_MILLIS = 1_500;
    private static final long MEASURE_MILLIS = 3_000;

    private final BundleContext context = Osgi.context(EncryptionBenchmark.class);
    private final List<String> lines = new ArrayList<>();

    @AfterEach
    void defaults() throws Exception {
        KeyStores.useDefault(context);
    }

    /** Runs the operation in a loop for the time, returns operations per second. */
    private static double measure(IntConsumer operation) {
        long end = System.nanoTime() + WARM_UP_MILLIS * 1_000_000;
        int i = 0;
        while (System.nanoTime() < end) {
            operation.accept(i++);
        }
        long start = System.nanoTime();
        end = start + MEASURE_MILLIS * 1_000_000;
        long count = 0;
        long now;
        do {
            for (int k = 0; k < 256; k++) {
                operation.accept(i++);
            }
            count += 256;
            now = System.nanoTime();
        } while (now < end);
        return count / ((now - start) / 1e9);
    }

    private void print(String line) {
        System.out.println(line);
        lines.add(line);
    }

    private static String ops(double value) {
        return String.format(Locale.ROOT, "%,12.0f ops/s", value);
    }

    @Test
    void fieldEncryptionAgainstRawAesGcm() throws Exception {
        Path folder = TempFolders.create("bench-keys").resolve("keys");
        FieldEncryption fields = KeyStores.use(context, folder, "benchmark passphrase").fields();
        String[] values = { "anna.kowalska@example.pl", "+48601234567", "Zażółć gęślą jaźń", "张伟",
                "Perché no?", "Où est-ce ?", "02270803628", "ul. Długa 5/7, 00-001 Warszawa" };
        PersonId[] persons = new PersonId[PERSONS];
        String[] ciphertexts = new String[PERSONS * values.length];
        for (int p = 0; p < PERSONS; p++) {
            persons[p] = PersonId.random();
            for (int v = 0; v < values.length; v++) {
                ciphertexts[p * values.length + v] = fields.encrypt(persons[p], "record-" + p, "field" + v, values[v]);
            }
        }
        int n = PERSONS * values.length;
        print("Steward encryption benchmark, " + Instant.now() + ", Java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, one thread");
        print("values: " + values.length + " short strings (2-32 UTF-8 bytes) x " + PERSONS
                + " persons, data keys cached; " + MEASURE_MILLIS + " ms per figure after " + WARM_UP_MILLIS
                + " ms warm-up");

        double[] sink = new double[1];
        double encrypt = measure(i -> sink[0] += fields.encrypt(persons[(i / values.length) % PERSONS],
                "record-" + (i / values.length) % PERSONS, "field" + i % values.length, values[i % values.length])
                .length());
        double decrypt = measure(i -> {
            int k = i % n;
            sink[0] += fields.decrypt(persons[k / values.length], "record-" + k / values.length,
                    "field" + k % values.length, ciphertexts[k]).orElse("").length();
        });
        assertEquals(values[3], fields.decrypt(persons[0], "record-0", "field3", ciphertexts[3]).orElse(null));

        double[] jdk = rawAesGcm(null, values);
        Provider bc = Security.getProvider("BC");
        assertTrue(bc != null, "Bouncy Castle is registered by the encryption bundle");
        double[] bouncy = rawAesGcm(bc, values);

        print("Steward FieldEncryption (SunJCE)  encrypt " + ops(encrypt) + "   decrypt " + ops(decrypt));
        print("raw JDK AES-256-GCM (SunJCE)      encrypt " + ops(jdk[0]) + "   decrypt " + ops(jdk[1]));
        print("raw Bouncy Castle AES-256-GCM     encrypt " + ops(bouncy[0]) + "   decrypt " + ops(bouncy[1]));
        print(String.format(Locale.ROOT, "ratio Steward / raw JDK: encrypt %.2f, decrypt %.2f", encrypt / jdk[0],
                decrypt / jdk[1]));
        print(String.format(Locale.ROOT, "ratio raw JDK / raw Bouncy Castle: encrypt %.1fx, decrypt %.1fx",
                jdk[0] / bouncy[0], jdk[1] / bouncy[1]));
        print("(ignore: " + (long) sink[0] % 10 + ")");
        write();
    }

    /**
     * Key creation: one synced key file per person (the first {@code encrypt} of a new person) against
     * {@code prepareKeys} in batches of 2,000 (one synced key pack per batch), same key store, same run.
     */
    @Test
    void keyCreationPerPersonFileAgainstKeyPacks() throws Exception {
        Path folder = TempFolders.create("bench-key-creation").resolve("keys");
        FieldEncryption fields = KeyStores.use(context, folder, "benchmark passphrase").fields();
        int files = Integer.getInteger("bench.keyFiles", 10_000);
        int packed = Integer.getInteger("bench.packedKeys", 200_000);
        int batch = 2_000;
        fields.encrypt(PersonId.random(), "warm-up", "f", "v");
        long start = System.nanoTime();
        for (int i = 0; i < files; i++) {
            fields.encrypt(PersonId.random(), "r", "f", "v");
        }
        double perFile = files / ((System.nanoTime() - start) / 1e9);
        start = System.nanoTime();
        int created = 0;
        List<PersonId> persons = new ArrayList<>(batch);
        for (int done = 0; done < packed; done += batch) {
            persons.clear();
            for (int i = 0; i < batch; i++) {
                persons.add(PersonId.random());
            }
            created += fields.prepareKeys(persons);
            fields.encrypt(persons.get(batch - 1), "r", "f", "v");
        }
        double perPack = created / ((System.nanoTime() - start) / 1e9);
        assertEquals(packed, created);
        print("Steward key creation, " + Instant.now() + ", Java " + Runtime.version() + ", keys folder " + folder);
        print(String.format(Locale.ROOT, "per-person key files (encrypt of a new person): %,10.0f keys/s (%,d keys)",
                perFile, files));
        print(String.format(Locale.ROOT, "prepareKeys, batches of %,d (one synced pack): %,10.0f keys/s (%,d keys)",
                batch, perPack, packed));
        print(String.format(Locale.ROOT, "ratio packs / files: %.1fx", perPack / perFile));
        write();
    }

    /**
     * AES-256-GCM with one fixed key straight through the JCA: a random nonce per value, the same associated data
     * length as Steward's (about 100 bytes), the same UTF-8 values; no key lookup, no Base64.
     */
    private double[] rawAesGcm(Provider provider, String[] values) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] keyBytes = new byte[32];
        random.nextBytes(keyBytes);
        SecretKeySpec key = new SecretKeySpec(keyBytes, "AES");
        Cipher cipher = provider == null ? Cipher.getInstance("AES/GCM/NoPadding", "SunJCE")
                : Cipher.getInstance("AES/GCM/NoPadding", provider);
        byte[][] plain = new byte[values.length][];
        for (int v = 0; v < values.length; v++) {
            plain[v] = values[v].getBytes(StandardCharsets.UTF_8);
        }
        byte[] aad = new byte[100];
        random.nextBytes(aad);
        byte[][] nonces = new byte[values.length][];
        byte[][] sealed = new byte[values.length][];
        for (int v = 0; v < values.length; v++) {
            nonces[v] = new byte[12];
            random.nextBytes(nonces[v]);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonces[v]));
            cipher.updateAAD(aad);
            sealed[v] = cipher.doFinal(plain[v]);
        }
        long[] sink = new long[1];
        double encrypt = measure(i -> {
            try {
                byte[] nonce = new byte[12];
                random.nextBytes(nonce);
                cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
                cipher.updateAAD(aad);
                sink[0] += cipher.doFinal(plain[i % plain.length]).length;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        double decrypt = measure(i -> {
            try {
                int v = i % plain.length;
                cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonces[v]));
                cipher.updateAAD(aad);
                sink[0] += cipher.doFinal(sealed[v]).length;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(sink[0] > 0);
        return new double[] { encrypt, decrypt };
    }

    private void write() throws IOException {
        String base = System.getProperty("steward.data.dir", "target/steward-data");
        Path results = Paths.get(base).toAbsolutePath().resolveSibling("benchmark-results.txt");
        Files.write(results, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("written to " + results);
    }
}
