package org.steward.encryption.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.ConflictException;
import org.steward.core.ValidationException;
import org.steward.encryption.CertificateGenerator;
import org.steward.encryption.CertificateRequest;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** Self-signed TLS certificates: subject, alternative names, validity, and a PKCS#12 file that opens. */
class CertificateTest {

    private final BundleContext context = Osgi.context(CertificateTest.class);
    private final CertificateGenerator generator = Osgi.service(context, CertificateGenerator.class);

    @Test
    void ecCertificateSaysWhatWasAskedAndItsKeyStoreOpensWithThePassword() throws Exception {
        Path file = TempFolders.create("tls").resolve("server.p12");
        char[] password = "tls store password".toCharArray();
        Instant before = Instant.now();
        X509Certificate certificate = generator.selfSigned(CertificateRequest.server("crm.example.pl",
                List.of("crm.example.pl", "*.crm.example.pl", "localhost"), List.of("127.0.0.1", "::1"),
                Duration.ofDays(397)), file, password);
        assertEquals(new String(new char[password.length]), new String(password), "the password array is cleared");

        assertEquals("CN=crm.example.pl", certificate.getSubjectX500Principal().getName());
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal(), "self-signed");
        certificate.verify(certificate.getPublicKey());
        assertEquals("EC", certificate.getPublicKey().getAlgorithm());
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            if ((Integer) name.get(0) == 2) {
                dns.add((String) name.get(1));
            } else if ((Integer) name.get(0) == 7) {
                ips.add((String) name.get(1));
            }
        }
        assertEquals(List.of("crm.example.pl", "*.crm.example.pl", "localhost"), dns);
        assertEquals(2, ips.size());
        assertEquals("127.0.0.1", ips.get(0));
        assertTrue(ips.get(1).startsWith("0:0:0:0:0:0:0:1"), ips.get(1));
        Instant notAfter = certificate.getNotAfter().toInstant();
        assertTrue(!notAfter.isBefore(before.plus(Duration.ofDays(397)).minusSeconds(2))
                && notAfter.isBefore(Instant.now().plus(Duration.ofDays(397)).plusSeconds(2)), notAfter.toString());
        assertTrue(certificate.getNotBefore().toInstant().isBefore(before), "valid from now (with clock skew)");
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), certificate.getExtendedKeyUsage(), "TLS server authentication");
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "tls store password".toCharArray());
        }
        assertArrayEquals(certificate.getEncoded(), store.getCertificate("steward-tls").getEncoded());
        PrivateKey key = (PrivateKey) store.getKey("steward-tls", "tls store password".toCharArray());
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key);
        signature.update(new byte[] { 1, 2, 3 });
        byte[] signed = signature.sign();
        signature.initVerify(certificate);
        signature.update(new byte[] { 1, 2, 3 });
        assertTrue(signature.verify(signed), "the stored key belongs to the certificate");
        assertEquals(Set.of("OWNER_READ", "OWNER_WRITE"), Set.copyOf(Files.getPosixFilePermissions(file).stream()
                .map(Enum::name).toList()), PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        assertThrows(Exception.class, () -> {
            KeyStore wrong = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                wrong.load(in, "wrong".toCharArray());
            }
        });
        assertThrows(ConflictException.class, () -> generator.selfSigned(CertificateRequest.server("x", List.of(),
                List.of(), Duration.ofDays(1)), file, "p".toCharArray()), "an existing file is never overwritten");
    }

    @Test
    void rsaCertificatesAreOffered() throws Exception {
        Path file = TempFolders.create("tls").resolve("rsa.p12");
        X509Certificate certificate = generator.selfSigned(new CertificateRequest("legacy.example.pl",
                List.of("legacy.example.pl"), List.of(), Duration.ofDays(30), CertificateRequest.KeyType.RSA_3072,
                "legacy"), file, "pw".toCharArray());
        assertEquals("RSA", certificate.getPublicKey().getAlgorithm());
        assertEquals(3072, ((java.security.interfaces.RSAPublicKey) certificate.getPublicKey()).getModulus()
                .bitLength());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "pw".toCharArray());
        }
        assertTrue(store.isKeyEntry("legacy"));
    }

    @Test
    void badNamesAreRefusedBeforeAnythingIsWritten() {
        Path file = TempFolders.create("tls").resolve("bad.p12");
        ValidationException e = assertThrows(ValidationException.class, () -> generator.selfSigned(
                CertificateRequest.server("host", List.of("bad name!"), List.of("999.1.1.1"), Duration.ofDays(1)),
                file, "pw".toCharArray()));
        assertEquals(2, e.violations().size(), e.getMessage());
        assertEquals("dnsNames", e.field());
        assertTrue(!Files.exists(file));
        assertEquals("commonName", assertThrows(ValidationException.class,
                () -> CertificateRequest.server(" ", List.of(), List.of(), Duration.ofDays(1))).field());
    }
}
