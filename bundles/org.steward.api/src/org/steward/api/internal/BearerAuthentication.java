package org.steward.api.internal;

import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.api.ApiCallers.ActorPrincipal;
import org.steward.api.StewardApi;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.identity.Authenticator;

/**
 * Resolves {@code Authorization: Bearer <token>} to the identity module's session and puts its {@link Actor} into
 * the request's security context. Only the sign-in steps (which read the token themselves, restricted sessions
 * included) and the OpenAPI document are reachable without a full session; everything else answers 401.
 */
@Component(service = ContainerRequestFilter.class, property = { "osgi.jakartars.extension=true",
        "osgi.jakartars.name=steward.authentication", StewardApi.SELECT_APPLICATION })
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthentication implements ContainerRequestFilter {

    private static final Set<String> PUBLIC = Set.of("session", "openapi.json");

    private final Authenticator authenticator;

    @Context
    private HttpServletRequest servlet;

    @Activate
    public BearerAuthentication(@Reference Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = Requests.path(request);
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        if (PUBLIC.contains(first)) {
            return;
        }
        Optional<String> token = Requests.bearer(request);
        if (token.isEmpty()) {
            request.abortWith(unauthenticated("Sign in first (POST " + StewardApi.BASE_PATH + "/session) and send "
                    + "the token as Authorization: Bearer <token>"));
            return;
        }
        Actor actor;
        try {
            actor = authenticator.actorFor(token.get(), Channel.API, Requests.address(servlet));
        } catch (AccessDeniedException e) {
            request.abortWith(unauthenticated("The session is unknown, expired or ended, or not allowed from this "
                    + "address: sign in again"));
            return;
        }
        boolean secure = request.getSecurityContext().isSecure();
        request.setSecurityContext(new SecurityContext() {
            @Override
            public java.security.Principal getUserPrincipal() {
                return new ActorPrincipal(actor);
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return "Bearer";
            }
        });
    }

    static jakarta.ws.rs.core.Response unauthenticated(String detail) {
        return Problem.of(Status.UNAUTHORIZED, "unauthenticated", detail).response()
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"steward\"").build();
    }
}
