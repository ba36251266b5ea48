package org.steward.api.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.steward.api.StewardApi;

/**
 * {@code GET /api/v1/openapi.json}: OpenAPI 3.1 of exactly the resources the whiteboard serves in Steward's
 * application right now, read by swagger-core from their annotations. The classes come from the whiteboard's runtime
 * view (the services it accepted), never from a class-path scan, so a module stopped at runtime is gone from the
 * document at the next request and back when it starts.
 */
@Component(service = OpenApiResource.class, property = { StewardApi.RESOURCE, StewardApi.SELECT_APPLICATION })
@Path("openapi.json")
public final class OpenApiResource {

    private final BundleContext context;

    /**
     * The runtime is looked up per request, not referenced: the whiteboard gets this resource while it registers
     * the runtime service, and a reference would make the two wait for each other.
     */
    @Activate
    public OpenApiResource(BundleContext context) {
        this.context = context;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document() {
        Set<Class<?>> classes = resourceClasses();
        OpenAPI base = new OpenAPI().info(new Info().title("Steward API").version("1")
                .description("The HTTPS API of Steward (docs/API.md). Errors are RFC 9457 problem documents."))
                .servers(List.of(new Server().url(StewardApi.BASE_PATH)))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Reader.class.getClassLoader());
        try {
            SwaggerConfiguration configuration = new SwaggerConfiguration().openAPI(base).openAPI31(true)
                    .readAllResources(true).prettyPrint(true);
            OpenAPI document = new Reader(configuration).read(classes);
            return Json31.pretty(document);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The classes of the resources the whiteboard serves in Steward's application. */
    Set<Class<?>> resourceClasses() {
        Set<Class<?>> classes = new LinkedHashSet<>();
        ServiceReference<JakartarsServiceRuntime> ref = context.getServiceReference(JakartarsServiceRuntime.class);
        JakartarsServiceRuntime runtime = ref == null ? null : context.getService(ref);
        if (runtime == null) {
            return classes;
        }
        ApplicationDTO[] applications;
        try {
            applications = runtime.getRuntimeDTO().applicationDTOs;
        } finally {
            context.ungetService(ref);
        }
        for (ApplicationDTO application : applications) {
            if (!StewardApi.APPLICATION.equals(application.name)) {
                continue;
            }
            for (ResourceDTO resource : application.resourceDTOs) {
                Class<?> type = serviceClass(resource.serviceId);
                if (type != null && type != OpenApiResource.class) {
                    classes.add(type);
                }
            }
        }
        return classes;
    }

    private Class<?> serviceClass(long serviceId) {
        try {
            ServiceReference<?>[] found = context.getAllServiceReferences(null, "(service.id=" + serviceId + ")");
            if (found == null || found.length == 0) {
                return null;
            }
            Object service = context.getService(found[0]);
            try {
                return service == null ? null : service.getClass();
            } finally {
                context.ungetService(found[0]);
            }
        } catch (InvalidSyntaxException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
