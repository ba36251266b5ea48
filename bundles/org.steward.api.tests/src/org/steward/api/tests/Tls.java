package org.steward.api.tests;

import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.steward.testing.Consoles;
import org.steward.testing.Osgi;

/**
 * An HTTPS client that trusts exactly the certificate the server shows on its console ({@code steward:certificate},
 * SHA-256), as an administrator pins a self-signed certificate: any other certificate fails the handshake.
 */
final class Tls {

    private Tls() {
    }

    static HttpClient pinnedClient(BundleContext context) {
        try {
            String sha256 = fingerprintShown(context);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] { new Pinned(sha256) }, new SecureRandom());
            return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (Throwable e) {
            throw new AssertionError("no HTTPS client: " + e, e);
        }
    }

    private static String fingerprintShown(BundleContext context) throws Throwable {
        String filter = "(&(osgi.command.scope=steward)(osgi.command.function=certificate))";
        Osgi.await("the steward:certificate command", () -> {
            try {
                return context.getServiceReferences((String) null, filter) != null;
            } catch (InvalidSyntaxException e) {
                throw new AssertionError(e);
            }
        });
        String out = String.valueOf(Consoles.invokeWithStrings(context, "steward", "certificate"));
        for (String line : out.split("\\R")) {
            if (line.startsWith("SHA-256")) {
                return line.substring("SHA-256".length()).strip();
            }
        }
        throw new AssertionError("steward:certificate shows no SHA-256: " + out);
    }

    private record Pinned(String sha256) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                String seen = HexFormat.ofDelimiter(":").withUpperCase()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
                if (!seen.equals(sha256)) {
                    throw new CertificateException("not the certificate the console shows");
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new CertificateException(e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("no client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
