package org.steward.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.steward.persistence.StewardPersistence;
import org.steward.server.tests.AdminClient.Reply;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** The administration endpoint over a real loopback socket, as {@code bin/steward-admin} uses it. */
class AdminEndpointTest {

    private static final BundleContext context = Osgi.context(AdminEndpointTest.class);
    private static final Pattern WRITTEN = Pattern.compile("Backup written to (.+) \\(\\d+ bytes in \\d+ ms\\)");

    private static Path runFolder;
    private static AdminClient client;

    @BeforeAll
    static void endpoint() {
        ServerFixture.awaitCommand(context, "modules");
        ServerFixture.awaitCommand(context, "backup");
        ServerFixture.awaitCommand(context, "backups");
        runFolder = ServerFixture.dataDirectory(context).area("run");
        client = AdminClient.fromRunFolder(runFolder);
    }

    @Test
    void portFileNamesTheLoopbackPortAndTheTokenIsLongAndRandom() throws Exception {
        assertEquals(Integer.toString(client.port()), Files.readString(runFolder.resolve(AdminClient.PORT_FILE)).trim());
        assertTrue(client.token().matches("[0-9a-f]{64}"), "token is 32 random bytes in hex: " + client.token());
    }

    @Test
    void tokenFileIsReadableByItsOwnerOnly() throws Exception {
        Path token = runFolder.resolve(AdminClient.TOKEN_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(token)));
        assertEquals("rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(runFolder.resolve(AdminClient.PORT_FILE))));
        try (Stream<Path> files = Files.list(runFolder)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")),
                    "no temporary file is left in " + runFolder);
        }
    }

    @Test
    void modulesListsTheStewardBundlesAsActive() throws Exception {
        Reply reply = client.run("steward:modules");

        assertEquals(0, reply.status(), reply.output());
        assertTrue(reply.lines().get(0).startsWith("Module"), "header first: " + reply.output());
        for (String bsn : List.of("org.steward.core", "org.steward.persistence", "org.steward.server")) {
            assertTrue(reply.lines().stream().anyMatch(l -> l.matches(".*\\s" + Pattern.quote(bsn) + "\\s.*\\sACTIVE\\s*")),
                    bsn + " ACTIVE in:\n" + reply.output());
        }
        assertFalse(reply.output().contains("org.steward.server.tests"), "test bundle is no Steward module");
    }

    @Test
    void wrongTokenIsRefusedAndRunsNothing() throws Exception {
        Path folder = TempFolders.create("refused").resolve("never");
        String wrong = client.token().substring(1) + (client.token().charAt(0) == 'a' ? 'b' : 'a');

        Reply reply = client.withToken(wrong).run("steward:backup " + folder);

        assertEquals(3, reply.status(), reply.output());
        assertTrue(reply.hasLine("Error:"), reply.output());
        assertFalse(reply.output().contains("Backup written"), reply.output());
        assertFalse(Files.exists(folder), "the command must not have run: " + folder + " exists");
        assertFalse(client.run("steward:backups").output().contains(folder.toString()));
    }

    @Test
    void missingTokenIsRefused() throws Exception {
        assertEquals(3, client.send("").status());
        assertEquals(3, client.send("\nsteward:modules\n").status());
        Reply prefixed = client.send("x" + client.token() + "\nsteward:modules\n");
        assertEquals(3, prefixed.status(), prefixed.output());
        assertFalse(prefixed.output().contains("org.steward.core"), prefixed.output());
    }

    @Test
    void unknownCommandFailsWithAnErrorLine() throws Exception {
        Reply reply = client.run("nosuch:command");

        assertEquals(1, reply.status(), reply.output());
        assertTrue(reply.hasLine("Error:"), reply.output());
    }

    /** A console command of this test, with a hyphenated alias like the modules' commands. */
    public static final class Probe {
        @Descriptor("repeats a word")
        public String echoWord(@Descriptor("word") String word) {
            return word;
        }
    }

    @Test
    void commandWithWrongArgumentsIsStatus2WithItsUsage() throws Exception {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "probe");
        properties.put("osgi.command.function", new String[] { "echoWord" });
        properties.put("steward.command.alias", new String[] { "echo-word=echoWord" });
        ServiceRegistration<?> probe = context.registerService(Object.class, new Probe(), properties);
        try {
            assertEquals(0, client.run("probe:echo-word hello").status());

            Reply alias = client.run("probe:echo-word");
            assertEquals(2, alias.status(), alias.output());
            assertTrue(alias.hasLine("Usage: probe:echo-word <word>"), alias.output());

            Reply plain = client.run("probe:echoWord");
            assertEquals(2, plain.status(), plain.output());
            assertTrue(plain.hasLine("Error:"), plain.output());
        } finally {
            probe.unregister();
        }
    }

    @Test
    void emptyCommandIsStatus2() throws Exception {
        assertEquals(2, client.run("").status());
        assertEquals(2, client.run("   ").status());
        // the token line alone, connection closed without a command line
        assertEquals(2, client.send(client.token() + "\n").status());
    }

    @Test
    void backupIntoAFolderIsWrittenAndListed() throws Exception {
        Path folder = TempFolders.create("backup");

        Reply reply = client.run("steward:backup " + folder);

        assertEquals(0, reply.status(), reply.output());
        Matcher written = WRITTEN.matcher(reply.output());
        assertTrue(written.find(), reply.output());
        Path copy = Path.of(written.group(1));
        assertTrue(copy.startsWith(folder), copy + " inside " + folder);
        assertTrue(Files.isRegularFile(copy.resolve("service.properties")), "a Derby backup in " + copy);
        try (Stream<Path> dated = Files.list(folder)) {
            assertEquals(1, dated.filter(p -> p.getFileName().toString().startsWith("backup-")).count());
        }

        Reply backups = client.run("steward:backups");
        assertEquals(0, backups.status(), backups.output());
        assertTrue(backups.lines().stream().anyMatch(l -> l.contains(copy.toString())),
                copy + " listed in:\n" + backups.output());
    }

    @Test
    void backupInsideTheDatabaseFolderFails() throws Exception {
        String url = Osgi.service(context, StewardPersistence.class).info().url();
        assertTrue(url.startsWith("jdbc:derby:"), url);
        Path database = Path.of(url.substring("jdbc:derby:".length()));
        Path inside = database.resolve("backups-" + System.nanoTime());

        Reply reply = client.run("steward:backup " + inside);

        assertEquals(1, reply.status(), reply.output());
        assertTrue(reply.lines().stream().anyMatch(l -> l.startsWith("Error:") && l.contains("folder")),
                reply.output());
        assertFalse(Files.exists(inside), inside + " must not be created");
    }

    @Test
    void connectionsAreServedOneCommandEachAndConcurrently() throws Exception {
        List<Thread> threads = new java.util.ArrayList<>();
        List<Reply> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(() -> {
                try {
                    replies.add(client.run("steward:modules"));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        assertEquals(6, replies.size());
        assertTrue(replies.stream().allMatch(r -> r.status() == 0 && r.output().contains("org.steward.server")));
    }
}
