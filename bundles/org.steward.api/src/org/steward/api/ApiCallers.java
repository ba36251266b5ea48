package org.steward.api;

import java.security.Principal;
import java.util.Objects;

import jakarta.ws.rs.core.SecurityContext;

import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;

/**
 * The acting principal of an API request. The authentication filter resolves the bearer token to the identity
 * module's session and puts the {@link Actor} into the request's {@link SecurityContext}; a resource takes it from
 * there and passes it to its service, which decides access and audits (DESIGN.md rule 3).
 */
public final class ApiCallers {

    private ApiCallers() {
    }

    /** The principal the security context carries. */
    public record ActorPrincipal(Actor actor) implements Principal {
        public ActorPrincipal {
            Objects.requireNonNull(actor, "actor");
        }

        @Override
        public String getName() {
            return actor.loginName();
        }
    }

    /**
     * The actor of the request.
     *
     * @throws AccessDeniedException when the request carries no signed-in session (never reached behind the filter)
     */
    public static Actor actor(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof ActorPrincipal principal) {
            return principal.actor();
        }
        throw new AccessDeniedException("the API", "sign in first (POST " + StewardApi.BASE_PATH + "/session)");
    }
}
