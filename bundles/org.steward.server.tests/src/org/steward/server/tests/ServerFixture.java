package org.steward.server.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.steward.core.DataDirectory;
import org.steward.testing.Osgi;

/** Shared look-ups for the server tests: data directory, console commands, log file. */
final class ServerFixture {

    private ServerFixture() {
    }

    static DataDirectory dataDirectory(BundleContext context) {
        return Osgi.service(context, DataDirectory.class);
    }

    static Path logFile(BundleContext context) {
        return dataDirectory(context).area("logs").resolve("steward.log");
    }

    /** Waits until Gogo can see a command service offering the function in the steward scope. */
    static void awaitCommand(BundleContext context, String function) {
        String filter = "(&(osgi.command.scope=steward)(osgi.command.function=" + function + "))";
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (context.getServiceReferences((String) null, filter) != null) {
                    return;
                }
            } catch (InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
            Osgi.sleep(20);
        }
        throw new AssertionError("No command service for steward:" + function + " within " + Osgi.TIMEOUT);
    }

    static List<String> logLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException notYet) {
            return List.of();
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + file, e);
        }
    }

    /** Polls the log file until a line satisfies the condition; returns it. */
    static String awaitLogLine(Path file, Predicate<String> condition, String what) {
        return awaitLogLine(file, 0, condition, what);
    }

    /** Polls the log file until a line after the first {@code skip} lines satisfies the condition; returns it. */
    static String awaitLogLine(Path file, int skip, Predicate<String> condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<String> lines = logLines(file);
            for (String line : lines.subList(Math.min(skip, lines.size()), lines.size())) {
                if (condition.test(line)) {
                    return line;
                }
            }
            Osgi.sleep(50);
        }
        List<String> lines = logLines(file);
        throw new AssertionError("No line in " + file + " with " + what + "; last lines: "
                + lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }
}
