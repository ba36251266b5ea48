package org.steward.testing;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Test access to the running framework: waiting for the real DS services, reconfiguring them through Config Admin,
 * restarting bundles. Tests run inside Equinox with every Steward bundle started.
 */
public final class Osgi {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Osgi() {
    }

    public static BundleContext context(Class<?> testClass) {
        Bundle bundle = FrameworkUtil.getBundle(testClass);
        Objects.requireNonNull(bundle, "the test class is not loaded from a bundle");
        return bundle.getBundleContext();
    }

    /** Waits for a service, failing the test with a clear message after {@link #TIMEOUT}. */
    public static <T> T service(BundleContext context, Class<T> type) {
        return service(context, type, s -> true);
    }

    /** Waits for a service that satisfies a condition (e.g. a new instance after reconfiguration). */
    public static <T> T service(BundleContext context, Class<T> type, Predicate<T> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            while (System.nanoTime() < deadline) {
                T service = tracker.getService();
                if (service != null && condition.test(service)) {
                    return service;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            tracker.close();
        }
        throw new AssertionError("No " + type.getName() + " service satisfying the condition within " + TIMEOUT);
    }

    /** Whether a service of the type is registered right now. */
    public static boolean present(BundleContext context, Class<?> type) {
        ServiceReference<?> ref = context.getServiceReference(type);
        return ref != null;
    }

    /** Waits until no service of the type is registered, e.g. after a configuration that cannot work. */
    public static void awaitAbsent(BundleContext context, Class<?> type) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!present(context, type)) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError(type.getName() + " is still registered after " + TIMEOUT);
    }

    /** Replaces the configuration of a PID; an empty map deletes it, returning the component to its defaults. */
    public static void configure(BundleContext context, String pid, Map<String, ?> properties) throws Exception {
        ConfigurationAdmin admin = service(context, ConfigurationAdmin.class);
        Configuration configuration = admin.getConfiguration(pid, "?");
        if (properties.isEmpty()) {
            configuration.delete();
            return;
        }
        Dictionary<String, Object> dictionary = new Hashtable<>();
        properties.forEach(dictionary::put);
        configuration.update(dictionary);
    }

    /** Stops and starts a bundle, like a restart of that module. */
    public static void restart(BundleContext context, String symbolicName) throws Exception {
        Bundle bundle = bundle(context, symbolicName);
        bundle.stop();
        bundle.start();
    }

    public static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("Bundle " + symbolicName + " is not installed");
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
