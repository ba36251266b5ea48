package org.steward.api.internal;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.steward.api.ApiCallers;
import org.steward.api.StewardApi;
import org.steward.core.StewardModule;
import org.steward.core.StewardModules;

/** {@code GET /api/v1/modules}: the installed Steward modules, as the console and the About dialog list them. */
@Component(service = ModulesResource.class, property = { StewardApi.RESOURCE, StewardApi.SELECT_APPLICATION,
        StewardApi.SELECT_JSON })
@Path("modules")
@Produces(MediaType.APPLICATION_JSON)
public final class ModulesResource {

    public record Module(String name, String symbolicName, String version, String state) {
    }

    private final BundleContext context;

    @Activate
    public ModulesResource(BundleContext context) {
        this.context = context;
    }

    @GET
    public List<Module> modules(@Context SecurityContext security) {
        ApiCallers.actor(security);
        return StewardModules.installed(context).stream().map(ModulesResource::of).toList();
    }

    private static Module of(StewardModule m) {
        return new Module(m.name(), m.symbolicName(), m.version(), m.state());
    }
}
