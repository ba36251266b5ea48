package org.steward.server.internal;

import java.io.IOException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.Preprocessor;
import org.steward.core.PublicAddress;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs before every servlet of the server, ours and partners', javax and jakarta alike (a whiteboard preprocessor
 * sees every request, also those no servlet matches): an HTTPS answer carries HSTS; a plain-HTTP request (the
 * optional redirect port) gets a 308 to the same path below the public https address and nothing else, so no page
 * and no token ever travels in clear. The redirect is built from the configured address, never from the request's
 * Host header.
 */
@Component(service = Preprocessor.class)
public final class SecureTransport implements Preprocessor {

    private final HttpsServer server;
    private final PublicAddress publicAddress;

    @Activate
    public SecureTransport(@Reference HttpsServer server, @Reference PublicAddress publicAddress) {
        this.server = server;
        this.publicAddress = publicAddress;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse resp = (HttpServletResponse) response;
        if (!req.isSecure()) {
            String query = req.getQueryString();
            resp.setHeader("Location", publicAddress.link(req.getRequestURI() + (query == null ? "" : "?" + query)));
            resp.setHeader("Cache-Control", "no-store");
            resp.setContentLength(0);
            resp.setStatus(308);
            return;
        }
        String hsts = server.settings().hsts();
        if (hsts != null) {
            resp.setHeader("Strict-Transport-Security", hsts);
        }
        chain.doFilter(request, response);
    }
}
