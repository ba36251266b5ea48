package org.steward.core;

import java.net.URI;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The address at which people and clients reach this server, the one base of every link a module puts in a mail or a
 * page (consent confirmation, unsubscribe, ...). Set with the framework or system property {@value #PROPERTY} (for
 * example {@code https://crm.example.org}, the address of a reverse proxy); by default
 * {@code https://<host name>:<}{@value #HTTPS_PORT}{@code >}, the server's own HTTPS port (8443).
 */
@ProviderType
public interface PublicAddress {

    /** The framework or system property naming the public base address. */
    String PROPERTY = "steward.public.url";

    /** The framework or system property naming the server's HTTPS port (default {@value #DEFAULT_HTTPS_PORT}). */
    String HTTPS_PORT = "steward.https.port";

    /** The HTTPS port when {@value #HTTPS_PORT} is not set. */
    int DEFAULT_HTTPS_PORT = 8443;

    /** The base address, without a trailing slash, e.g. {@code https://crm.example.org:8443}. */
    URI base();

    /**
     * A link below the base address: {@code link("/consent/confirm?token=")} is
     * {@code https://crm.example.org:8443/consent/confirm?token=}. An absolute {@code http(s)://} address is returned
     * as it is, so a setting may still name a full address of its own.
     */
    String link(String pathAndQuery);

    /**
     * This machine's fully qualified host name as the resolver knows it, else {@code localhost}: the default host of
     * {@link #base()} and a name of the server's self-signed certificate.
     */
    String machineHostName();
}
