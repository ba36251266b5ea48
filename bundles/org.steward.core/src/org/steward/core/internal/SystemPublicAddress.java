package org.steward.core.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.steward.core.PublicAddress;
import org.steward.core.ValidationException;

/** Reads the public address from the framework properties once, at activation. */
@Component(service = PublicAddress.class)
public final class SystemPublicAddress implements PublicAddress {

    private final URI base;

    @Activate
    public SystemPublicAddress(BundleContext context) {
        this.base = resolve(context.getProperty(PROPERTY), context.getProperty(HTTPS_PORT));
    }

    static URI resolve(String configured, String httpsPort) {
        if (configured == null || configured.isBlank()) {
            return URI.create("https://" + hostName() + portSuffix(httpsPort));
        }
        String text = configured.strip();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getQuery() != null
                    || uri.getFragment() != null || uri.getUserInfo() != null) {
                throw new ValidationException(PROPERTY, "'" + configured.strip() + "' is not an http(s) address "
                        + "with a host name and no query, e.g. https://crm.example.org");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ValidationException(PROPERTY, "'" + configured.strip() + "' is not an address (" + e.getReason()
                    + ")");
        }
    }

    private static String portSuffix(String httpsPort) {
        int port = DEFAULT_HTTPS_PORT;
        if (httpsPort != null && !httpsPort.isBlank()) {
            try {
                port = Integer.parseInt(httpsPort.strip());
            } catch (NumberFormatException e) {
                throw new ValidationException(HTTPS_PORT, "'" + httpsPort.strip() + "' is not a port number");
            }
        }
        return port == 443 ? "" : ":" + port;
    }

    /**
     * The machine's fully qualified host name when the resolver knows one, else its plain host name, else
     * {@code localhost}. (Where /etc/hosts maps the host name to 127.0.0.1 first, the canonical name is
     * "localhost": the plain name is the better one then.)
     */
    static String hostName() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            String canonical = local.getCanonicalHostName();
            String name = usable(canonical) && canonical.contains(".") && !canonical.startsWith("localhost")
                    ? canonical : local.getHostName();
            return usable(name) ? name.toLowerCase(Locale.ROOT) : "localhost";
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** A name, not an address literal (a failed reverse look-up returns the address). */
    private static boolean usable(String name) {
        return name != null && !name.isBlank() && !name.contains(":") && !name.matches("[0-9.]+");
    }

    @Override
    public URI base() {
        return base;
    }

    @Override
    public String link(String pathAndQuery) {
        String path = pathAndQuery == null ? "" : pathAndQuery.strip();
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("https://") || lower.startsWith("http://")) {
            return path;
        }
        return base + (path.startsWith("/") || path.isEmpty() ? path : "/" + path);
    }

    @Override
    public String machineHostName() {
        return hostName();
    }

    @Override
    public String toString() {
        return "PublicAddress[" + base + "]";
    }
}
