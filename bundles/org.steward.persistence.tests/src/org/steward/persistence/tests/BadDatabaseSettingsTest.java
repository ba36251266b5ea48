package org.steward.persistence.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/**
 * A wrong URL, an unreachable database, a folder locked by another process or a damaged folder: one clear message that
 * names the setting or the folder, no service, and nothing touched.
 */
class BadDatabaseSettingsTest {

    private final BundleContext context = Osgi.context(BadDatabaseSettingsTest.class);

    @AfterEach
    void workingDatabase() throws Exception {
        Path folder = TempFolders.create("good").resolve("db");
        Osgi.configure(context, PersistenceTest.PID, Map.of("jdbcUrl", "jdbc:derby:" + folder));
        Osgi.service(context, StewardPersistence.class, p -> p.info().url().equals("jdbc:derby:" + folder));
    }

    private String refusedWith(String jdbcUrl, String... expected) throws Exception {
        try (LogCapture log = new LogCapture(context)) {
            Osgi.configure(context, PersistenceTest.PID, Map.of("jdbcUrl", jdbcUrl, "loginTimeoutSeconds", 2));
            String message = log.await(expected);
            Osgi.assertUnusable(context, StewardPersistence.class);
            assertFalse(message.contains("Exception"), "no stack trace as the explanation: " + message);
            return message;
        }
    }

    @Test
    void folderWithoutADatabaseIsReportedAndLeftUntouched() throws Exception {
        Path folder = TempFolders.create("damaged").resolve("db");
        Files.createDirectories(folder.resolve("seg0"));
        Path stray = Files.writeString(folder.resolve("seg0").resolve("c10.dat"), "not derby");
        String message = refusedWith("jdbc:derby:" + folder, folder.toString(), "holds no Derby database");
        assertTrue(message.contains("steward.data.dir"), message);
        assertEquals("not derby", Files.readString(stray));
        assertFalse(Files.exists(folder.resolve("service.properties")), "nothing was created in the folder");
    }

    @Test
    void damagedDatabaseFilesAreReported() throws Exception {
        Path folder = TempFolders.create("broken").resolve("db");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("service.properties"), "garbage that is no Derby service file\n");
        String message = refusedWith("jdbc:derby:" + folder, "Cannot open the database " + folder, "damaged");
        assertTrue(message.contains("restore the folder from a backup"), message);
        assertEquals("garbage that is no Derby service file\n", Files.readString(folder.resolve("service.properties")));
    }

    @Test
    void urlWithoutAnInstalledDriverNamesTheSetting() throws Exception {
        refusedWith("jdbc:postgresql://127.0.0.1:1/steward?user=anna&password=secret", "jdbcUrl",
                "no installed JDBC driver");
        try (LogCapture log = new LogCapture(context)) {
            assertTrue(log.messages().stream().noneMatch(m -> m.contains("secret")));
        }
    }

    @Test
    void malformedUrlNamesTheSetting() throws Exception {
        refusedWith("postgres://db/steward", "jdbcUrl", "must look like jdbc:");
    }

    @Test
    void folderLockedByAnotherProcessIsReported() throws Exception {
        Path folder = TempFolders.create("locked").resolve("db");
        Process other = startDerbyInAnotherProcess(folder);
        try {
            String message = refusedWith("jdbc:derby:" + folder, folder.toString(), "in use by another");
            assertTrue(message.contains("steward.data.dir"), message);
        } finally {
            other.destroy();
            other.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Boots the database with Derby's ij tool in a separate JVM, which holds the folder's lock while it runs. */
    private Process startDerbyInAnotherProcess(Path folder) throws Exception {
        List<String> classpath = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if ("derby".equals(name) || "org.apache.derbytools".equals(name) || "org.apache.derbyshared".equals(name)) {
                classpath.add(bundle.getLocation().replaceFirst("^reference:", "").replaceFirst("^file:", ""));
            }
        }
        assertEquals(3, classpath.size(), "derby and its two fragments: " + classpath);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Dderby.stream.error.file=" + folder.resolveSibling("ij-derby.log"),
                "-cp", String.join(File.pathSeparator, classpath),
                "org.apache.derby.tools.ij").redirectErrorStream(true).start();
        OutputStream stdin = process.getOutputStream();
        stdin.write(("connect 'jdbc:derby:" + folder + ";create=true';\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        awaitPrompts(process.getInputStream(), 2);
        assertTrue(Files.exists(folder.resolve("service.properties")), "the other process created the database");
        return process;
    }

    private static void awaitPrompts(InputStream output, int prompts) throws IOException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            int c = output.read();
            if (c < 0) {
                break;
            }
            seen.append((char) c);
            if (seen.toString().split("ij>", -1).length - 1 >= prompts) {
                return;
            }
        }
        throw new AssertionError("ij did not connect: " + seen);
    }
}
