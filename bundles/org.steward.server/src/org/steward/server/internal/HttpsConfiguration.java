package org.steward.server.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Steward HTTPS", description = "The server's HTTPS endpoint (Apache Felix HTTP Jetty "
        + "12, which this bundle configures): TLS 1.3 and 1.2 with the Mozilla 'intermediate' cipher suites, HSTS, "
        + "plain HTTP off or redirecting. Port and address also come from bin/steward-server --https-port, "
        + "--https-host, --http-port; see docs/ADMIN.md.")
public @interface HttpsConfiguration {

    String PID = "org.steward.server.https";

    @AttributeDefinition(name = "HTTPS port", min = "0", max = "65535", required = false, description = "TCP port "
            + "of the HTTPS endpoint; unset: the framework property steward.https.port, else 8443. 0 picks a free "
            + "port (tests).")
    int port() default 8443;

    @AttributeDefinition(name = "Address", required = false, description = "The address to listen on; empty for "
            + "every interface. Unset: the framework property steward.https.host.")
    String host() default "";

    @AttributeDefinition(name = "Plain HTTP port", min = "-1", max = "65535", required = false, description = "A "
            + "port on which plain HTTP answers only with a redirect (308) to the public https address; -1 turns "
            + "plain HTTP off (the default). Unset: the framework property steward.http.port.")
    int httpPort() default -1;

    @AttributeDefinition(name = "Certificate", required = false, description = "An administrator's certificate: a "
            + "PKCS#12 file (.p12, .pfx), or a PEM file with the chain, server certificate first (and maybe the "
            + "key). Empty: a self-signed certificate generated at first start in <data>/tls. The file is watched: "
            + "a new certificate is served without a restart.")
    String certificate() default "";

    @AttributeDefinition(name = "Private key", required = false, description = "The PEM private key of the "
            + "certificate when it is not in the certificate file.")
    String privateKey() default "";

    @AttributeDefinition(name = "Certificate password", type = AttributeType.PASSWORD, required = false,
            description = "The password of the PKCS#12 file or of an encrypted PEM key; empty for none. The leading '.' of its "
                    + "name (.certificatePassword) keeps it out of the service properties.")
    String _certificatePassword() default "";

    @AttributeDefinition(name = "HSTS max-age (seconds)", min = "0", description = "Strict-Transport-Security "
            + "max-age sent with every HTTPS answer (one year by default); 0 sends none.")
    long hstsMaxAgeSeconds() default 31_536_000L;

    @AttributeDefinition(name = "HSTS includeSubDomains", description = "Adds includeSubDomains to the HSTS header: "
            + "only when every sub-domain of the host serves HTTPS.")
    boolean hstsIncludeSubDomains() default false;

    @AttributeDefinition(name = "Certificate check (seconds)", min = "1", max = "3600", description = "How often "
            + "the administrator's certificate files are checked for a replacement.")
    int watchSeconds() default 5;
}
