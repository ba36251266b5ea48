package org.steward.mail.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.osgi.framework.BundleContext;
import org.steward.core.DataDirectory;
import org.steward.core.PersonId;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailState;
import org.steward.mail.MailStatus;
import org.steward.mail.MailTemplates;
import org.steward.mail.MailTransport;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.Consoles;
import org.steward.testing.SimulatedClock;
import org.steward.testing.Osgi;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The real mail services, configured through Config Admin (updates only), a simulated clock for due times, GreenMail
 * on a loopback port, direct JDBC access to the outbox table, and the console commands.
 */
final class MailFixture {

    static final String OUTBOX_PID = "org.steward.mail";
    static final String SMTP_PID = "org.steward.mail.smtp";
    static final String FROM = "steward@example.org";

    private static SimulatedClock clock;

    final BundleContext context;

    MailFixture(BundleContext context) {
        this.context = context;
        synchronized (MailFixture.class) {
            if (clock == null) {
                clock = new SimulatedClock(Instant.parse("2031-03-03T09:00:00Z"));
                Hashtable<String, Object> props = new Hashtable<>();
                props.put("steward.clock", "simulated");
                context.registerService(Clock.class, clock, props);
            }
        }
    }

    SimulatedClock clock() {
        return clock;
    }

    static Map<String, Object> outboxSettings(String transport, int maxAttempts) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("transport", transport);
        settings.put("from", FROM);
        settings.put("retryBaseSeconds", 30);
        settings.put("maxAttempts", maxAttempts);
        settings.put("pollSeconds", 1);
        return settings;
    }

    static Map<String, Object> smtpSettings(int port) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", port);
        settings.put("security", "NONE");
        settings.put("connectTimeoutSeconds", 3);
        settings.put("timeoutSeconds", 5);
        return settings;
    }

    /** Applies settings and waits until the outbox (and the SMTP transport) registered them. */
    void configure(Map<String, Object> outbox, Map<String, Object> smtp) throws Exception {
        update(OUTBOX_PID, outbox);
        if (smtp != null) {
            update(SMTP_PID, smtp);
            awaitProperties(MailTransport.class, "(" + MailTransport.NAME_PROPERTY + "=smtp)", smtp);
        }
        awaitProperties(MailOutbox.class, null, outbox);
    }

    private void update(String pid, Map<String, Object> properties) throws Exception {
        Osgi.configure(context, pid, properties);
    }

    private void awaitProperties(Class<?> type, String filter, Map<String, Object> wanted) throws Exception {
        Osgi.awaitServiceProperties(context, type, filter, wanted);
    }

    MailOutbox outbox() {
        return Osgi.service(context, MailOutbox.class);
    }

    MailTemplates templates() {
        return Osgi.service(context, MailTemplates.class);
    }

    PersonalDataProvider provider() throws Exception {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            var refs = context.getServiceReferences(PersonalDataProvider.class, "(steward.module=mail)");
            for (var ref : refs) {
                PersonalDataProvider provider = context.getService(ref);
                if (provider != null) {
                    return provider;
                }
            }
            Osgi.sleep(50);
        }
        throw new AssertionError("no personal-data provider for module mail");
    }

    Path dropFolder() {
        return Osgi.service(context, DataDirectory.class).area("mail").resolve("drop");
    }

    /** Waits until the mail reaches a state (the background sender runs every second). */
    MailStatus awaitState(MailId id, MailState state) {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        Optional<MailStatus> status = Optional.empty();
        while (System.nanoTime() < deadline) {
            status = outbox().status(id);
            if (status.isPresent() && status.get().state() == state) {
                return status.get();
            }
            Osgi.sleep(50);
        }
        throw new AssertionError("mail " + id + " did not become " + state + ": " + status);
    }

    /** Waits until a queued mail has made at least this many attempts. */
    MailStatus awaitAttempts(MailId id, int attempts) {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        Optional<MailStatus> status = Optional.empty();
        while (System.nanoTime() < deadline) {
            status = outbox().status(id);
            if (status.isPresent() && status.get().attempts() >= attempts) {
                return status.get();
            }
            Osgi.sleep(50);
        }
        throw new AssertionError("mail " + id + " did not reach " + attempts + " attempts: " + status);
    }

    /** One column of the outbox row as stored. */
    String column(MailId id, String column) throws Exception {
        StewardPersistence persistence = Osgi.service(context, StewardPersistence.class);
        try (Connection c = persistence.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM MAIL_MESSAGE WHERE ID = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                assertEquals(true, rs.next(), "row of mail " + id);
                return rs.getString(1);
            }
        }
    }

    int rowsOf(PersonId person) throws Exception {
        StewardPersistence persistence = Osgi.service(context, StewardPersistence.class);
        try (Connection c = persistence.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM MAIL_MESSAGE WHERE PERSON_ID = ?")) {
            s.setString(1, person.toString());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Invokes a console command of the mail scope as Gogo would; rethrows what the command throws. */
    Object command(String function, Object... arguments) throws Throwable {
        String[] strings = java.util.Arrays.copyOf(arguments, arguments.length, String[].class);
        return Consoles.invokeWithStrings(context, "mail", function, strings);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** GreenMail on a loopback port, started with a context class loader that finds Angus Mail. */
    static GreenMail greenMail(int port) throws Exception {
        return withAngus(() -> {
            GreenMail server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            return server;
        });
    }

    /** Jakarta Mail finds its providers and content handlers through the context class loader. */
    static <T> T withAngus(Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ANGUS);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static final ClassLoader ANGUS = new AngusLoader();

    /** Sees Angus Mail and Angus Activation (their META-INF/services and mailcap), as the mail bundle does. */
    private static final class AngusLoader extends ClassLoader {
        private final java.util.List<ClassLoader> loaders = new java.util.ArrayList<>();

        AngusLoader() {
            super(null);
            ClassLoader mail = SMTPTransport.class.getClassLoader();
            loaders.add(mail);
            try {
                loaders.add(mail.loadClass("org.eclipse.angus.activation.MailcapRegistryProviderImpl")
                        .getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError("Angus Activation is not in the test runtime", e);
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            for (ClassLoader loader : loaders) {
                try {
                    return loader.loadClass(name);
                } catch (ClassNotFoundException next) {
                    // the next one
                }
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected java.net.URL findResource(String name) {
            for (ClassLoader loader : loaders) {
                java.net.URL url = loader.getResource(name);
                if (url != null) {
                    return url;
                }
            }
            return null;
        }

        @Override
        protected java.util.Enumeration<java.net.URL> findResources(String name) throws IOException {
            java.util.Set<java.net.URL> urls = new java.util.LinkedHashSet<>();
            for (ClassLoader loader : loaders) {
                urls.addAll(java.util.Collections.list(loader.getResources(name)));
            }
            return java.util.Collections.enumeration(urls);
        }
    }
}
