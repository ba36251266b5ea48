package org.steward.api.internal;

import java.lang.reflect.Method;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.api.ApiCallers.ActorPrincipal;
import org.steward.api.StewardApi;
import org.steward.audit.AuditEvent;
import org.steward.audit.AuditLog;
import org.steward.audit.Outcome;
import org.steward.core.Actor;

/**
 * Audits every call of the API (DESIGN.md rules 5 and 13) with channel API: who, from which address, which operation
 * (the resource class and method, never the URL: a client may put anything into a URL) and the status. The
 * services the resources call audit their own operations on records beside it.
 */
@Component(service = ContainerResponseFilter.class, property = { "osgi.jakartars.extension=true",
        "osgi.jakartars.name=steward.call-audit", StewardApi.SELECT_APPLICATION })
@Priority(Priorities.USER + 1000)
public final class CallAudit implements ContainerResponseFilter {

    private static final Pattern MODULE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private final AuditLog audit;
    private final Logger log;

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest servlet;

    @Activate
    public CallAudit(@Reference AuditLog audit, @Reference(service = LoggerFactory.class) Logger log) {
        this.audit = audit;
        this.log = log;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Actor actor = request.getSecurityContext().getUserPrincipal() instanceof ActorPrincipal p ? p.actor()
                : Requests.anonymous(Requests.address(servlet));
        String path = Requests.path(request);
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        String module = MODULE.matcher(first).matches() ? first : "api";
        int status = response.getStatus();
        try {
            audit.append(AuditEvent.builder(actor, "api.call").target(module, "request")
                    .outcome(status < 400 ? Outcome.SUCCESS : status == 401 || status == 403 ? Outcome.DENIED
                            : Outcome.FAILED)
                    .details(request.getMethod() + " " + operation() + " -> " + status).build());
        } catch (RuntimeException e) {
            // the answer is already decided; a missing entry is reported here and by the log's own verification
            log.error("API: the call could not be audited: {}", e.getClass().getName());
        }
    }

    private String operation() {
        try {
            Method method = resource == null ? null : resource.getResourceMethod();
            return method == null ? "(no resource)" : method.getDeclaringClass().getSimpleName() + "." + method.getName();
        } catch (RuntimeException outsideRequest) {
            return "(no resource)";
        }
    }
}
