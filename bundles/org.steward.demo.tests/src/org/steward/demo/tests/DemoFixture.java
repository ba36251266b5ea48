package org.steward.demo.tests;

import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.steward.contacts.Contacts;
import org.steward.core.Actor;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** A fresh Derby database for the contacts module, and the contacts service that opened on it. */
final class DemoFixture {

    static final String PERSISTENCE_PID = "org.steward.persistence";
    static final String DEMO_PID = "org.steward.demo";

    private DemoFixture() {
    }

    /** Points the persistence at a new database and waits for the contacts service on it (holding no contact). */
    static Contacts freshContacts(BundleContext context) throws Exception {
        Set<Object> before = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ServiceReference<Contacts> ref : context.getServiceReferences(Contacts.class, null)) {
            Object service = context.getService(ref);
            if (service != null) {
                before.add(service);
                context.ungetService(ref);
            }
        }
        Path db = TempFolders.create("demo").resolve("db");
        Osgi.configure(context, PERSISTENCE_PID, Map.of("jdbcUrl", "jdbc:derby:" + db));
        return Osgi.service(context, Contacts.class, c -> !before.contains(c) && empty(c));
    }

    private static boolean empty(Contacts contacts) {
        try {
            return contacts.count(Actor.system()) == 0;
        } catch (RuntimeException stale) {
            return false; // an instance on the previous database going away
        }
    }

    /** Waits until the contacts service counts {@code n} contacts; returns the last count seen. */
    static long awaitCount(Contacts contacts, long n) {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        long count = contacts.count(Actor.system());
        while (count != n && System.nanoTime() < deadline) {
            Osgi.sleep(100);
            count = contacts.count(Actor.system());
        }
        return count;
    }

    static void reset(BundleContext context) throws Exception {
        Osgi.configure(context, DEMO_PID, Map.of("contactsOnFirstStart", 0));
        Osgi.configure(context, PERSISTENCE_PID, Map.of("jdbcUrl", ""));
    }
}
