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
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

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
        while (System.nanoTime() < deadline) {
            try {
                for (ServiceReference<T> ref : context.getServiceReferences(type, null)) {
                    // kept for the test's lifetime: ungetting would invalidate service-factory instances in use
                    T service = context.getService(ref);
                    if (service != null && condition.test(service)) {
                        return service;
                    }
                    context.ungetService(ref);
                }
            } catch (InvalidSyntaxException e) {
                throw new AssertionError(e);
            } catch (IllegalStateException stale) {
                // the service went away while we looked at it; look again
            }
            // each getService of a component whose activation failed retries the activation: do not hammer it
            sleep(100);
        }
        throw new AssertionError("No " + type.getName() + " service satisfying the condition within " + TIMEOUT
                + "; registered: " + describe(context, type));
    }

    private static String describe(BundleContext context, Class<?> type) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(type.getName(), null);
            if (refs == null) {
                return "none";
            }
            StringBuilder text = new StringBuilder();
            for (ServiceReference<?> ref : refs) {
                Object service = context.getService(ref);
                text.append(ref.getProperty("component.id")).append('=').append(service).append(' ');
            }
            return text.toString();
        } catch (InvalidSyntaxException | RuntimeException e) {
            return e.toString();
        }
    }

    /** Whether a service of the type is registered right now. */
    public static boolean present(BundleContext context, Class<?> type) {
        ServiceReference<?> ref = context.getServiceReference(type);
        return ref != null;
    }

    /**
     * Asserts that no usable service of the type is there: none registered, or every registration fails to activate
     * (SCR keeps the registration of a component whose activation failed, and getService answers null).
     */
    public static void assertUnusable(BundleContext context, Class<?> type) {
        try {
            for (ServiceReference<?> ref : context.getServiceReferences(type.getName(), null) == null
                    ? new ServiceReference<?>[0] : context.getServiceReferences(type.getName(), null)) {
                Object service = context.getService(ref);
                if (service != null) {
                    context.ungetService(ref);
                    throw new AssertionError(type.getName() + " is usable, but should not be");
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Replaces the configuration of a PID; an empty map returns the component to its defaults. The configuration is
     * always updated, never deleted: deleting and at once re-creating a configuration was seen to make SCR miss the
     * second event (the component stayed on the old settings).
     */
    public static void configure(BundleContext context, String pid, Map<String, ?> properties) throws Exception {
        ConfigurationAdmin admin = service(context, ConfigurationAdmin.class);
        Configuration configuration = admin.getConfiguration(pid, "?");
        if (sameSettings(configuration.getProperties(), properties)) {
            // an update with the same settings would still restart the component, after the caller moved on
            return;
        }
        Dictionary<String, Object> dictionary = new Hashtable<>();
        properties.forEach(dictionary::put);
        configuration.update(dictionary);
    }

    private static boolean sameSettings(Dictionary<String, Object> current, Map<String, ?> wanted) {
        Map<String, Object> settings = new java.util.HashMap<>();
        if (current != null) {
            for (String key : java.util.Collections.list(current.keys())) {
                if (!key.startsWith("service.") && !key.startsWith("felix.")) {
                    settings.put(key, current.get(key));
                }
            }
        }
        return settings.equals(new java.util.HashMap<>(wanted));
    }

    /**
     * Waits until a service of the type (matching the filter, when one is given) shows every wanted setting among its
     * service properties: a component has taken a new configuration only when its service says so.
     */
    public static void awaitServiceProperties(BundleContext context, Class<?> type, String filter,
            Map<String, ?> wanted) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Map<String, Object> seen = new java.util.HashMap<>();
        while (System.nanoTime() < deadline) {
            ServiceReference<?>[] refs = context.getServiceReferences(type.getName(), filter);
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                seen.clear();
                boolean all = true;
                for (Map.Entry<String, ?> e : wanted.entrySet()) {
                    Object value = ref.getProperty(e.getKey());
                    seen.put(e.getKey(), value);
                    all &= String.valueOf(e.getValue()).equals(String.valueOf(value));
                }
                if (all) {
                    return;
                }
            }
            sleep(20);
        }
        throw new AssertionError(type.getName() + " did not take the settings " + wanted + "; seen " + seen);
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

    /**
     * The current instance behind each registration of a service type, releasing this bundle's cached use first: SCR
     * may have replaced the instance behind a registration after a reconfiguration.
     */
    public static <T> java.util.List<T> currentInstances(BundleContext context, Class<T> type) {
        java.util.List<T> found = new java.util.ArrayList<>();
        try {
            for (ServiceReference<T> ref : context.getServiceReferences(type, null)) {
                try {
                    while (context.ungetService(ref)) {
                        // release the cached instance
                    }
                    T service = context.getService(ref);
                    if (service != null) {
                        found.add(service);
                    }
                } catch (IllegalStateException gone) {
                    // unregistered while we looked
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        return found;
    }

    /**
     * Waits for the current instance of a service type (see {@link #currentInstances}) that satisfies a condition,
     * e.g. the instance on the database a test has just configured; an instance that fails the condition's call is
     * a stale one going away.
     */
    public static <T> T awaitCurrent(BundleContext context, Class<T> type, Predicate<T> condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (T service : currentInstances(context, type)) {
                try {
                    if (condition.test(service)) {
                        return service;
                    }
                } catch (RuntimeException stale) {
                    // an instance on the previous configuration going away
                }
            }
            sleep(20);
        }
        throw new AssertionError("No " + type.getName() + " satisfying the condition within " + TIMEOUT);
    }

    /** Waits until {@code condition} holds, failing the test with {@code what} after {@link #TIMEOUT}. */
    public static void await(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            sleep(20);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
