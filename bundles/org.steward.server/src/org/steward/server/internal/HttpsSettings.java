package org.steward.server.internal;

import java.nio.file.Path;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.steward.core.PublicAddress;
import org.steward.core.ValidationException;

/**
 * The HTTPS settings in force: an attribute set in the configuration (PID {@value HttpsConfiguration#PID}) wins, else
 * the framework property the start script sets ({@code --https-port}, {@code --https-host}, {@code --http-port}),
 * else the default of {@link HttpsConfiguration}. HTTPS is turned off only by the framework property
 * {@value #ENABLED_PROPERTY}{@code =false} ({@code --https-port off}). Read from the raw configuration, not through
 * the annotation: a component property type would put its defaults among the properties, and a set attribute could
 * not be told from a default.
 */
record HttpsSettings(boolean enabled, int port, String host, int httpPort, Path certificate, Path privateKey,
        String certificatePassword, long hstsMaxAgeSeconds, boolean hstsIncludeSubDomains, int watchSeconds) {

    static final String HOST_PROPERTY = "steward.https.host";
    static final String HTTP_PORT_PROPERTY = "steward.http.port";
    static final String ENABLED_PROPERTY = "steward.https.enabled";

    static HttpsSettings of(Map<String, Object> set, BundleContext context) {
        int port = integer(set, "port", port(context.getProperty(PublicAddress.HTTPS_PORT), PublicAddress.HTTPS_PORT,
                PublicAddress.DEFAULT_HTTPS_PORT));
        String host = text(set, "host", context.getProperty(HOST_PROPERTY));
        int httpPort = integer(set, "httpPort", port(context.getProperty(HTTP_PORT_PROPERTY), HTTP_PORT_PROPERTY, -1));
        if (port < 0 || port > 65535) {
            throw new ValidationException("port", "must be between 0 and 65535");
        }
        if (httpPort > 65535 || httpPort < -1 || httpPort > 0 && httpPort == port) {
            throw new ValidationException("httpPort", "must be -1 (off) or a port other than the HTTPS port");
        }
        boolean enabled = !"false".equalsIgnoreCase(String.valueOf(context.getProperty(ENABLED_PROPERTY)).strip());
        return new HttpsSettings(enabled, port, host == null ? "" : host.strip(), httpPort,
                path(text(set, "certificate", null)), path(text(set, "privateKey", null)),
                text(set, ".certificatePassword", ""), Math.max(0, integer(set, "hstsMaxAgeSeconds", 31_536_000L)),
                Boolean.parseBoolean(text(set, "hstsIncludeSubDomains", "false")),
                (int) Math.max(1, integer(set, "watchSeconds", 5)));
    }

    /** Nothing served (HTTPS off, or its settings refused at start). */
    static HttpsSettings off() {
        return new HttpsSettings(false, PublicAddress.DEFAULT_HTTPS_PORT, "", -1, null, null, "", 0, false, 5);
    }

    private static String text(Map<String, Object> set, String key, String fallback) {
        Object value = set.get(key);
        return value == null ? fallback : String.valueOf(value);
    }

    private static int integer(Map<String, Object> set, String key, int fallback) {
        return (int) integer(set, key, (long) fallback);
    }

    private static long integer(Map<String, Object> set, String key, long fallback) {
        Object value = set.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(key, "'" + value + "' is not a whole number");
        }
    }

    private static int port(String value, String name, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        if (value.strip().equals("off")) {
            return -1;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ValidationException(name, "'" + value.strip() + "' is not a port number");
        }
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.strip()).toAbsolutePath();
    }

    /** The Strict-Transport-Security value, or null when HSTS is off. */
    String hsts() {
        return hstsMaxAgeSeconds == 0 ? null
                : "max-age=" + hstsMaxAgeSeconds + (hstsIncludeSubDomains ? "; includeSubDomains" : "");
    }
}
