package org.steward.rights.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.osgi.framework.BundleContext;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.testing.Osgi;

/** Shared helpers: actors, unique planted values, reading zips, and the byte scan of the data directory. */
final class Fixture {

    private Fixture() {
    }

    static Actor officer() {
        return Actor.system();
    }

    /** A signed-in user without any profile: the permissions service denies everything. */
    static Actor nobody() {
        return new Actor("no-profile-" + UUID.randomUUID(), "nobody", Channel.CLIENT, Optional.of("192.0.2.7"),
                Optional.of("session-nobody"));
    }

    /** A value no other test uses, so that finding its bytes anywhere can only mean this test's data. */
    /**
     * The prefix and 12 random hex digits after a letter: a suffix starting with seven or more digits would read as a
     * phone number, which the tickets export rightly redacts (that made a planted text go missing 1 run in 30 or so).
     */
    static String unique(String prefix) {
        return prefix + "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static String digits(int count) {
        StringBuilder digits = new StringBuilder();
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }

    /** Every entry of a zip as text, by name. */
    static Map<String, String> unzip(Path zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        unzipBytes(zip).forEach((name, bytes) -> entries.put(name, new String(bytes, StandardCharsets.UTF_8)));
        return entries;
    }

    /** Every entry of a zip as it is, by name. */
    static Map<String, byte[]> unzipBytes(Path zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry entry;
            while ((entry = z.getNextEntry()) != null) {
                entries.put(entry.getName(), z.readAllBytes());
            }
        }
        return entries;
    }

    private static List<byte[]> entriesOf(Path zip) throws IOException {
        List<byte[]> entries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            while (z.getNextEntry() != null) {
                entries.add(z.readAllBytes());
            }
        } catch (java.util.zip.ZipException notAZip) {
            // scanned as plain bytes only
        }
        return entries;
    }

    static Path dataDirectory() {
        return Paths.get(System.getProperty("steward.data.dir"));
    }

    /**
     * The files below the data directory (database, logs, key store, exports) and the Derby error log, that hold any
     * of the values as UTF-8 or UTF-16 bytes.
     */
    static List<String> filesHolding(List<String> values) throws IOException {
        List<Path> roots = new ArrayList<>(List.of(dataDirectory()));
        Path derbyLog = dataDirectory().resolveSibling("derby.log");
        if (Files.exists(derbyLog)) {
            roots.add(derbyLog);
        }
        // bytes as ISO-8859-1 text map one to one, so String.indexOf (vectorised) finds any byte pattern quickly
        List<String[]> patterns = values.stream().map(v -> new String[] { latin1(v.getBytes(StandardCharsets.UTF_8)),
                latin1(v.getBytes(StandardCharsets.UTF_16BE)), latin1(v.getBytes(StandardCharsets.UTF_16LE)) })
                .toList();
        List<String> found = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    List<byte[]> contents = new ArrayList<>();
                    try {
                        contents.add(Files.readAllBytes(file));
                        if (file.getFileName().toString().endsWith(".zip")) {
                            // exports are deflated: look at what they hold, not at their compressed bytes
                            contents.addAll(entriesOf(file));
                        }
                    } catch (IOException vanished) {
                        continue; // a temporary file removed while we walked
                    }
                    for (byte[] bytes : contents) {
                        String text = latin1(bytes);
                        for (int i = 0; i < patterns.size(); i++) {
                            for (String pattern : patterns.get(i)) {
                                if (text.indexOf(pattern) >= 0) {
                                    found.add(file + " holds value #" + i);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static <T> T service(BundleContext context, Class<T> type) {
        return Osgi.service(context, type);
    }
}
