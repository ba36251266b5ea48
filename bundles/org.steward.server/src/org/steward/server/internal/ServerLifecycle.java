package org.steward.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.component.annotations.Reference;
import org.steward.core.DataDirectory;

/**
 * Stops the framework in order when the process is asked to end (SIGTERM, Ctrl-C) or by {@code steward:shutdown}, so
 * that every module closes its work and the database is shut down cleanly instead of being recovered at the next start.
 */
@Component(immediate = true, service = ServerLifecycle.class, property = { "osgi.command.scope=steward",
        "osgi.command.function=shutdown" })
public final class ServerLifecycle {

    private static final long STOP_WAIT_SECONDS = 60;

    private final Framework framework;
    private final Logger logger;
    private final Thread hook;
    private final Path startedMarker;
    private final int targetLevel;
    private volatile boolean stopped;

    static final String STARTED_FILE = "server.started";

    @Activate
    public ServerLifecycle(BundleContext context, @Reference(service = LoggerFactory.class) Logger logger,
            @Reference DataDirectory dataDirectory) {
        this.framework = (Framework) context.getBundle(0);
        this.logger = logger;
        this.startedMarker = dataDirectory.area("run").resolve(STARTED_FILE);
        this.hook = new Thread(this::stopFramework, "steward-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // scripts wait for this marker: every module has been started once the framework reports STARTED
        // the framework's STARTED event is not always delivered to late listeners: watch the start level instead
        this.targetLevel = beginningStartLevel(context);
        Thread watcher = new Thread(this::awaitFinalStartLevel, "steward-start-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void awaitFinalStartLevel() {
        FrameworkStartLevel levels = framework.adapt(FrameworkStartLevel.class);
        while (!stopped && levels.getStartLevel() < targetLevel) {
            sleepQuietly(50);
        }
        if (!stopped) {
            markStarted();
        }
    }

    /** Equinox raises the start level after the framework is already ACTIVE; STARTED comes at the final level. */
    private static int beginningStartLevel(BundleContext context) {
        for (String property : new String[] { "org.osgi.framework.startlevel.beginning", "osgi.startLevel" }) {
            String value = context.getProperty(property);
            if (value != null && value.trim().matches("\\d+")) {
                return Integer.parseInt(value.trim());
            }
        }
        return 6;
    }

    private void markStarted() {
        try {
            Files.writeString(startedMarker, Instant.now() + System.lineSeparator());
            logger.info("Steward server started");
        } catch (IOException e) {
            logger.warn("Cannot write {}: {}", startedMarker, e.getMessage());
        }
    }

    @Descriptor("Stops the Steward server in order: modules, then the database")
    public String shutdown() {
        Thread stopper = new Thread(() -> {
            // let the console answer first
            sleepQuietly(200);
            stopFramework();
            System.exit(0);
        }, "steward-shutdown-command");
        stopper.setDaemon(false);
        stopper.start();
        return "Steward server is stopping";
    }

    private void stopFramework() {
        try {
            logger.info("Stopping the Steward server");
            framework.stop();
            framework.waitForStop(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (BundleException | InterruptedException | IllegalStateException e) {
            // the framework is already stopping or gone; nothing left to close
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        try {
            Files.deleteIfExists(startedMarker);
        } catch (IOException e) {
            // a stale marker is replaced at the next start
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running: it is what deactivated us
        }
    }
}
