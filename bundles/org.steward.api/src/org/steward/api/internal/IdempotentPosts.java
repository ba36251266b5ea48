package org.steward.api.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.steward.api.ApiCallers.ActorPrincipal;
import org.steward.api.StewardApi;
import org.steward.core.Violation;

/**
 * {@code Idempotency-Key} on POST, for every module's creates at once: the first request with a key runs; a retry
 * by the same user to the same path with the same key and the same body gets the first answer again (with
 * {@code Idempotent-Replayed: true}) instead of making a second record; the same key with another body is refused
 * (422), and a retry while the first is still running waits for nothing: 409. Only successful answers are kept, so a
 * refused request can be corrected and sent again with its key. Kept in memory ({@link IdempotencyStore}).
 */
@Component(service = { ContainerRequestFilter.class, ContainerResponseFilter.class }, configurationPid =
        ApiConfiguration.PID, property = { "osgi.jakartars.extension=true", "osgi.jakartars.name=steward.idempotency",
                StewardApi.SELECT_APPLICATION })
@Priority(Priorities.USER)
public final class IdempotentPosts implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String SLOT = IdempotentPosts.class.getName();
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");

    private final IdempotencyStore store;

    @Activate
    public IdempotentPosts(ApiConfiguration configuration) {
        this.store = new IdempotencyStore(Clock.systemUTC(), configuration.idempotencyHours(),
                configuration.idempotencyEntries());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String key = request.getHeaderString(StewardApi.IDEMPOTENCY_KEY);
        if (key == null || !"POST".equals(request.getMethod())) {
            return;
        }
        if (!KEY.matcher(key).matches()) {
            request.abortWith(Problem.of(Status.BAD_REQUEST, "validation", "The Idempotency-Key header is not "
                    + "valid").withViolations(List.of(new Violation(StewardApi.IDEMPOTENCY_KEY,
                            "must be 1 to 255 visible ASCII characters"))).response().build());
            return;
        }
        if (!(request.getSecurityContext().getUserPrincipal() instanceof ActorPrincipal caller)) {
            return;
        }
        byte[] body = read(request);
        request.setEntityStream(new ByteArrayInputStream(body));
        String slot = caller.actor().userId() + "\n" + Requests.path(request) + "\n" + key;
        IdempotencyStore.Claim claim = store.claim(slot, sha256(body));
        switch (claim.state()) {
            case NEW -> request.setProperty(SLOT, slot);
            case DONE -> request.abortWith(claim.answer().replay());
            case RUNNING -> request.abortWith(Problem.of(Status.CONFLICT, "idempotency-key-in-use", "A request "
                    + "with this Idempotency-Key is still running; retry when it has been answered").response()
                    .build());
            case OTHER_BODY -> request.abortWith(Problem.of(422, "Unprocessable Content", "idempotency-key-reused",
                    "This Idempotency-Key was used for a request with another body").withViolations(List.of(
                            new Violation(StewardApi.IDEMPOTENCY_KEY, "was used for another body: use a new key")))
                    .response().build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(SLOT) instanceof String slot)) {
            return;
        }
        if (response.getStatus() >= 200 && response.getStatus() < 300) {
            store.complete(slot, new IdempotencyStore.Answer(response.getStatus(), response.getEntity(),
                    response.getMediaType(), response.getHeaderString(HttpHeaders.LOCATION),
                    response.getHeaderString(HttpHeaders.ETAG)));
        } else {
            store.release(slot);
        }
    }

    private static byte[] read(ContainerRequestContext request) {
        try (InputStream in = request.getEntityStream()) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks a replayed answer. */
    static Response.ResponseBuilder replayed(Response.ResponseBuilder builder) {
        return builder.header("Idempotent-Replayed", "true");
    }
}
