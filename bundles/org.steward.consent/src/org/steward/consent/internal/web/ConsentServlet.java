package org.steward.consent.internal.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.service.log.Logger;
import org.steward.consent.ConsentRequests;
import org.steward.consent.DoubleOptIn;
import org.steward.consent.MailingLists;
import org.steward.consent.TokenRejectedException;
import org.steward.core.ProcessingRestrictedException;

/**
 * The link endpoints. GET only shows a page with a button: mail scanners and link previews fetch links, and a fetch
 * must not give consent. POST acts. The one-click unsubscribe POST of RFC 8058 (body
 * {@code List-Unsubscribe=One-Click}) acts at once. Every refused link gets the same answer, so the page reveals
 * neither whether an address is known nor why the link failed; the reason is in the audit log.
 */
final class ConsentServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    static final String CONFIRM = "/confirm";
    static final String ACCEPT = "/accept";
    static final String UNSUBSCRIBE = "/unsubscribe";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final int MAX_USER_AGENT = 512;

    private final transient DoubleOptIn doubleOptIn;
    private final transient ConsentRequests requests;
    private final transient MailingLists lists;
    private final transient Logger logger;
    private final transient RateLimiter limiter;
    private final boolean trustForwardedFor;

    ConsentServlet(DoubleOptIn doubleOptIn, ConsentRequests requests, MailingLists lists, Logger logger,
            RateLimiter limiter, boolean trustForwardedFor) {
        this.doubleOptIn = doubleOptIn;
        this.requests = requests;
        this.lists = lists;
        this.logger = logger;
        this.limiter = limiter;
        this.trustForwardedFor = trustForwardedFor;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String action = action(req);
        String language = Pages.language(req.getParameter("lang"), req.getHeader("Accept-Language"));
        if (action == null) {
            send(resp, HttpServletResponse.SC_NOT_FOUND, Pages.message("invalid.title", "invalid.lead", language));
            return;
        }
        if (!limiter.allow(clientAddress(req))) {
            send(resp, 429, Pages.message("error.title", "error.lead", language));
            return;
        }
        Optional<String> token = token(req);
        if (token.isEmpty()) {
            send(resp, HttpServletResponse.SC_GONE, Pages.message("invalid.title", "invalid.lead", language));
            return;
        }
        send(resp, HttpServletResponse.SC_OK, Pages.form(action, token.get(), language));
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String action = action(req);
        String language = Pages.language(req.getParameter("lang"), req.getHeader("Accept-Language"));
        if (action == null) {
            send(resp, HttpServletResponse.SC_NOT_FOUND, Pages.message("invalid.title", "invalid.lead", language));
            return;
        }
        String address = clientAddress(req);
        if (!limiter.allow(address)) {
            send(resp, 429, Pages.message("error.title", "error.lead", language));
            return;
        }
        Optional<String> token = token(req);
        if (token.isEmpty()) {
            send(resp, HttpServletResponse.SC_GONE, Pages.message("invalid.title", "invalid.lead", language));
            return;
        }
        Optional<String> ip = Optional.of(address);
        Optional<String> userAgent = Optional.ofNullable(req.getHeader("User-Agent")).filter(s -> !s.isBlank())
                .map(s -> s.length() > MAX_USER_AGENT ? s.substring(0, MAX_USER_AGENT) : s);
        try {
            switch (action) {
                case "confirm" -> doubleOptIn.confirm(token.get(), ip, userAgent);
                case "accept" -> requests.accept(token.get(), ip, userAgent);
                default -> lists.unsubscribe(token.get());
            }
            send(resp, HttpServletResponse.SC_OK, Pages.message(action + ".done", null, language));
        } catch (TokenRejectedException | ProcessingRestrictedException e) {
            // the same page for unknown, used, superseded, expired and restricted: nothing to learn from it
            send(resp, HttpServletResponse.SC_GONE, Pages.message("invalid.title", "invalid.lead", language));
        } catch (RuntimeException e) {
            // the exception names no personal value (design rule); the token stays out of the log
            logger.error("Consent link {} failed: {}", action, e.getClass().getName());
            send(resp, HttpServletResponse.SC_SERVICE_UNAVAILABLE,
                    Pages.message("error.title", "error.lead", language));
        }
    }

    @Override
    protected void doPut(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Allow", "GET, POST");
        send(resp, HttpServletResponse.SC_METHOD_NOT_ALLOWED, Pages.message("error.title", null, "en"));
    }

    @Override
    protected void doDelete(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        doPut(req, resp);
    }

    /** "confirm", "accept" or "unsubscribe" from the servlet path (patterns are exact, under the context path). */
    private static String action(HttpServletRequest req) {
        String path = req.getServletPath();
        if (path == null || path.isEmpty()) {
            path = req.getRequestURI();
        }
        for (String a : new String[] { CONFIRM, ACCEPT, UNSUBSCRIBE }) {
            if (path.endsWith(a)) {
                return a.substring(1);
            }
        }
        return null;
    }

    /** The token from the query or the form; anything that cannot be a token is no token. */
    private static Optional<String> token(HttpServletRequest req) {
        String token = req.getParameter("token");
        return token != null && TOKEN.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    }

    private String clientAddress(HttpServletRequest req) {
        if (trustForwardedFor) {
            String forwarded = req.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                String[] hops = forwarded.split(",");
                String last = hops[hops.length - 1].trim();
                if (!last.isEmpty() && last.length() <= 45) {
                    return last;
                }
            }
        }
        return req.getRemoteAddr();
    }

    private static void send(HttpServletResponse resp, int status, String html) throws IOException {
        resp.setStatus(status);
        resp.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setContentType("text/html;charset=UTF-8");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
