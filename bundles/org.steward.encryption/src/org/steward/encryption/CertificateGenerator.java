package org.steward.encryption;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Creates a key pair and a self-signed TLS server certificate, e.g. for the server's HTTPS on first start, or takes an
 * administrator's certificate and key into the PKCS#12 form a TLS server reads.
 */
@ProviderType
public interface CertificateGenerator {

    /**
     * Generates the key and the certificate and writes both into a new PKCS#12 file (alias {@code request.alias()}),
     * readable by the owner only.
     *
     * @param request what the certificate says
     * @param pkcs12File the file to create; an existing file is never overwritten
     * @param password the key store and key password; cleared before the method returns
     * @return the certificate
     * @throws org.steward.core.ValidationException when the request or the file is unusable (named in the message)
     * @throws org.steward.core.ConflictException when the file exists
     */
    X509Certificate selfSigned(CertificateRequest request, Path pkcs12File, char[] password);

    /**
     * Reads an administrator's certificate chain and private key and writes them into {@code pkcs12File} (alias
     * {@code steward-tls}), replacing it atomically, readable by the owner only. The key must belong to the first
     * certificate, and that certificate must be valid now.
     *
     * @param certificateFile a PKCS#12 file holding one key entry, or a PEM file with the chain (server certificate
     *        first) that may also hold the private key
     * @param keyFile the PEM private key (PKCS#8, plain or encrypted, or the traditional RSA/EC form) when it is not in
     *        {@code certificateFile}; null otherwise
     * @param sourcePassword the password of the PKCS#12 file or of an encrypted PEM key; null or empty for none;
     *        cleared before the method returns
     * @param pkcs12File the file to write
     * @param password the password of the written key store and key; cleared before the method returns
     * @return the server certificate
     * @throws org.steward.core.ValidationException when a file is unreadable, holds no usable certificate or key, the key
     *         does not match, or the certificate is not valid now (the file and the reason in the message)
     * @since 1.3
     */
    X509Certificate importCertificate(Path certificateFile, Path keyFile, char[] sourcePassword, Path pkcs12File,
            char[] password);
}
