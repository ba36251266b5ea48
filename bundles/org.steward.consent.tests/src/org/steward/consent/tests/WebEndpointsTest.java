package org.steward.consent.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.steward.consent.ConsentRecord;
import org.steward.consent.ConsentState;
import org.steward.consent.MailingList;
import org.steward.consent.PendingConsent;
import org.steward.consent.WebFormSubmission;
import org.steward.core.PersonId;
import org.steward.core.spi.PersonalDataExport;
import org.steward.mail.MailId;
import org.steward.mail.MailState;
import org.steward.mail.RenderedMail;
import org.steward.testing.LogCapture;
import org.steward.testing.Osgi;

import jakarta.mail.internet.MimeMessage;

/**
 * The link endpoints over real HTTP: Equinox HTTP Jetty on a loopback port, the links taken from mail received by
 * GreenMail, java.net.http as the browser (or the mail provider's one-click POST).
 */
class WebEndpointsTest {

    private static final String BROWSER = "Mozilla/5.0 WebEndpointsTest/1.0";
    private static final Pattern LINK = Pattern.compile("(https?://[^\\s<>\"]+token=[A-Za-z0-9_-]{43})");

    private final ConsentFixture f;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebEndpointsTest() throws Exception {
        f = ConsentFixture.get(Osgi.context(WebEndpointsTest.class));
    }

    private HttpResponse<String> get(String url, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", BROWSER)
                .header("Accept-Language", language).GET().timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String form, String language) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", BROWSER)
                .header("Accept-Language", language).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The first link in a mail's text that starts with the prefix. */
    private static String link(String text, String prefix) {
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            if (m.group(1).startsWith(prefix)) {
                return m.group(1);
            }
        }
        throw new AssertionError("no link starting with " + prefix + " in the mail");
    }

    /** What the page's button posts: the hidden token field (the form has no action, so it posts to the link). */
    private static String formOf(String page) {
        Matcher m = Pattern.compile("name=\"token\" value=\"([A-Za-z0-9_-]{43})\"").matcher(page);
        assertTrue(m.find(), "the page has a form with the token");
        return "token=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }

    private static void assertSecurityHeaders(HttpResponse<String> response) {
        var h = response.headers();
        String csp = h.firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertEquals(Optional.of("nosniff"), h.firstValue("X-Content-Type-Options"));
        assertEquals(Optional.of("no-referrer"), h.firstValue("Referrer-Policy"));
        assertEquals(Optional.of("no-store"), h.firstValue("Cache-Control"));
        assertTrue(h.firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertFalse(response.body().contains("http://") || response.body().contains("https://")
                || response.body().contains("<script"), "no external resources, no script");
    }

    @Test
    void doubleOptInThroughTheMailedLink() throws Exception {
        String email = ConsentFixture.uniqueEmail("web-doi");
        try (LogCapture log = new LogCapture(f.context)) {
            PendingConsent pending = f.doubleOptIn().submit(WebFormSubmission.of(email, "newsletter",
                    "footer-signup", "198.51.100.31", "Mozilla/5.0 form", Locale.forLanguageTag("pl"),
                    f.clock().instant()));
            PersonId person = pending.person();
            MimeMessage mail = f.awaitMails(email, 1).get(0);
            String url = link(ConsentFixture.text(mail), ConsentFixture.CONFIRM_URL);
            String token = url.substring(url.indexOf("token=") + 6);

            HttpResponse<String> page = get(url, "pl-PL,pl;q=0.9,en;q=0.5");
            assertEquals(200, page.statusCode());
            assertSecurityHeaders(page);
            assertTrue(page.body().contains("<form method=\"post\">"), page.body());
            assertTrue(page.body().contains("Potwierdzam"), "the page speaks the person's language");
            assertFalse(f.permission().mayContact(person, "newsletter").allowed(), "opening the link is not consent");
            assertEquals(List.of(ConsentState.PENDING), f.consents().history(person, ConsentFixture.STAFF).stream()
                    .map(ConsentRecord::state).toList(), "a GET (a mail scanner) records nothing");

            HttpResponse<String> confirmed = post(url, formOf(page.body()), "pl");
            assertEquals(200, confirmed.statusCode(), confirmed.body());
            assertSecurityHeaders(confirmed);
            assertTrue(confirmed.body().contains("zgoda została potwierdzona"), confirmed.body());
            assertTrue(f.permission().mayContact(person, "newsletter").allowed());
            ConsentRecord granted = f.consents().current(person, "newsletter", ConsentFixture.STAFF).orElseThrow();
            assertEquals(ConsentState.GRANTED, granted.state());
            assertTrue(granted.confirmedAt().isPresent());

            // the proof names the address and browser that confirmed (stored encrypted, decrypted in the export)
            PersonalDataExport export = f.provider().export(person, ConsentFixture.STAFF);
            assertTrue(export.records().stream().anyMatch(r -> r.fields().values().stream()
                    .anyMatch(v -> String.valueOf(v).equals("127.0.0.1")))
                    && export.records().stream().anyMatch(r -> r.fields().values().stream()
                            .anyMatch(v -> String.valueOf(v).equals(BROWSER))),
                    "the client address and user agent are in the proof: " + export.records());
            assertFalse(f.rowValues("CONSENT_RECORD", "PERSON_ID", person.toString()).stream()
                    .anyMatch(v -> v.contains(BROWSER)), "the user agent is stored encrypted");

            HttpResponse<String> again = post(url, "token=" + token, "en");
            assertEquals(410, again.statusCode());
            assertSecurityHeaders(again);
            assertTrue(again.body().contains("This link is no longer valid."), again.body());
            HttpResponse<String> forged = post(ConsentFixture.CONFIRM_URL + "C".repeat(43), "", "en");
            assertEquals(410, forged.statusCode());
            assertEquals(again.body(), forged.body(), "used and unknown links get the same answer");
            assertEquals(2, f.consents().history(person, ConsentFixture.STAFF).size(), "nothing else recorded");

            for (String message : log.messages()) {
                String m = String.valueOf(message);
                assertFalse(m.contains(token) || m.contains(email) || m.contains(BROWSER), m);
            }
        }
    }

    @Test
    void oneClickUnsubscribeFromTheListUnsubscribeHeader() throws Exception {
        String list = "web-" + UUID.randomUUID().toString().substring(0, 8);
        f.lists().define(list, "newsletter", "Web test list", ConsentFixture.STAFF);
        String email = ConsentFixture.uniqueEmail("web-list");
        PersonId person = f.contact(email).person();
        f.consents().grant(person, "newsletter", f.formProof(1), ConsentFixture.STAFF);
        f.lists().subscribe(person, list, ConsentFixture.STAFF);
        String sent = f.lists().send(list, person, new RenderedMail("weekly", "en", "This week", "News.",
                Optional.empty()), ConsentFixture.STAFF);
        f.awaitState(new MailId(sent), MailState.SENT);
        MimeMessage mail = f.awaitMails(email, 1).get(0);
        String header = ConsentFixture.header(mail, "List-Unsubscribe");
        assertEquals("List-Unsubscribe=One-Click", ConsentFixture.header(mail, "List-Unsubscribe-Post"));
        String url = header.substring(header.indexOf('<') + 1, header.indexOf('>'));
        assertTrue(url.startsWith(ConsentFixture.UNSUBSCRIBE_URL), url);

        HttpResponse<String> page = get(url, "fr-FR,fr;q=0.8");
        assertEquals(200, page.statusCode());
        assertSecurityHeaders(page);
        assertTrue(page.body().contains("Me désabonner"), page.body());
        assertTrue(f.lists().isSubscribed(person, list, ConsentFixture.STAFF), "a GET does not unsubscribe");

        // RFC 8058: the mail provider POSTs exactly this body to the URL of the header, without cookies or a page
        HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, oneClick.statusCode(), oneClick.body());
        assertSecurityHeaders(oneClick);
        assertFalse(f.lists().isSubscribed(person, list, ConsentFixture.STAFF));
        assertFalse(f.permission().mayContact(person, MailingList.mailPurpose(list)).allowed());
        assertEquals(200, post(url, "List-Unsubscribe=One-Click", "en").statusCode(), "a second click is harmless");
    }

    @Test
    void aConsentRequestIsAcceptedByPostOnly() throws Exception {
        String email = ConsentFixture.uniqueEmail("web-request");
        PersonId person = f.contact(email).person();
        f.requests().request(person, "profiling", ConsentFixture.STAFF);
        String url = link(ConsentFixture.text(f.awaitMails(email, 1).get(0)), ConsentFixture.REQUEST_URL);

        HttpResponse<String> page = get(url, "zh-CN,zh;q=0.9");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("我同意"), page.body());
        assertTrue(f.consents().current(person, "profiling", ConsentFixture.STAFF).isEmpty(), "GET records nothing");

        HttpResponse<String> accepted = post(url, formOf(page.body()), "it");
        assertEquals(200, accepted.statusCode(), accepted.body());
        assertTrue(accepted.body().contains("il consenso è registrato"), accepted.body());
        assertEquals(ConsentState.GRANTED,
                f.consents().current(person, "profiling", ConsentFixture.STAFF).orElseThrow().state());
        assertEquals(410, post(url, formOf(page.body()), "it").statusCode(), "single use");
    }

    @Test
    void malformedRequestsGetTheNeutralPage() throws Exception {
        String base = ConsentFixture.CONFIRM_URL.substring(0, ConsentFixture.CONFIRM_URL.indexOf('?'));
        HttpResponse<String> noToken = get(base, "en");
        assertEquals(410, noToken.statusCode());
        assertSecurityHeaders(noToken);
        assertTrue(noToken.body().contains("This link is no longer valid."));
        HttpResponse<String> injected = get(base + "?token=%3Cscript%3Ealert(1)%3C%2Fscript%3E&lang=%3Cb%3E", "xx");
        assertEquals(410, injected.statusCode());
        assertFalse(injected.body().contains("<script>") || injected.body().contains("<b>"), injected.body());
        assertTrue(injected.body().contains("lang=\"en\""), "unknown languages fall back to English");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base))
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, put.statusCode());
    }

    @Test
    void oneAddressIsLimitedPerMinute() throws Exception {
        String url = ConsentFixture.CONFIRM_URL + "D".repeat(43);
        var admin = Osgi.service(f.context, org.osgi.service.cm.ConfigurationAdmin.class);
        var config = admin.getConfiguration("org.steward.consent.web", "?");
        java.util.Hashtable<String, Object> limited = new java.util.Hashtable<>();
        limited.put("requestsPerMinute", 3);
        config.update(limited);
        try {
            // the endpoints are registered again with the new limit; within a minute the fourth request is refused
            long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
            int status = 0;
            while (status != 429 && System.nanoTime() < deadline) {
                status = get(url, "en").statusCode();
            }
            assertEquals(429, status, "the limit applies");
            HttpResponse<String> refused = get(url, "en");
            assertEquals(429, refused.statusCode());
            assertSecurityHeaders(refused);
        } finally {
            java.util.Hashtable<String, Object> normal = new java.util.Hashtable<>();
            normal.put("requestsPerMinute", 30);
            config.update(normal);
            long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
            while (get(url, "en").statusCode() == 429 && System.nanoTime() < deadline) {
                Osgi.sleep(50);
            }
        }
    }
}
