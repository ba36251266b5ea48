package org.steward.api.internal;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.steward.core.Actor;
import org.steward.core.Channel;

/** What the API's filters and resources read from a request: the bearer token, the caller's address, the path. */
final class Requests {

    private static final String BEARER = "Bearer ";

    private Requests() {
    }

    /** The token of {@code Authorization: Bearer <token>}, when the request has one. */
    static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() || token.length() > 200 ? Optional.empty() : Optional.of(token);
    }

    static Optional<String> bearer(ContainerRequestContext request) {
        return bearer(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /** The remote address as the connection shows it (no proxy headers are trusted). */
    static String address(HttpServletRequest servlet) {
        try {
            return servlet == null ? "" : servlet.getRemoteAddr();
        } catch (RuntimeException outsideRequest) {
            return "";
        }
    }

    /** The path below the application base, without a leading slash ({@code contacts/123}). */
    static String path(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    /** Who calls before signing in: the login step, or a request that was refused before a session was found. */
    static Actor anonymous(String address) {
        return new Actor("anonymous", "anonymous", Channel.API, Optional.ofNullable(address).filter(a -> !a.isEmpty()),
                Optional.empty());
    }
}
