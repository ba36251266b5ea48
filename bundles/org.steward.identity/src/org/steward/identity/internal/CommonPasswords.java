package org.steward.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** The list of common and breached passwords shipped in {@code passwords/common-passwords.txt}, lower case. */
final class CommonPasswords {

    static final String RESOURCE = "/passwords/common-passwords.txt";

    private static volatile Set<String> loaded;

    private CommonPasswords() {
    }

    static Set<String> get() {
        Set<String> set = loaded;
        if (set == null) {
            synchronized (CommonPasswords.class) {
                set = loaded;
                if (set == null) {
                    set = load();
                    loaded = set;
                }
            }
        }
        return set;
    }

    private static Set<String> load() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The password list " + RESOURCE + " is missing from the bundle");
            }
            Set<String> set = new HashSet<>(60_000);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    set.add(line);
                }
            }
            return Set.copyOf(set);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
