package org.steward.server.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.core.DataDirectory;

/**
 * Writes the OSGi log of every bundle to {@code <data dir>/logs/steward.log}. Modules never log personal values; this
 * writer adds nothing but time, level, bundle and message.
 */
@Component(immediate = true, configurationPid = LogConfiguration.PID)
@Designate(ocd = LogConfiguration.class)
public final class FileLogWriter implements LogListener {

    static final String FILE = "steward.log";
    static final List<String> FRAMEWORK_EVENT_LOGGERS = List.of("Events.Service", "Events.Bundle", "Events.Framework");

    private final LogReaderService reader;
    private final BufferedWriter out;
    private final Path file;
    private final LogLevel level;

    @Activate
    public FileLogWriter(@Reference LogReaderService reader, @Reference DataDirectory dataDirectory,
            @Reference LoggerAdmin loggerAdmin, LogConfiguration config) throws IOException {
        this.reader = reader;
        this.level = parse(config.level());
        // the OSGi default passes only warnings; lower the root level so the file gets what it is configured for
        LoggerContext root = loggerAdmin.getLoggerContext(null);
        Map<String, LogLevel> levels = new HashMap<>(root.getLogLevels());
        levels.put(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, level);
        // Equinox logs every bundle and service event below WARN; service events carry the service properties, which
        // include a component's configuration (a database password, for one): keep them out of every log listener
        for (String events : FRAMEWORK_EVENT_LOGGERS) {
            levels.put(events, LogLevel.WARN);
        }
        root.setLogLevels(levels);
        this.file = dataDirectory.area("logs").resolve(FILE);
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        replayStartupHistory(reader);
        reader.addLogListener(this);
    }

    /**
     * Entries logged before this writer started (the database opening, for instance) are kept by Equinox when
     * {@code equinox.log.history.max} is set, as the server launcher does; write them first, oldest first.
     */
    @SuppressWarnings("deprecation")
    private void replayStartupHistory(LogReaderService reader) {
        List<LogEntry> history = Collections.list(reader.getLog());
        Collections.reverse(history);
        history.forEach(this::logged);
    }

    @Override
    public void logged(LogEntry entry) {
        if (!level.implies(entry.getLogLevel())) {
            return;
        }
        StringBuilder line = new StringBuilder(160);
        line.append(DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(entry.getTime()))).append(' ')
                .append(String.format("%-5s", entry.getLogLevel())).append(' ')
                .append(entry.getBundle() == null ? "-" : entry.getBundle().getSymbolicName()).append(" - ")
                .append(entry.getMessage());
        if (entry.getException() != null) {
            StringWriter trace = new StringWriter();
            entry.getException().printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace.toString().stripTrailing());
        }
        synchronized (out) {
            try {
                out.write(line.toString());
                out.newLine();
                out.flush();
            } catch (IOException e) {
                // the log file is gone or the disk is full: the console still shows the framework's own output
            }
        }
    }

    private static LogLevel parse(String configured) {
        try {
            return LogLevel.valueOf(configured == null ? "INFO" : configured.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return LogLevel.INFO;
        }
    }

    Path file() {
        return file;
    }

    @Deactivate
    void close() throws IOException {
        reader.removeLogListener(this);
        synchronized (out) {
            out.close();
        }
    }
}
