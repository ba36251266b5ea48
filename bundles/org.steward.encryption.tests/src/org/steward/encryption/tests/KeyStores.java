package org.steward.encryption.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.steward.encryption.BlindIndex;
import org.steward.encryption.FieldEncryption;
import org.steward.encryption.KeyManagement;
import org.steward.testing.Osgi;

/** Points the encryption services at a key store folder through Config Admin, and looks at the files. */
final class KeyStores {

    static final String PID = "org.steward.encryption";

    /** The three services of one key store (one component). */
    record Services(FieldEncryption fields, BlindIndex index, KeyManagement keys) {
    }

    private KeyStores() {
    }

    /** Configures a keys folder (and a passphrase when not null) and waits for the services on that folder. */
    static Services use(BundleContext context, Path folder, String passphrase) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("keysFolder", folder.toString());
        if (passphrase != null) {
            properties.put(".masterPassphrase", passphrase);
        }
        Osgi.configure(context, PID, properties);
        return await(context, folder);
    }

    static Services await(BundleContext context, Path folder) {
        return await(context, k -> k.status().folder().equals(folder));
    }

    /**
     * Waits until one component instance whose key store satisfies the condition offers all three services (after a
     * reconfiguration the old instance may still be found for a moment).
     */
    static Services await(BundleContext context, Predicate<KeyManagement> condition) {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                KeyManagement keys = current(context, KeyManagement.class);
                FieldEncryption fields = current(context, FieldEncryption.class);
                BlindIndex index = current(context, BlindIndex.class);
                if (keys != null && fields == (Object) keys && index == (Object) keys && condition.test(keys)) {
                    return new Services(fields, index, keys);
                }
            } catch (RuntimeException stale) {
                // the instance went away while we looked at it
            }
            Osgi.sleep(20);
        }
        throw new AssertionError("No encryption services on the expected key store within " + Osgi.TIMEOUT);
    }

    private static <T> T current(BundleContext context, Class<T> type) {
        ServiceReference<T> ref = context.getServiceReference(type);
        return ref == null ? null : context.getService(ref);
    }

    /** Back to the default key store in the test run's data directory. */
    static Services useDefault(BundleContext context) throws Exception {
        Osgi.configure(context, PID, Map.of());
        return await(context, k -> k.status().folder().getFileName().toString().equals("keys")
                && k.status().folder().getParent().getFileName().toString().equals("steward-data"));
    }

    /** Every regular file below a folder with its bytes, by relative path. */
    static Map<String, byte[]> snapshot(Path folder) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The files below the folder whose bytes contain the needle. */
    static List<Path> filesContaining(Path folder, byte[] needle) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(p), needle) >= 0) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The files containing the text in UTF-8, UTF-16BE or UTF-16LE. */
    static List<Path> filesContaining(Path folder, String text) {
        List<Path> found = new ArrayList<>();
        found.addAll(filesContaining(folder, text.getBytes(StandardCharsets.UTF_8)));
        found.addAll(filesContaining(folder, text.getBytes(StandardCharsets.UTF_16BE)));
        found.addAll(filesContaining(folder, text.getBytes(StandardCharsets.UTF_16LE)));
        return found;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static Path keyFile(Path folder, String personId) {
        return folder.resolve("persons").resolve(personId.substring(0, 2)).resolve(personId.substring(2, 4))
                .resolve(personId + ".key");
    }
}
