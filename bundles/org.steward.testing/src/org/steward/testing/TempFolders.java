package org.steward.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Fresh folders inside the test run's data directory (below target/, removed by mvn clean). */
public final class TempFolders {

    private TempFolders() {
    }

    public static Path create(String prefix) {
        String base = System.getProperty("steward.data.dir", System.getProperty("java.io.tmpdir"));
        try {
            Path parent = Paths.get(base).resolveSibling("test-folders");
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
