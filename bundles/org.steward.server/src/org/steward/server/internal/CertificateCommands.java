package org.steward.server.internal;

import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code steward:certificate}: the certificate the HTTPS endpoint serves, for a client to pin or compare. */
@Component(service = CertificateCommands.class, property = { "osgi.command.scope=steward",
        "osgi.command.function=certificate" })
public final class CertificateCommands {

    private final HttpsServer server;

    @Activate
    public CertificateCommands(@Reference HttpsServer server) {
        this.server = server;
    }

    @Descriptor("Shows the HTTPS certificate: subject, source, validity, names and SHA-256 fingerprint")
    public String certificate() {
        ServedCertificate served = server.current();
        if (served == null) {
            return "HTTPS is not served: see the log (PID " + HttpsConfiguration.PID + ")";
        }
        HttpsSettings settings = server.settings();
        String nl = System.lineSeparator();
        return "SHA-256     " + served.sha256() + nl
                + "Subject     " + served.certificate().getSubjectX500Principal().getName() + nl
                + "Names       " + String.join(" ", served.names()) + nl
                + "Valid until " + served.certificate().getNotAfter().toInstant() + nl
                + "Source      " + (served.source() == null ? "self-signed, " + served.keyStore()
                        : served.source().toString()) + nl
                + "Listening   " + (settings.host().isEmpty() ? "*" : settings.host()) + ":" + settings.port()
                + " (TLS 1.3, 1.2; plain HTTP " + (settings.httpPort() < 0 ? "off" : "redirects on "
                        + settings.httpPort()) + ")";
    }
}
