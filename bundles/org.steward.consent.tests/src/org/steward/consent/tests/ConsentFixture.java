package org.steward.consent.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.steward.consent.ConsentProof;
import org.steward.consent.ConsentRequests;
import org.steward.consent.Consents;
import org.steward.consent.ContactPermission;
import org.steward.consent.CookiePreferences;
import org.steward.consent.DoubleOptIn;
import org.steward.consent.MailingLists;
import org.steward.consent.Purposes;
import org.steward.contacts.Contact;
import org.steward.contacts.ContactDraft;
import org.steward.contacts.Contacts;
import org.steward.contacts.DataSource;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.spi.PersonalDataProvider;
import org.steward.mail.MailId;
import org.steward.mail.MailOutbox;
import org.steward.mail.MailState;
import org.steward.mail.MailStatus;
import org.steward.mail.MailTransport;
import org.steward.persistence.StewardPersistence;
import org.steward.testing.Consoles;
import org.steward.testing.Osgi;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.steward.testing.SimulatedClock;

/**
 * The real consent, contacts and mail services in one framework: the mail outbox delivers through its SMTP transport
 * to GreenMail on a loopback port, a simulated clock (a Clock service, which consent and mail prefer) moves time, and
 * the consent settings name recognisable link addresses. Configuration is only ever updated, never deleted. Every
 * test uses fresh e-mail addresses, so tests need no fresh database.
 */
final class ConsentFixture {

    static final String MAIL_PID = "org.steward.mail";
    static final String SMTP_PID = "org.steward.mail.smtp";
    static final String CONSENT_PID = "org.steward.consent";
    /** The links point at the bundle's own endpoints on the test HTTP server (set once the server runs). */
    static String CONFIRM_URL;
    static String REQUEST_URL;
    static String UNSUBSCRIBE_URL;
    static final String UNSUBSCRIBE_MAILBOX = "unsubscribe@example.org";
    static final Actor STAFF = Actor.console("tester");
    static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    private static SimulatedClock clock;
    private static GreenMail greenMail;
    private static int port;

    final BundleContext context;

    private ConsentFixture(BundleContext context) {
        this.context = context;
    }

    /** The shared set-up: clock, GreenMail, mail and consent settings (applied once per run). */
    static synchronized ConsentFixture get(BundleContext context) throws Exception {
        ConsentFixture f = new ConsentFixture(context);
        if (clock == null) {
            clock = new SimulatedClock(Instant.parse("2032-05-03T09:00:00Z"));
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("steward.clock", "simulated");
            context.registerService(Clock.class, clock, props);
            port = freePort();
            greenMail = startGreenMail(port);
            Map<String, Object> smtp = new LinkedHashMap<>();
            smtp.put("host", "127.0.0.1");
            smtp.put("port", port);
            smtp.put("security", "NONE");
            smtp.put("connectTimeoutSeconds", 3);
            smtp.put("timeoutSeconds", 5);
            f.update(SMTP_PID, smtp);
            f.awaitProperties(MailTransport.class, "(" + MailTransport.NAME_PROPERTY + "=smtp)", smtp);
            Map<String, Object> mail = new LinkedHashMap<>();
            mail.put("transport", "smtp");
            mail.put("from", "steward@example.org");
            mail.put("retryBaseSeconds", 30);
            mail.put("maxAttempts", 8);
            mail.put("pollSeconds", 1);
            f.update(MAIL_PID, mail);
            f.awaitProperties(MailOutbox.class, null, mail);
            String endpoint = f.startHttp();
            CONFIRM_URL = endpoint + "consent/confirm?token=";
            REQUEST_URL = endpoint + "consent/accept?token=";
            UNSUBSCRIBE_URL = endpoint + "consent/unsubscribe?token=";
            Map<String, Object> consent = new LinkedHashMap<>();
            consent.put("confirmationUrl", CONFIRM_URL);
            consent.put("requestUrl", REQUEST_URL);
            consent.put("unsubscribeUrl", UNSUBSCRIBE_URL);
            consent.put("unsubscribeMailbox", UNSUBSCRIBE_MAILBOX);
            consent.put("purgeIntervalMinutes", 0);
            f.update(CONSENT_PID, consent);
            f.awaitProperties(DoubleOptIn.class, null, consent);
            f.awaitProperties(MailingLists.class, null, consent);
        }
        return f;
    }

    /**
     * The address of a plain-HTTP Felix HTTP Jetty server on a free loopback port, ending in "/": these tests are
     * about the link endpoints; HTTPS (which the server bundle configures) is tested by org.steward.server.tests.
     * Felix waits for this configuration (org.apache.felix.http.require.config in the test pom's argLine).
     */
    private String startHttp() throws Exception {
        ConfigurationAdmin admin = Osgi.service(context, ConfigurationAdmin.class);
        Dictionary<String, Object> jetty = new Hashtable<>();
        jetty.put("org.apache.felix.http.enable", true);
        jetty.put("org.osgi.service.http.port", 0);
        jetty.put("org.apache.felix.http.host", "127.0.0.1");
        jetty.put("org.apache.felix.https.enable", false);
        admin.getConfiguration("org.apache.felix.http", "?").updateIfDifferent(jetty);
        return httpEndpoint(Osgi.TIMEOUT)
                .orElseThrow(() -> new AssertionError("no HTTP server with a whiteboard runtime started"));
    }

    private Optional<String> httpEndpoint(java.time.Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            // by name: the test bundle need not wire to the HTTP runtime's API
            var refs = context.getServiceReferences("org.osgi.service.http.runtime.HttpServiceRuntime", null);
            for (var ref : refs == null ? new org.osgi.framework.ServiceReference<?>[0] : refs) {
                Object value = ref.getProperty("osgi.http.endpoint");
                List<String> endpoints = value instanceof String[] a ? List.of(a)
                        : value instanceof java.util.Collection<?> c ? c.stream().map(String::valueOf).toList()
                        : value == null ? List.of() : List.of(String.valueOf(value));
                for (String e : endpoints) {
                    if (e.startsWith("http://") && !e.matches("http://[^/]*:0(/.*)?")) {
                        return Optional.of(e.endsWith("/") ? e : e + "/");
                    }
                }
            }
            Osgi.sleep(50);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    SimulatedClock clock() {
        return clock;
    }

    GreenMail greenMail() {
        return greenMail;
    }

    /** Stops the SMTP server (deliveries fail and are retried later). */
    void stopSmtp() {
        greenMail.stop();
    }

    /** Starts a new SMTP server on the same port. */
    void startSmtp() throws Exception {
        greenMail = startGreenMail(port);
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    Consents consents() {
        return Osgi.service(context, Consents.class);
    }

    ContactPermission permission() {
        return Osgi.service(context, ContactPermission.class);
    }

    Purposes purposes() {
        return Osgi.service(context, Purposes.class);
    }

    DoubleOptIn doubleOptIn() {
        return Osgi.service(context, DoubleOptIn.class);
    }

    ConsentRequests requests() {
        return Osgi.service(context, ConsentRequests.class);
    }

    MailingLists lists() {
        return Osgi.service(context, MailingLists.class);
    }

    CookiePreferences cookies() {
        return Osgi.service(context, CookiePreferences.class);
    }

    Contacts contacts() {
        return Osgi.service(context, Contacts.class);
    }

    MailOutbox outbox() {
        return Osgi.service(context, MailOutbox.class);
    }

    PersonalDataProvider provider() throws Exception {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (var ref : context.getServiceReferences(PersonalDataProvider.class, "(steward.module=consent)")) {
                PersonalDataProvider provider = context.getService(ref);
                if (provider != null) {
                    return provider;
                }
            }
            Osgi.sleep(50);
        }
        throw new AssertionError("no personal-data provider for module consent");
    }

    /** A contact created by staff. */
    Contact contact(String email) {
        return contacts().create(ContactDraft.of("Ada", "Tester", email), DataSource.manual("tester", clock.instant()),
                STAFF);
    }

    /** Consent given on a form, as the tickets module records a ticked box. */
    ConsentProof formProof(int textVersion) {
        return ConsentProof.webForm(clock.instant(), "contact-form", textVersion, "203.0.113.77",
                "Mozilla/5.0 (X11; Linux x86_64) TestBrowser/1.0");
    }

    ConsentProof withdrawalProof() {
        return new ConsentProof(clock.instant(), Channel.PORTAL, "preferences-page", 0, Optional.empty(),
                Optional.empty());
    }

    /** Waits for the mails to one recipient. */
    List<MimeMessage> awaitMails(String recipient, int count) throws Exception {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        List<MimeMessage> found = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            found = mailsTo(recipient);
            if (found.size() >= count) {
                return found;
            }
            Osgi.sleep(50);
        }
        throw new AssertionError(count + " mails to the test address expected, got " + found.size());
    }

    List<MimeMessage> mailsTo(String recipient) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            String to = withAngus(() -> String.join(",", message.getHeader("To") == null ? new String[0]
                    : message.getHeader("To")));
            if (to.contains(recipient)) {
                found.add(message);
            }
        }
        return found;
    }

    /**
     * The text of a mail, every part decoded. Reads the decoded streams rather than {@code getContent()}: content
     * handlers are looked up through the context class loader and may be missing in the test runtime.
     */
    static String text(MimeMessage message) throws Exception {
        return withAngus(() -> text((Part) message));
    }

    private static String text(Part part) throws Exception {
        if (part.isMimeType("multipart/*")) {
            MimeMultipart multipart;
            try (InputStream in = part.getInputStream()) {
                multipart = new MimeMultipart(new ByteArrayDataSource(in, part.getContentType()));
            }
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        String charset = new ContentType(part.getContentType()).getParameter("charset");
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset));
        }
    }

    static String token(String text, String urlPrefix) {
        int at = text.indexOf(urlPrefix);
        if (at < 0) {
            throw new AssertionError("no link starting with " + urlPrefix + " in the mail: "
                    + text.substring(0, Math.min(600, text.length())));
        }
        Matcher m = TOKEN.matcher(text.substring(at));
        if (!m.find()) {
            throw new AssertionError("no token in the link");
        }
        return m.group(1);
    }

    static String header(MimeMessage message, String name) throws Exception {
        return withAngus(() -> message.getHeader(name, ", "));
    }

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

    void advance(Duration by) {
        clock.advance(by);
    }

    /** Every value of the rows of a consent table that belong to a person, as text. */
    List<String> rowValues(String table, String personColumn, String personId) throws Exception {
        StewardPersistence persistence = Osgi.service(context, StewardPersistence.class);
        List<String> values = new ArrayList<>();
        try (Connection c = persistence.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE " + personColumn
                        + " = ?")) {
            s.setString(1, personId);
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= columns; i++) {
                        values.add(String.valueOf(rs.getObject(i)));
                    }
                }
            }
        }
        return values;
    }

    int count(String table, String personColumn, String personId) throws Exception {
        StewardPersistence persistence = Osgi.service(context, StewardPersistence.class);
        try (Connection c = persistence.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE " + personColumn
                        + " = ?")) {
            s.setString(1, personId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Invokes a console command of the consent scope as Gogo would; rethrows what the command throws. */
    Object command(String function, String... arguments) throws Throwable {
        return Consoles.invokeWithStrings(context, "consent", function, arguments);
    }

    private void update(String pid, Map<String, Object> properties) throws Exception {
        Osgi.configure(context, pid, properties);
    }

    private void awaitProperties(Class<?> type, String filter, Map<String, Object> wanted) throws Exception {
        Osgi.awaitServiceProperties(context, type, filter, wanted);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static GreenMail startGreenMail(int port) throws Exception {
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
        thread.setContextClassLoader(SMTPTransport.class.getClassLoader());
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
