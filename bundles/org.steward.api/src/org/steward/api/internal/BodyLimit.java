package org.steward.api.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response.Status;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.steward.api.StewardApi;
import org.steward.core.Violation;

/**
 * Refuses request bodies over the configured size with 413, before anything reads them: by {@code Content-Length}
 * when it is sent, and while reading a chunked body.
 */
@Component(service = ContainerRequestFilter.class, configurationPid = ApiConfiguration.PID, property = {
        "osgi.jakartars.extension=true", "osgi.jakartars.name=steward.body-limit", StewardApi.SELECT_APPLICATION })
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodyLimit implements ContainerRequestFilter {

    /** Thrown by the limited stream; the problem mapper finds it in the cause chain of the reader's failure. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super("request body too large");
        }
    }

    private final long maxBytes;

    @Activate
    public BodyLimit(ApiConfiguration configuration) {
        this.maxBytes = Math.max(1024, configuration.maxBodyKilobytes() * 1024L);
    }

    static Problem problem() {
        return Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "payload-too-large", "The body is larger than the server "
                + "accepts").withViolations(List.of(new Violation("body", "is larger than the server accepts")));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            request.abortWith(problem().response().build());
            return;
        }
        InputStream body = request.getEntityStream();
        if (body != null) {
            request.setEntityStream(new Limited(body, maxBytes));
        }
    }

    private static final class Limited extends FilterInputStream {
        private long left;

        Limited(InputStream in, long max) {
            super(in);
            this.left = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --left < 0) {
                throw new TooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                left -= n;
                if (left < 0) {
                    throw new TooLarge();
                }
            }
            return n;
        }
    }
}
