package org.steward.encryption.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.steward.core.ValidationException;
import org.steward.encryption.CertificateGenerator;
import org.steward.encryption.CertificateRequest;
import org.steward.testing.Osgi;
import org.steward.testing.TempFolders;

/** An administrator's certificate (PKCS#12, or PEM chain and key) taken into a PKCS#12 file of our own. */
class CertificateImportTest {

    private final BundleContext context = Osgi.context(CertificateImportTest.class);
    private final CertificateGenerator generator = Osgi.service(context, CertificateGenerator.class);
    private final Path folder = TempFolders.create("tls-import");

    private Path p12(String host, CertificateRequest.KeyType type) {
        Path file = folder.resolve(host + ".p12");
        generator.selfSigned(new CertificateRequest(host, List.of(host), List.of(), Duration.ofDays(90), type, null),
                file, "source".toCharArray());
        return file;
    }

    private static KeyStore open(Path file, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static ValidationException refused(org.junit.jupiter.api.function.Executable call, String field) {
        ValidationException e = assertThrows(ValidationException.class, call);
        assertEquals(field, e.violations().get(0).field(), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), "no exception class name reaches the admin: " + e.getMessage());
        return e;
    }

    @Test
    void aPemChainWithItsKeyInAnotherFileBecomesAPkcs12ThatOpensWithOurPassword() throws Exception {
        KeyStore source = open(p12("rsa.example.org", CertificateRequest.KeyType.RSA_3072), "source");
        X509Certificate certificate = (X509Certificate) source.getCertificate("steward-tls");
        PrivateKey key = (PrivateKey) source.getKey("steward-tls", "source".toCharArray());
        Path chain = Files.writeString(folder.resolve("fullchain.pem"), pem("CERTIFICATE", certificate.getEncoded()));
        Path keyFile = Files.writeString(folder.resolve("privkey.pem"), pem("PRIVATE KEY", key.getEncoded()));

        Path target = folder.resolve("https.p12");
        char[] password = "ours".toCharArray();
        X509Certificate imported = generator.importCertificate(chain, keyFile, null, target, password);
        assertEquals(certificate, imported);
        assertEquals("\0\0\0\0", new String(password), "the password array is cleared");
        KeyStore written = open(target, "ours");
        assertEquals(certificate, written.getCertificate("steward-tls"));
        assertArrayEquals(key.getEncoded(), written.getKey("steward-tls", "ours".toCharArray()).getEncoded());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));

        // a PKCS#12 replaces it in place
        Path other = p12("ec.example.org", CertificateRequest.KeyType.EC_P256);
        X509Certificate second = generator.importCertificate(other, null, "source".toCharArray(), target,
                "ours".toCharArray());
        assertEquals("CN=ec.example.org", second.getSubjectX500Principal().getName());
        assertEquals(second, open(target, "ours").getCertificate("steward-tls"));
    }

    @Test
    void unusableFilesAreRefusedNamingTheFileAndTheTargetIsLeftAlone() throws Exception {
        Path target = folder.resolve("served.p12");
        Path good = p12("good.example.org", CertificateRequest.KeyType.EC_P256);
        generator.importCertificate(good, null, "source".toCharArray(), target, "ours".toCharArray());
        byte[] before = Files.readAllBytes(target);

        ValidationException wrongPassword = refused(() -> generator.importCertificate(good, null,
                "guess".toCharArray(), target, "ours".toCharArray()), "certificate");
        assertTrue(wrongPassword.getMessage().contains(good.toString()), wrongPassword.getMessage());

        Path garbage = Files.writeString(folder.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n"
                + "-----END CERTIFICATE-----\n");
        assertTrue(refused(() -> generator.importCertificate(garbage, null, null, target, "ours".toCharArray()),
                "certificate").getMessage().contains(garbage.toString()));

        KeyStore a = open(p12("a.example.org", CertificateRequest.KeyType.EC_P256), "source");
        KeyStore b = open(p12("b.example.org", CertificateRequest.KeyType.EC_P256), "source");
        Path certOfA = Files.writeString(folder.resolve("a.pem"),
                pem("CERTIFICATE", a.getCertificate("steward-tls").getEncoded()));
        Path keyOfB = Files.writeString(folder.resolve("b.key"),
                pem("PRIVATE KEY", b.getKey("steward-tls", "source".toCharArray()).getEncoded()));
        ValidationException mismatch = refused(() -> generator.importCertificate(certOfA, keyOfB, null, target,
                "ours".toCharArray()), "privateKey");
        assertTrue(mismatch.getMessage().contains("does not belong"), mismatch.getMessage());
        refused(() -> generator.importCertificate(certOfA, null, null, target, "ours".toCharArray()), "privateKey");
        refused(() -> generator.importCertificate(folder.resolve("missing.pem"), null, null, target,
                "ours".toCharArray()), "certificate");

        assertArrayEquals(before, Files.readAllBytes(target), "the certificate served so far stays");
    }
}
