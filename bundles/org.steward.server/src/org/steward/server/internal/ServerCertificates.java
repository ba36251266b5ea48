package org.steward.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.steward.core.UnavailableException;
import org.steward.encryption.CertificateGenerator;
import org.steward.encryption.CertificateRequest;

/**
 * The key stores of the HTTPS endpoint, in {@code <data>/tls} (owner-only): the self-signed certificate generated at
 * first start ({@code self-signed.p12}, renewed when it has less than {@link #RENEW_BEFORE} left or no longer names
 * this host), or the administrator's certificate taken into {@code https.p12}; both under one random password
 * ({@code keystore.password}).
 */
final class ServerCertificates {

    static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(397);
    static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Path folder;
    private final CertificateGenerator generator;

    ServerCertificates(Path folder, CertificateGenerator generator) {
        this.folder = folder;
        this.generator = generator;
    }

    Path folder() {
        return folder;
    }

    char[] password() {
        Path file = folder.resolve("keystore.password");
        try {
            if (!Files.exists(file)) {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random),
                        StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                ownerOnly(file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).strip().toCharArray();
        } catch (IOException e) {
            throw new UnavailableException("Cannot create the key store password " + file + ": " + e.getMessage());
        }
    }

    /**
     * The self-signed certificate, generated when missing, about to expire, or no longer naming this host (renamed, or
     * a new public address).
     */
    ServedCertificate selfSigned(String publicHost, String machineHost) {
        Set<String> dns = new LinkedHashSet<>();
        List<String> ips = new ArrayList<>(List.of("127.0.0.1", "::1"));
        for (String host : new String[] { publicHost, machineHost, "localhost" }) {
            if (host == null || host.isBlank()) {
                continue;
            }
            String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (IPV4.matcher(name).matches() || name.contains(":")) {
                if (!ips.contains(name)) {
                    ips.add(name);
                }
            } else if (name.length() <= 253 && HOST.matcher(name).matches()) {
                dns.add(name.toLowerCase(Locale.ROOT));
            }
        }
        Path file = folder.resolve("self-signed.p12");
        if (Files.exists(file)) {
            X509Certificate existing = load(file);
            boolean fresh = existing.getNotAfter().toInstant().isAfter(Instant.now().plus(RENEW_BEFORE));
            if (fresh && dnsNames(existing).containsAll(dns)) {
                return new ServedCertificate(existing, file, null);
            }
            try {
                Files.move(file, folder.resolve("self-signed.p12.old"), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UnavailableException("Cannot renew the certificate " + file + ": " + e.getMessage());
            }
        }
        String commonName = dns.iterator().next();
        X509Certificate certificate = generator.selfSigned(
                CertificateRequest.server(commonName, List.copyOf(dns), ips, SELF_SIGNED_VALIDITY), file, password());
        return new ServedCertificate(certificate, file, null);
    }

    private static Set<String> dnsNames(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            var entries = certificate.getSubjectAlternativeNames();
            for (List<?> entry : entries == null ? List.<List<?>>of() : entries) {
                if ((Integer) entry.get(0) == 2) {
                    names.add(String.valueOf(entry.get(1)).toLowerCase(Locale.ROOT));
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // unreadable names: renewed
        }
        return names;
    }

    /** The administrator's certificate, checked and taken into {@code https.p12}. */
    ServedCertificate imported(Path certificate, Path key, String sourcePassword) {
        Path file = folder.resolve("https.p12");
        X509Certificate served = generator.importCertificate(certificate, key,
                sourcePassword == null ? null : sourcePassword.toCharArray(), file, password());
        return new ServedCertificate(served, file, certificate);
    }

    private X509Certificate load(Path file) {
        char[] password = password();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return (X509Certificate) store.getCertificate(CertificateRequest.server("x", null, null,
                    Duration.ofDays(1)).alias());
        } catch (IOException | GeneralSecurityException e) {
            throw new UnavailableException("Cannot read the certificate " + file + " with the password in "
                    + folder.resolve("keystore.password") + "; move it away to have a new one generated");
        }
    }

    static void ownerOnly(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                    Files.isDirectory(file) ? "rwx------" : "rw-------"));
        }
    }
}
