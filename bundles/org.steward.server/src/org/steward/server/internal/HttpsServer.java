package org.steward.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.core.DataDirectory;
import org.steward.core.PublicAddress;
import org.steward.core.Scheduler;
import org.steward.core.StewardException;
import org.steward.encryption.CertificateGenerator;

/**
 * Configures Apache Felix HTTP Jetty (PID {@value #FELIX_PID}) for HTTPS only: our protocols and cipher suites, the
 * key store of {@link ServerCertificates}, plain HTTP off or on a redirect-only port. Felix waits for this
 * configuration ({@code org.apache.felix.http.require.config}), so no port opens before it. The administrator's
 * certificate files are checked every few seconds; a valid replacement changes the configuration (its fingerprint is
 * part of it) and Felix restarts Jetty with it, while the framework keeps running. A broken replacement is named in
 * the log and the certificate served so far stays.
 */
@Component(service = HttpsServer.class, immediate = true, configurationPid = HttpsConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = HttpsConfiguration.class)
public final class HttpsServer {

    static final String FELIX_PID = "org.apache.felix.http";
    static final String FINGERPRINT = "steward.certificate.sha256";

    private final BundleContext context;
    private final ConfigurationAdmin configurations;
    private final PublicAddress publicAddress;
    private final Scheduler scheduler;
    private final Logger logger;
    private final ServerCertificates certificates;

    private HttpsSettings settings;
    private volatile ServedCertificate current;
    private Scheduler.Task watch;
    private long watchedStamp;

    @Activate
    public HttpsServer(BundleContext context, Map<String, Object> properties,
            @Reference ConfigurationAdmin configurations, @Reference CertificateGenerator generator,
            @Reference DataDirectory dataDirectory, @Reference PublicAddress publicAddress,
            @Reference Scheduler scheduler, @Reference(service = LoggerFactory.class) Logger logger) {
        this.context = context;
        this.configurations = configurations;
        this.publicAddress = publicAddress;
        this.scheduler = scheduler;
        this.logger = logger;
        Path folder = dataDirectory.area("tls");
        this.certificates = new ServerCertificates(folder, generator);
        apply(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
    }

    @Deactivate
    void deactivate() {
        stopWatching();
    }

    /** The certificate served now. */
    ServedCertificate current() {
        return current;
    }

    HttpsSettings settings() {
        return settings;
    }

    private synchronized void apply(Map<String, Object> properties) {
        HttpsSettings wanted;
        try {
            wanted = HttpsSettings.of(properties, context);
        } catch (StewardException e) {
            // a typo in a port must not leave the component broken: keep what is served, or serve nothing
            logger.error("The HTTPS settings are refused: {} (PID {}); {}", e.getMessage(), HttpsConfiguration.PID,
                    settings == null ? "HTTPS is not served" : "the previous settings stay");
            if (settings == null) {
                settings = HttpsSettings.off();
                closeFelix();
            }
            return;
        }
        stopWatching();
        settings = wanted;
        if (!settings.enabled()) {
            closeFelix();
            logger.info("HTTPS is off ({}=false)", HttpsSettings.ENABLED_PROPERTY);
            return;
        }
        try {
            ServedCertificate served = settings.certificate() == null
                    ? certificates.selfSigned(publicAddress.base().getHost(), publicAddress.machineHostName())
                    : certificates.imported(settings.certificate(), settings.privateKey(),
                            settings.certificatePassword());
            serve(served);
        } catch (StewardException e) {
            logger.error("HTTPS is not served: {} (PID {})", e.getMessage(), HttpsConfiguration.PID);
        }
        if (settings.certificate() != null) {
            watchedStamp = stamp();
            watch = scheduler.every("HTTPS certificate check", Duration.ofSeconds(settings.watchSeconds()),
                    Duration.ofSeconds(settings.watchSeconds()), this::checkReplacement);
        }
    }

    private void serve(ServedCertificate served) {
        Dictionary<String, Object> felix = new Hashtable<>();
        felix.put("org.apache.felix.http.name", "Steward");
        felix.put("org.apache.felix.https.enable", true);
        felix.put("org.osgi.service.http.port.secure", settings.port());
        felix.put("org.apache.felix.http.enable", settings.httpPort() >= 0);
        felix.put("org.osgi.service.http.port", Math.max(settings.httpPort(), 0));
        if (!settings.host().isEmpty()) {
            felix.put("org.apache.felix.http.host", settings.host());
        }
        felix.put("org.apache.felix.https.keystore", served.keyStore().toString());
        String password = new String(certificates.password());
        felix.put("org.apache.felix.https.keystore.password", password);
        felix.put("org.apache.felix.https.keystore.key.password", password);
        felix.put("org.apache.felix.https.keystore.type", "PKCS12");
        felix.put("org.apache.felix.https.clientcertificate", "none");
        felix.put("org.apache.felix.https.jetty.protocols.included", TlsPolicy.PROTOCOLS.toArray(String[]::new));
        felix.put("org.apache.felix.https.jetty.ciphersuites.included",
                TlsPolicy.CIPHER_SUITES.toArray(String[]::new));
        // Renegotiation: where the JDK refuses client-initiated renegotiation (bin/steward-server sets
        // jdk.tls.rejectClientInitiatedRenegotiation), it answers with a handshake_failure alert, and Jetty need not
        // refuse too; Jetty's own refusal closes the connection without an alert, which a client (testssl.sh) cannot
        // tell from an accepted renegotiation. Without that JDK setting, Jetty refuses. Jetty never starts one itself.
        felix.put("org.apache.felix.https.jetty.renegotiateAllowed",
                Boolean.getBoolean("jdk.tls.rejectClientInitiatedRenegotiation"));
        felix.put("org.apache.felix.https.jetty.session.cookie.secure", true);
        felix.put("org.apache.felix.http.jetty.sendServerHeader", false);
        felix.put(FINGERPRINT, served.sha256());
        try {
            Configuration configuration = configurations.getConfiguration(FELIX_PID, "?");
            boolean changed = configuration.updateIfDifferent(felix);
            current = served;
            logger.info("HTTPS on {}:{} (TLS 1.3 and 1.2; plain HTTP {}), certificate {}{}",
                    settings.host().isEmpty() ? "*" : settings.host(), settings.port() == 0 ? "(free port)"
                            : settings.port(), settings.httpPort() < 0 ? "off" : "redirects on port "
                                    + settings.httpPort(), served.describe(), changed ? "" : " (unchanged)");
        } catch (IOException e) {
            logger.error("Cannot configure the HTTPS server (PID {}): {}", FELIX_PID, e.getMessage());
        }
    }

    /** HTTPS turned off: the configuration a previous start left in Config Admin must not open the port again. */
    private void closeFelix() {
        current = null;
        try {
            Configuration[] left = configurations.listConfigurations("(service.pid=" + FELIX_PID + ")");
            for (Configuration configuration : left == null ? new Configuration[0] : left) {
                configuration.delete();
            }
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            logger.error("Cannot remove the HTTPS server's configuration (PID {}): {}", FELIX_PID, e.getMessage());
        }
    }

    private synchronized void checkReplacement() {
        long stamp = stamp();
        if (stamp == watchedStamp || settings.certificate() == null) {
            return;
        }
        watchedStamp = stamp;
        try {
            ServedCertificate replacement = certificates.imported(settings.certificate(), settings.privateKey(),
                    settings.certificatePassword());
            if (current == null || !replacement.sha256().equals(current.sha256())) {
                logger.info("The certificate {} was replaced: serving the new one", settings.certificate());
                serve(replacement);
            }
        } catch (StewardException e) {
            logger.warn("The certificate {} changed but cannot be served ({}); the previous one stays",
                    settings.certificate(), e.getMessage());
        }
    }

    /** Changes when either file is replaced, written or removed. */
    private long stamp() {
        long stamp = 17;
        for (Path file : new Path[] { settings.certificate(), settings.privateKey() }) {
            if (file == null) {
                continue;
            }
            try {
                stamp = stamp * 31 + Files.getLastModifiedTime(file).toMillis();
                stamp = stamp * 31 + Files.size(file);
            } catch (IOException e) {
                stamp = stamp * 31 - 1;
            }
        }
        return stamp;
    }

    private void stopWatching() {
        if (watch != null) {
            watch.cancel();
            watch = null;
        }
    }
}
