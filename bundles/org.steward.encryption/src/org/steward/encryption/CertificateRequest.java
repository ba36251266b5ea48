package org.steward.encryption;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.steward.core.ValidationException;

/**
 * What a self-signed certificate says.
 *
 * @param commonName the subject CN, e.g. the host name
 * @param dnsNames the DNS subject alternative names (a leading {@code *.} wildcard is allowed)
 * @param ipAddresses the IP subject alternative names (IPv4 or IPv6 literals)
 * @param validity how long the certificate is valid from now
 * @param keyType the key algorithm
 * @param alias the alias of the key entry in the PKCS#12 file
 */
public record CertificateRequest(String commonName, List<String> dnsNames, List<String> ipAddresses, Duration validity,
        KeyType keyType, String alias) {

    /** The key algorithms offered. */
    public enum KeyType {
        /** ECDSA on NIST P-256 with SHA-256: small and fast, the default. */
        EC_P256,
        /** RSA 3072 with SHA-256, for old clients. */
        RSA_3072
    }

    public CertificateRequest {
        if (commonName == null || commonName.isBlank()) {
            throw new ValidationException("commonName", "is required");
        }
        dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
        ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new ValidationException("validity", "must be positive");
        }
        keyType = keyType == null ? KeyType.EC_P256 : keyType;
        alias = alias == null || alias.isBlank() ? "steward-tls" : alias;
    }

    /** An EC P-256 server certificate for one host name, valid for {@code validity}. */
    public static CertificateRequest server(String hostName, List<String> dnsNames, List<String> ipAddresses,
            Duration validity) {
        return new CertificateRequest(hostName, dnsNames, ipAddresses, validity, KeyType.EC_P256, "steward-tls");
    }
}
