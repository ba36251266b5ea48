package org.steward.encryption.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.osgi.service.component.annotations.Component;
import org.steward.core.ConflictException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.core.Violation;
import org.steward.encryption.CertificateGenerator;
import org.steward.encryption.CertificateRequest;

/**
 * Self-signed TLS server certificates built with Bouncy Castle's PKIX API; keys and signatures by the JDK's providers.
 * Administrators' certificates are taken in by {@link CertificateImport}.
 */
@Component(service = CertificateGenerator.class)
public final class SelfSignedCertificates implements CertificateGenerator {

    private static final Pattern HOST = Pattern.compile(
            "(\\*\\.)?([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final SecureRandom random = new SecureRandom();

    @Override
    public X509Certificate selfSigned(CertificateRequest request, Path pkcs12File, char[] password) {
        try {
            validate(request, pkcs12File, password);
            if (Files.exists(pkcs12File)) {
                throw new ConflictException("The certificate file " + pkcs12File + " exists; it is never overwritten");
            }
            KeyPair pair = keyPair(request.keyType());
            X509Certificate certificate = certificate(request, pair);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(request.alias(), pair.getPrivate(), password, new Certificate[] { certificate });
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            Path parent = pkcs12File.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            SafeFiles.writeAtomically(pkcs12File.toAbsolutePath(), bytes.toByteArray());
            return certificate;
        } catch (IOException e) {
            throw new UnavailableException("Cannot write the certificate file " + pkcs12File + ": " + e.getMessage());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new UnavailableException("Cannot generate the certificate: " + e.getMessage());
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public X509Certificate importCertificate(Path certificateFile, Path keyFile, char[] sourcePassword,
            Path pkcs12File, char[] password) {
        return CertificateImport.write(certificateFile, keyFile, sourcePassword, pkcs12File, password);
    }

    private static void validate(CertificateRequest request, Path file, char[] password) {
        List<Violation> violations = new ArrayList<>();
        if (request == null) {
            throw new ValidationException("request", "is required");
        }
        if (file == null) {
            violations.add(new Violation("file", "is required"));
        }
        if (password == null || password.length == 0) {
            violations.add(new Violation("password", "is required"));
        }
        for (String dns : request.dnsNames()) {
            if (dns == null || dns.length() > 253 || !HOST.matcher(dns).matches()) {
                violations.add(new Violation("dnsNames", "'" + dns + "' is not a host name"));
            }
        }
        for (String ip : request.ipAddresses()) {
            if (ip == null || !IPAddress.isValid(ip)) {
                violations.add(new Violation("ipAddresses", "'" + ip + "' is not an IPv4 or IPv6 address"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    private static KeyPair keyPair(CertificateRequest.KeyType type) throws GeneralSecurityException {
        if (type == CertificateRequest.KeyType.RSA_3072) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            return generator.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private X509Certificate certificate(CertificateRequest request, KeyPair pair)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, request.commonName().strip())
                .build();
        Instant now = Instant.now();
        Date notBefore = Date.from(now.minus(CLOCK_SKEW));
        Date notAfter = Date.from(now.plus(request.validity()));
        BigInteger serial = new BigInteger(127, random).add(BigInteger.ONE);
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, notBefore, notAfter,
                subject, pair.getPublic());
        List<GeneralName> names = new ArrayList<>();
        request.dnsNames().forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        request.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        if (!names.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.toArray(GeneralName[]::new)));
        }
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        boolean rsa = request.keyType() == CertificateRequest.KeyType.RSA_3072;
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(rsa ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(pair.getPublic()));
        ContentSigner signer = new JcaContentSignerBuilder(rsa ? "SHA256withRSA" : "SHA256withECDSA")
                .build(pair.getPrivate());
        X509CertificateHolder holder = builder.build(signer);
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
        certificate.verify(pair.getPublic());
        return certificate;
    }
}
