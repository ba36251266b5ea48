package org.steward.api.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.steward.api.ApiCallers;
import org.steward.api.StewardApi;
import org.steward.core.Actor;
import org.steward.identity.User;
import org.steward.identity.UserDirectory;
import org.steward.permissions.AccessDecisions;
import org.steward.permissions.ModuleGrants;
import org.steward.permissions.Operation;

/**
 * {@code GET /api/v1/me}: who is signed in, in which language, and what they may do in each installed module, as the
 * permissions service decides it (the modules are those that declare their operations, {@link ModuleGrants}), so
 * that a client shows only that.
 */
@Component(service = MeResource.class, property = { StewardApi.RESOURCE, StewardApi.SELECT_APPLICATION,
        StewardApi.SELECT_JSON })
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
public final class MeResource {

    /**
     * @param modules per module the operations allowed (lower case: read, create, edit, ...); a module where
     *            nothing is allowed is left out
     */
    public record Me(String userId, String login, String displayName, String language, Instant authenticatedAt,
            Map<String, List<String>> modules) {
    }

    private final UserDirectory users;
    private final AccessDecisions access;
    private final List<ModuleGrants> modules = new CopyOnWriteArrayList<>();

    @Activate
    public MeResource(@Reference UserDirectory users, @Reference AccessDecisions access) {
        this.users = users;
        this.access = access;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModule(ModuleGrants module) {
        modules.add(module);
    }

    void removeModule(ModuleGrants module) {
        modules.remove(module);
    }

    @GET
    public Me me(@Context SecurityContext security) {
        Actor actor = ApiCallers.actor(security);
        User user = users.get(actor.userId());
        Map<String, List<String>> allowed = new TreeMap<>();
        for (ModuleGrants module : modules) {
            List<String> operations = module.operations().stream().sorted()
                    .filter(op -> access.decide(actor, op, module.module(), Optional.empty()).allowed())
                    .map(MeResource::name).toList();
            if (!operations.isEmpty()) {
                allowed.put(module.module(), operations);
            }
        }
        return new Me(user.id(), user.loginName(), user.displayName(), user.language(),
                actor.authenticatedAt().orElse(null), allowed);
    }

    private static String name(Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
