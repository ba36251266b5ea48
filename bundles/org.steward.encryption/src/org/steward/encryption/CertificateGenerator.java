package org.steward.encryption;

import java.nio.file.Path;
import java.security.cert.X509Certificate;

import org.osgi.annotation.versioning.ProviderType;

/** Creates a key pair and a self-signed TLS server certificate, e.g. for the server's HTTPS on first start. */
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
}
