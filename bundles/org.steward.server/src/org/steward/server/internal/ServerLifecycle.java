package org.steward.server.internal;

import java.util.concurrent.TimeUnit;

import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.component.annotations.Reference;

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

    @Activate
    public ServerLifecycle(BundleContext context, @Reference(service = LoggerFactory.class) Logger logger) {
        this.framework = (Framework) context.getBundle(0);
        this.logger = logger;
        this.hook = new Thread(this::stopFramework, "steward-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
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
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running: it is what deactivated us
        }
    }
}
