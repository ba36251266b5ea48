package org.steward.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.PublicAddress;
import org.steward.encryption.CertificateGenerator;
import org.steward.encryption.CertificateRequest;
import org.steward.testing.Consoles;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/**
 * HTTPS over real TLS on loopback: Felix HTTP Jetty as the server bundle configures it, the JDK's TLS client. The test
 * JVM re-enables TLS 1.0 and 1.1 (tls-legacy.security, see the pom), so a refused TLS 1.1 client is refused by the
 * server's settings, not by the client's own defaults.
 */
class HttpsTest {

    private static final String PID = "org.steward.server.https";
    private static final String TOKEN = "gOCxVatrQSx-xpJUFPSAwsLJtScKexXoPZUwQLgQ2qk";

    private final BundleContext context = Osgi.context(HttpsTest.class);

    @AfterEach
    void backToTheDefaults() throws Exception {
        Osgi.configure(context, PID, Map.of());
    }

    private Map<String, String> certificateCommand() throws Throwable {
        ServerFixture.awaitCommand(context, "certificate");
        String out = String.valueOf(Consoles.invokeWithStrings(context, "steward", "certificate"));
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            int gap = line.indexOf(' ');
            fields.put(line.substring(0, gap), line.substring(gap).strip());
        }
        return fields;
    }

    /** Handshakes until the server presents the certificate with this fingerprint (Jetty restarts on a change). */
    private String awaitServed(String sha256) throws Exception {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        String last = "none";
        while (System.nanoTime() < deadline) {
            for (String endpoint : TlsClient.endpoints(context, "https")) {
                try {
                    String seen = TlsClient.handshake(TlsClient.port(endpoint), new String[] { "TLSv1.3" }, null)
                            .sha256();
                    if (seen.equals(sha256)) {
                        return TlsClient.loopback(endpoint);
                    }
                    last = seen;
                } catch (java.io.IOException restarting) {
                    last = restarting.getMessage();
                }
            }
            Osgi.sleep(100);
        }
        throw new AssertionError("the server did not serve " + sha256 + " within " + Osgi.TIMEOUT + "; last: " + last);
    }

    @Test
    void tls13And12AreServedWithTheGeneratedCertificateAndOlderClientsAreRefused() throws Throwable {
        Map<String, String> shown = certificateCommand();
        String sha256 = shown.get("SHA-256");
        int port = TlsClient.port(awaitServed(sha256));

        TlsClient.Handshake tls13 = TlsClient.handshake(port, new String[] { "TLSv1.3" }, null);
        assertEquals("TLSv1.3", tls13.protocol());
        TlsClient.Handshake tls12 = TlsClient.handshake(port, new String[] { "TLSv1.2" }, null);
        assertEquals("TLSv1.2", tls12.protocol());
        assertTrue(tls12.cipherSuite().matches("TLS_ECDHE_ECDSA_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)"),
                tls12.cipherSuite());
        assertEquals(sha256, tls12.sha256());

        // the client side would speak TLS 1.1 here: the refusal is the server's
        assertFalse(Security.getProperty("jdk.tls.disabledAlgorithms").contains("TLSv1.1"));
        SSLException tls11 = assertThrows(SSLException.class,
                () -> TlsClient.handshake(port, new String[] { "TLSv1.1" }, null));
        assertFalse(tls11.getMessage().contains("No appropriate protocol"), tls11.getMessage());
        // TLS 1.2 with a CBC suite outside Mozilla's intermediate list
        assertThrows(SSLException.class, () -> TlsClient.handshake(port, new String[] { "TLSv1.2" },
                new String[] { "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256" }));

        // the certificate names this machine and loopback, as the console says
        List<String> names = TlsClient.names(tls13.certificate());
        String host = Osgi.service(context, PublicAddress.class).machineHostName();
        assertTrue(names.containsAll(List.of("DNS:localhost", "DNS:" + host, "IP:127.0.0.1", "IP:0:0:0:0:0:0:0:1")),
                names.toString());
        assertEquals(String.join(" ", names), shown.get("Names"));
        Path file = ServerFixture.dataDirectory(context).area("tls").resolve("self-signed.p12");
        assertTrue(shown.get("Source").endsWith(file.toString()), shown.get("Source"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        ServerFixture.awaitLogLine(ServerFixture.logFile(context), l -> l.contains("SHA-256 " + sha256),
                "the fingerprint in the log");
    }

    @Test
    void httpsAnswersCarryHstsAndTheConsentPageAnswersWithThePinnedCertificate() throws Throwable {
        String sha256 = certificateCommand().get("SHA-256");
        String endpoint = awaitServed(sha256);
        HttpClient client = TlsClient.pinned(sha256);
        HttpResponse<String> page = null;
        for (int i = 0; i < 100; i++) { // the consent module registers its servlet when its services are up
            page = TlsClient.get(client, endpoint + "consent/confirm?token=" + TOKEN);
            if (page.statusCode() == 200) {
                break;
            }
            Osgi.sleep(200);
        }
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<form"), page.body());
        assertEquals("max-age=31536000", page.headers().firstValue("Strict-Transport-Security").orElse(null));
        HttpResponse<String> missing = TlsClient.get(client, endpoint + "no/such/page");
        assertEquals(404, missing.statusCode());
        assertEquals("max-age=31536000", missing.headers().firstValue("Strict-Transport-Security").orElse(null));
        assertTrue(missing.headers().firstValue("Server").isEmpty(), "no Server header");
        // a client pinned to another certificate refuses this server
        HttpClient other = TlsClient.pinned(sha256.replace(sha256.charAt(0), sha256.charAt(0) == 'A' ? 'B' : 'A'));
        assertThrows(SSLException.class, () -> TlsClient.get(other, endpoint + "no/such/page"));
    }

    @Test
    void plainHttpIsOffByDefaultAndOnlyRedirectsWhenEnabled() throws Throwable {
        awaitServed(certificateCommand().get("SHA-256"));
        assertEquals(List.of(), TlsClient.endpoints(context, "http"));

        Osgi.configure(context, PID, Map.of("httpPort", 0));
        String http = TlsClient.awaitEndpoint(context, "http");
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> answer = TlsClient.get(plain, http + "consent/confirm?token=" + TOKEN);
        assertEquals(308, answer.statusCode());
        String expected = Osgi.service(context, PublicAddress.class).link("/consent/confirm?token=" + TOKEN);
        assertTrue(expected.startsWith("https://"), expected);
        assertEquals(expected, answer.headers().firstValue("Location").orElse(null));
        assertEquals("", answer.body(), "no page travels in clear");
        assertTrue(answer.headers().firstValue("Strict-Transport-Security").isEmpty());

        Osgi.configure(context, PID, Map.of());
        Osgi.await("plain HTTP closed again", () -> TlsClient.endpoints(context, "http").isEmpty());
    }

    @Test
    void anAdministratorsCertificateIsServedAndAReplacementIsPickedUpWithoutRestart() throws Throwable {
        String selfSigned = certificateCommand().get("SHA-256");
        Path folder = TempFolders.create("https-certificates");
        CertificateGenerator generator = Osgi.service(context, CertificateGenerator.class);

        // a PKCS#12 file with its password
        Path p12 = folder.resolve("admin.p12");
        X509Certificate first = generator.selfSigned(request("first.example"), p12, "p12-secret".toCharArray());
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("certificate", p12.toString());
        settings.put(".certificatePassword", "p12-secret");
        settings.put("watchSeconds", 1);
        Osgi.configure(context, PID, settings);
        awaitServed(TlsClient.fingerprint(first));
        assertNotEquals(selfSigned, TlsClient.fingerprint(first));

        // a PEM file (chain and key), then replaced in place: served without a restart of the framework
        long bundleId = Osgi.bundle(context, "org.steward.server").getBundleId();
        Path pem = folder.resolve("server.pem");
        X509Certificate second = pem(generator, folder, "second.example", pem);
        Osgi.configure(context, PID, Map.of("certificate", pem.toString(), "watchSeconds", 1));
        awaitServed(TlsClient.fingerprint(second));
        X509Certificate third = pem(generator, folder, "third.example", folder.resolve("next.pem"));
        Files.move(folder.resolve("next.pem"), pem, StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
        awaitServed(TlsClient.fingerprint(third));
        assertEquals(TlsClient.fingerprint(third), certificateCommand().get("SHA-256"));
        assertEquals(bundleId, Osgi.bundle(context, "org.steward.server").getBundleId());

        // a broken replacement is named in the log; the last good certificate stays
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nbroken\n-----END CERTIFICATE-----\n");
        ServerFixture.awaitLogLine(ServerFixture.logFile(context),
                l -> l.contains("WARN") && l.contains(pem.toString()) && l.contains("the previous one stays"),
                "the broken certificate named in the log");
        assertEquals(TlsClient.fingerprint(third), certificateCommand().get("SHA-256"));
        awaitServed(TlsClient.fingerprint(third));

        // back to the self-signed certificate generated at first start, the same as before
        Osgi.configure(context, PID, Map.of());
        awaitServed(selfSigned);
    }

    @Test
    void refusedSettingsAreNamedInTheLogAndWhatIsServedStays() throws Throwable {
        String sha256 = certificateCommand().get("SHA-256");
        String before = awaitServed(sha256);
        Osgi.configure(context, PID, Map.of("httpPort", "eighty"));
        String line = ServerFixture.awaitLogLine(ServerFixture.logFile(context),
                l -> l.contains("ERROR") && l.contains("The HTTPS settings are refused") && l.contains("httpPort"),
                "the refused setting named in the log");
        assertTrue(line.contains("the previous settings stay"), line);
        assertFalse(line.contains("Exception"), line);
        assertEquals(before, awaitServed(sha256), "still served on the same port");
        assertEquals(sha256, certificateCommand().get("SHA-256"));
    }

    private static CertificateRequest request(String host) {
        return CertificateRequest.server(host, List.of(host, "localhost"), List.of("127.0.0.1"), Duration.ofDays(30));
    }

    /** A new certificate written as one PEM file, chain then PKCS#8 key, as certbot-style tools write them. */
    private static X509Certificate pem(CertificateGenerator generator, Path folder, String host, Path target)
            throws Exception {
        Path p12 = folder.resolve(host + ".p12");
        X509Certificate certificate = generator.selfSigned(request(host), p12, "pw".toCharArray());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            store.load(in, "pw".toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("steward-tls", "pw".toCharArray());
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        String text = Stream.of(
                "-----BEGIN CERTIFICATE-----", base64.encodeToString(certificate.getEncoded()),
                "-----END CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----", base64.encodeToString(key.getEncoded()),
                "-----END PRIVATE KEY-----", "").reduce((a, b) -> a + "\n" + b).orElseThrow();
        Files.writeString(target, text, StandardCharsets.US_ASCII);
        return certificate;
    }
}
