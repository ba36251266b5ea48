package org.steward.consent.internal.web;

import java.util.Hashtable;
import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.Servlet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.runtime.HttpServiceRuntime;
import org.osgi.service.http.whiteboard.HttpWhiteboardConstants;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.steward.consent.ConsentRequests;
import org.steward.consent.DoubleOptIn;
import org.steward.consent.MailingLists;

/**
 * Registers the link servlet with the HTTP Whiteboard. The reference to {@link HttpServiceRuntime} keeps this
 * component unsatisfied, and so its class (which needs javax.servlet) unloaded, wherever no HTTP server runs: the
 * consent services work without one. Registered by hand rather than as a DS service so that the servlet patterns
 * follow the configured context path.
 * <p>
 * At most one registration lives at a time ({@link #CURRENT}): SCR may discard an instance whose constructor ran (a
 * reference went away during activation) without calling {@link #deactivate}, and the servlet registered by that
 * constructor stayed behind. With Felix HTTP the older of two registrations for the same paths wins, so the stale
 * servlet (with a stale rate limit) kept answering; a new activation now removes it first.
 */
@Component(immediate = true, configurationPid = ConsentWebConfiguration.PID)
@Designate(ocd = ConsentWebConfiguration.class)
public final class ConsentWebEndpoints {

    private static final AtomicReference<ServiceRegistration<Servlet>> CURRENT = new AtomicReference<>();

    private final ServiceRegistration<Servlet> registration;

    @Activate
    public ConsentWebEndpoints(BundleContext context, ConsentWebConfiguration config,
            @Reference HttpServiceRuntime runtime, @Reference DoubleOptIn doubleOptIn,
            @Reference ConsentRequests requests, @Reference MailingLists lists,
            @Reference(service = LoggerFactory.class) Logger logger) {
        String path = normalise(config.contextPath());
        ConsentServlet servlet = new ConsentServlet(doubleOptIn, requests, lists, logger,
                new RateLimiter(config.requestsPerMinute()), config.trustForwardedFor());
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "steward-consent-links");
        props.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN,
                new String[] { path + ConsentServlet.CONFIRM, path + ConsentServlet.ACCEPT,
                        path + ConsentServlet.UNSUBSCRIBE });
        unregister(CURRENT.getAndSet(null));
        registration = context.registerService(Servlet.class, servlet, props);
        unregister(CURRENT.getAndSet(registration));
    }

    @Deactivate
    void deactivate() {
        CURRENT.compareAndSet(registration, null);
        unregister(registration);
    }

    private static void unregister(ServiceRegistration<Servlet> stale) {
        if (stale == null) {
            return;
        }
        try {
            stale.unregister();
        } catch (IllegalStateException alreadyGone) {
            // unregistered with the bundle, or by a concurrent deactivation
        }
    }

    /** "/consent", "consent/" and "/consent/" all mean /consent; "/" or empty means the root. */
    static String normalise(String contextPath) {
        String p = contextPath == null ? "" : contextPath.trim();
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.isEmpty() && !p.startsWith("/")) {
            p = "/" + p;
        }
        return p;
    }
}
