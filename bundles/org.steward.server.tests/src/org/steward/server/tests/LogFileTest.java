package org.steward.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.server.tests.AdminClient.Reply;
import org.steward.testing.Osgi;

/** The OSGi log of every bundle ends up in {@code <data dir>/logs/steward.log}, without console arguments. */
class LogFileTest {

    private static final String BSN = "org.steward.server.tests";

    private final BundleContext context = Osgi.context(LogFileTest.class);
    private final Path log = ServerFixture.logFile(context);

    private Logger logger() {
        return Osgi.service(context, LoggerFactory.class).getLogger(LogFileTest.class);
    }

    @Test
    void infoMessageOfAnyBundleIsWrittenWithLevelAndBundle() {
        String marker = "marker-" + UUID.randomUUID();

        logger().info("Probe message {}", marker);

        String line = ServerFixture.awaitLogLine(log, l -> l.contains(marker), marker);
        assertTrue(line.contains(" INFO  " + BSN + " - Probe message " + marker), line);
        assertTrue(line.matches("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z .*"), "ISO time first: " + line);
    }

    @Test
    void warningsAndErrorsCarryTheirLevelAndTheStackTrace() {
        String warn = "warn-" + UUID.randomUUID();
        String error = "error-" + UUID.randomUUID();

        logger().warn("Probe {}", warn);
        logger().error("Probe {}", error, new IllegalStateException("probe failure " + error));

        assertTrue(ServerFixture.awaitLogLine(log, l -> l.contains(warn), warn).contains(" WARN  " + BSN + " - "));
        assertTrue(ServerFixture.awaitLogLine(log, l -> l.contains("Probe " + error), error)
                .contains(" ERROR " + BSN + " - "));
        ServerFixture.awaitLogLine(log,
                l -> l.contains("java.lang.IllegalStateException: probe failure " + error), "the exception");
    }

    @Test
    void consoleCommandIsLoggedByItsFirstWordOnly() throws Exception {
        ServerFixture.awaitCommand(context, "modules");
        AdminClient client = AdminClient.fromRunFolder(ServerFixture.dataDirectory(context).area("run"));
        String personal = "jan.kowalski." + UUID.randomUUID().toString().substring(0, 8) + "@example.pl";

        int before = ServerFixture.logLines(log).size();

        Reply reply = client.run("nosuch:command " + personal);
        assertEquals(1, reply.status(), reply.output());

        ServerFixture.awaitLogLine(log, before,
                l -> l.contains("Console command 'nosuch:command' finished with status 1"), "the command's first word");
        // a later entry proves the writer has caught up with everything logged before it
        String after = "after-" + UUID.randomUUID();
        logger().info(after);
        ServerFixture.awaitLogLine(log, l -> l.contains(after), after);
        assertFalse(ServerFixture.logLines(log).stream().anyMatch(l -> l.contains(personal)),
                personal + " must not be in " + log);
    }

    @Test
    void refusedConnectionIsLoggedAsAWarning() throws Exception {
        AdminClient client = AdminClient.fromRunFolder(ServerFixture.dataDirectory(context).area("run"));
        int before = ServerFixture.logLines(log).size();

        assertEquals(3, client.withToken("not-the-token").run("steward:modules").status());

        String line = ServerFixture.awaitLogLine(log, before, l -> l.contains("refused a connection with a wrong token"),
                "the refusal");
        assertTrue(line.contains(" WARN  org.steward.server - "), line);
        assertFalse(line.contains("not-the-token"), "the presented token is not logged: " + line);
    }

    @Test
    void debugMessagesAreNotWritten() {
        String debug = "debug-" + UUID.randomUUID();
        String info = "info-" + UUID.randomUUID();

        logger().debug("Probe {}", debug);
        logger().info("Probe {}", info);

        ServerFixture.awaitLogLine(log, l -> l.contains(info), info);
        assertFalse(ServerFixture.logLines(log).stream().anyMatch(l -> l.contains(debug)));
    }
}
