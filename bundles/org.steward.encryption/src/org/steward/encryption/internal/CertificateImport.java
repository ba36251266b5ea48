package org.steward.encryption.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEInputDecryptorProviderBuilder;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;

/**
 * Takes an administrator's certificate and key (PKCS#12, or PEM chain and PEM key) into a PKCS#12 file of our own, so
 * that the TLS server always reads one form, with one password, from a file checked before it is served.
 */
final class CertificateImport {

    static final String ALIAS = "steward-tls";

    private CertificateImport() {
    }

    static X509Certificate write(Path certificateFile, Path keyFile, char[] sourcePassword, Path pkcs12File,
            char[] password) {
        try {
            if (certificateFile == null) {
                throw new ValidationException("certificate", "is required");
            }
            if (pkcs12File == null || password == null || password.length == 0) {
                throw new ValidationException("pkcs12File", "and its password are required");
            }
            byte[] content = read(certificateFile, "certificate");
            List<X509Certificate> chain = new ArrayList<>();
            PrivateKey key;
            if (isPem(content)) {
                key = readPem(content, certificateFile, sourcePassword, chain);
                if (keyFile != null) {
                    PrivateKey fromKeyFile = readPem(read(keyFile, "privateKey"), keyFile, sourcePassword,
                            new ArrayList<>());
                    key = fromKeyFile != null ? fromKeyFile : key;
                }
            } else {
                key = readPkcs12(content, certificateFile, sourcePassword, chain);
            }
            if (chain.isEmpty()) {
                throw new ValidationException("certificate", certificateFile + " holds no certificate");
            }
            if (key == null) {
                throw new ValidationException("privateKey", "no private key in "
                        + (keyFile == null ? certificateFile : keyFile) + " (give the key file as privateKey)");
            }
            X509Certificate server = chain.get(0);
            requireMatch(key, server, certificateFile);
            try {
                server.checkValidity();
            } catch (CertificateExpiredException e) {
                throw new ValidationException("certificate", "the certificate in " + certificateFile
                        + " expired on " + server.getNotAfter().toInstant());
            } catch (CertificateNotYetValidException e) {
                throw new ValidationException("certificate", "the certificate in " + certificateFile
                        + " is valid only from " + server.getNotBefore().toInstant());
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            Path target = pkcs12File.toAbsolutePath();
            if (target.getParent() != null) {
                SafeFiles.createFolder(target.getParent());
            }
            SafeFiles.writeAtomically(target, bytes.toByteArray());
            return server;
        } catch (IOException e) {
            throw new UnavailableException("Cannot write the certificate file " + pkcs12File + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new UnavailableException("Cannot store the certificate: " + e.getMessage());
        } finally {
            if (sourcePassword != null) {
                Arrays.fill(sourcePassword, '\0');
            }
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static byte[] read(Path file, String field) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException | SecurityException e) {
            throw new ValidationException(field, "cannot read " + file + (e instanceof java.nio.file.NoSuchFileException
                    ? " (no such file)" : " (not readable by the server's user)"));
        }
    }

    private static boolean isPem(byte[] content) {
        String start = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.US_ASCII);
        return start.contains("-----BEGIN ");
    }

    private static PrivateKey readPkcs12(byte[] content, Path file, char[] password, List<X509Certificate> chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), password == null ? new char[0] : password);
            PrivateKey found = null;
            for (String alias : Collections.list(store.aliases())) {
                if (!store.isKeyEntry(alias)) {
                    continue;
                }
                if (found != null) {
                    throw new ValidationException("certificate", file + " holds more than one key entry");
                }
                Key key = store.getKey(alias, password == null ? new char[0] : password);
                if (!(key instanceof PrivateKey privateKey)) {
                    continue;
                }
                found = privateKey;
                for (Certificate c : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) c);
                }
            }
            return found;
        } catch (IOException e) {
            throw new ValidationException("certificate", file + " is neither a PEM file nor a PKCS#12 file that this "
                    + "password opens");
        } catch (GeneralSecurityException e) {
            throw new ValidationException("certificate", file + " cannot be read as PKCS#12");
        }
    }

    /** The certificates of the PEM file go into {@code chain} in file order; returns its private key, if any. */
    private static PrivateKey readPem(byte[] content, Path file, char[] password, List<X509Certificate> chain) {
        PrivateKey key = null;
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        JcaX509CertificateConverter certificates = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(
                new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    chain.add(certificates.getCertificate(holder));
                } else if (item instanceof PrivateKeyInfo info) {
                    key = converter.getPrivateKey(info);
                } else if (item instanceof PEMKeyPair pair) {
                    key = converter.getKeyPair(pair).getPrivate();
                } else if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    key = converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JcePKCSPBEInputDecryptorProviderBuilder().build(requirePassword(password, file))));
                } else if (item instanceof PEMEncryptedKeyPair encrypted) {
                    key = converter.getKeyPair(encrypted.decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().build(requirePassword(password, file)))).getPrivate();
                }
            }
            return key;
        } catch (IOException | PKCSException e) {
            throw new ValidationException("certificate", file + " cannot be read as PEM, or its key does not open "
                    + "with the password given");
        } catch (GeneralSecurityException e) {
            throw new ValidationException("certificate", file + " holds a certificate that cannot be read");
        }
    }

    private static char[] requirePassword(char[] password, Path file) {
        if (password == null || password.length == 0) {
            throw new ValidationException("certificatePassword", "the key in " + file + " is encrypted: give its "
                    + "password");
        }
        return password;
    }

    /** The key signs, and the certificate's public key verifies: the pair belongs together. */
    private static void requireMatch(PrivateKey key, X509Certificate certificate, Path file)
            throws GeneralSecurityException {
        String algorithm = certificate.getPublicKey() instanceof ECPublicKey ? "SHA256withECDSA"
                : certificate.getPublicKey() instanceof RSAPublicKey ? "SHA256withRSA" : null;
        if (algorithm == null || key instanceof RSAPrivateCrtKey != certificate.getPublicKey() instanceof RSAPublicKey) {
            throw new ValidationException("privateKey", "the key does not belong to the certificate in " + file);
        }
        byte[] probe = "steward-tls-key-check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new ValidationException("privateKey", "the key does not belong to the certificate in " + file);
        }
    }
}
