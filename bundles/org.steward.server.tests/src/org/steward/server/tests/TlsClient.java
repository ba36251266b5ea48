package org.steward.server.tests;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.steward.testing.Osgi;

/** A TLS client for the tests: handshakes with chosen protocols and suites, and HTTPS calls pinned to a fingerprint. */
final class TlsClient {

    /** What a handshake showed. */
    record Handshake(String protocol, String cipherSuite, X509Certificate certificate) {

        String sha256() {
            return fingerprint(certificate);
        }
    }

    private TlsClient() {
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The SANs as the JDK reads them: {@code DNS:name}, {@code IP:address}. */
    static List<String> names(X509Certificate certificate) throws Exception {
        List<String> names = new ArrayList<>();
        Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
        for (List<?> entry : entries == null ? List.<List<?>>of() : entries) {
            int type = (Integer) entry.get(0);
            names.add((type == 2 ? "DNS:" : type == 7 ? "IP:" : type + ":") + entry.get(1));
        }
        return names;
    }

    /** A handshake that accepts any certificate (to look at it), offering only the given protocols and suites. */
    static Handshake handshake(int port, String[] protocols, String[] suites) throws Exception {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] { new Recording(seen, null) }, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(5000);
            socket.setEnabledProtocols(protocols);
            if (suites != null) {
                socket.setEnabledCipherSuites(suites);
            }
            socket.startHandshake();
            SSLSession session = socket.getSession();
            return new Handshake(session.getProtocol(), session.getCipherSuite(), seen.get());
        }
    }

    /** An HTTPS client that trusts exactly the certificate with this SHA-256 fingerprint, host name checked. */
    static HttpClient pinned(String sha256) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] { new Recording(new AtomicReference<>(), sha256) }, new SecureRandom());
        return HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The endpoints of the jakarta Servlet Whiteboard runtime with the scheme, e.g. {@code https://127.0.0.1:4321/};
     * looked up by name, so the test bundle need not wire to the runtime's API.
     */
    static List<String> endpoints(BundleContext context, String scheme) {
        List<String> found = new ArrayList<>();
        try {
            ServiceReference<?>[] refs = context
                    .getServiceReferences("org.osgi.service.servlet.runtime.HttpServiceRuntime", null);
            for (ServiceReference<?> ref : refs == null ? new ServiceReference<?>[0] : refs) {
                Object value = ref.getProperty("osgi.http.endpoint");
                List<String> all = value instanceof String[] a ? List.of(a)
                        : value instanceof Collection<?> c ? c.stream().map(String::valueOf).toList()
                        : value == null ? List.of() : List.of(String.valueOf(value));
                for (String e : all) {
                    if (e.startsWith(scheme + "://") && !e.matches(".*:0(/.*)?")) {
                        found.add(e.endsWith("/") ? e : e + "/");
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
        return found;
    }

    static String awaitEndpoint(BundleContext context, String scheme) {
        long deadline = System.nanoTime() + Osgi.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> found = endpoints(context, scheme);
            if (!found.isEmpty()) {
                return loopback(found.get(0));
            }
            Osgi.sleep(50);
        }
        throw new AssertionError("no " + scheme + " endpoint within " + Osgi.TIMEOUT);
    }

    static int port(String endpoint) {
        return URI.create(endpoint).getPort();
    }

    /**
     * The endpoint's port on loopback: the runtime names the machine's addresses, where the server listens on
     * 127.0.0.1 only.
     */
    static String loopback(String endpoint) {
        return URI.create(endpoint).getScheme() + "://127.0.0.1:" + port(endpoint) + "/";
    }

    /** Records the server certificate; with a fingerprint, refuses every other. */
    private record Recording(AtomicReference<X509Certificate> seen, String pinned) implements X509TrustManager {

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            seen.set(chain[0]);
            if (pinned != null && !fingerprint(chain[0]).equals(pinned)) {
                throw new CertificateException("not the pinned certificate");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no client certificates here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
