package org.steward.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.steward.core.DataDirectory;
import org.steward.server.tests.AdminClient.Reply;
import org.steward.testing.Osgi;

/** Readiness, the console's usage and help lines, and the owner-only data directory. */
class ServerStartTest {

    private static final BundleContext context = Osgi.context(ServerStartTest.class);

    private static AdminClient client;

    @BeforeAll
    static void endpoint() {
        ServerFixture.awaitCommand(context, "status");
        client = AdminClient.fromRunFolder(ServerFixture.dataDirectory(context).area("run"));
    }

    @Test
    void statusBecomesReadyAndTheReadyMarkerIsWritten() throws Exception {
        Reply reply = null;
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            reply = client.run("steward:status");
            if (reply.status() == 0 && "ready".equals(reply.lines().get(0))) {
                break;
            }
            Osgi.sleep(100);
        }
        assertEquals(0, reply.status(), reply.output());
        assertEquals("ready", reply.lines().get(0), reply.output());
        Path marker = ServerFixture.dataDirectory(context).area("run").resolve("server.ready");
        assertTrue(Files.isRegularFile(marker), marker + " written once ready");
    }

    /** A console command of this test: a plain method, a hyphenated alias and a Java keyword. */
    public static final class Probe {
        @Descriptor("repeats a word")
        public String echoWord(@Descriptor("word") String word) {
            return word;
        }

        @Descriptor("makes a thing")
        public String _new(@Descriptor("name of the thing") String name) {
            return "made " + name;
        }
    }

    private static ServiceRegistration<?> registerProbe() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.command.scope", "startprobe");
        properties.put("osgi.command.function", new String[] { "echoWord", "new" });
        properties.put("steward.command.alias", new String[] { "echo-word=echoWord" });
        return context.registerService(Object.class, new Probe(), properties);
    }

    @Test
    void wrongArgumentsPrintTheCommandsOwnUsageNotGogosCoercion() throws Exception {
        ServiceRegistration<?> probe = registerProbe();
        try {
            assertEquals(0, client.run("startprobe:echoWord hello").status());

            Reply reply = client.run("startprobe:echoWord");

            assertEquals(2, reply.status(), reply.output());
            assertTrue(reply.hasLine("Usage: startprobe:echoWord <word>   repeats a word"), reply.output());
            assertFalse(reply.output().contains("Cannot coerce"), reply.output());
        } finally {
            probe.unregister();
        }
    }

    @Test
    void helpDescribesAliasesAndKeywordCommands() throws Exception {
        ServiceRegistration<?> probe = registerProbe();
        try {
            ServerFixture.awaitCommand(context, "status");
            Reply alias = client.run("felix:help startprobe:echo-word");
            assertEquals(0, alias.status(), alias.output());
            assertTrue(alias.hasLine("echo-word - repeats a word"), alias.output());
            assertFalse(alias.output().contains("No methods found"), alias.output());

            Reply keyword = client.run("felix:help startprobe:new");
            assertTrue(keyword.hasLine("new - makes a thing"), keyword.output());

            Reply plain = client.run("felix:help startprobe:echoWord");
            assertTrue(plain.hasLine("echoWord - repeats a word"), "Gogo's own help for the rest: " + plain.output());

            Reply all = client.run("felix:help");
            assertTrue(all.lines().contains("startprobe:echo-word") && all.lines().contains("startprobe:new"),
                    all.output());
        } finally {
            probe.unregister();
        }
    }

    @Test
    void dataDirectoryFoldersAreCreatedForTheOwnerOnly() throws Exception {
        DataDirectory data = ServerFixture.dataDirectory(context);
        String name = "owner-only-" + System.nanoTime();

        Path inner = data.area(name + "/inner");

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(inner)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(inner.getParent())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.root())));
    }

    @Test
    void aFolderOpenedToOthersIsNamedInAWarningAtStart() throws Exception {
        DataDirectory data = ServerFixture.dataDirectory(context);
        Path opened = data.area("opened-" + System.nanoTime());
        Files.setPosixFilePermissions(opened, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = ServerFixture.logFile(context);
        int before = ServerFixture.logLines(log).size();
        ServiceComponentRuntime scr = Osgi.service(context, ServiceComponentRuntime.class);
        ComponentDescriptionDTO check = scr.getComponentDescriptionDTOs().stream()
                .filter(d -> d.name.endsWith(".DataDirectoryPermissions")).findFirst().orElseThrow();
        try {
            // what a restart does: the check runs when the component activates
            scr.disableComponent(check).getValue();
            scr.enableComponent(check).getValue();

            String line = ServerFixture.awaitLogLine(log, before, l -> l.contains(opened.toString()), opened.toString());
            assertTrue(line.contains(" WARN ") && line.contains("can be read by other users (mode rwxr-xr-x)"), line);
        } finally {
            Files.setPosixFilePermissions(opened, PosixFilePermissions.fromString("rwx------"));
            scr.enableComponent(check).timeout(TimeUnit.SECONDS.toMillis(5)).getValue();
        }
    }
}
