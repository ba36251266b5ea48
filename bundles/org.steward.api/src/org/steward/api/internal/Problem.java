package org.steward.api.internal;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.ws.rs.core.Response;

import org.steward.api.StewardApi;
import org.steward.core.Violation;

/**
 * An RFC 9457 problem document. {@code type} is stable per domain error ({@code urn:steward:problem:<code>}),
 * {@code violations} name field (or row) and reason; nothing in it is a stack trace, a class name or a driver's text.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<Violation> violations,
        List<String> fields) {

    static final String TYPE_PREFIX = "urn:steward:problem:";

    static Problem of(Response.Status status, String code, String detail) {
        return new Problem(TYPE_PREFIX + code, status.getReasonPhrase(), status.getStatusCode(), detail, code,
                List.of(), List.of());
    }

    static Problem of(int status, String title, String code, String detail) {
        return new Problem(TYPE_PREFIX + code, title, status, detail, code, List.of(), List.of());
    }

    Problem withViolations(List<Violation> found) {
        return new Problem(type, title, status, detail, code, found, fields);
    }

    Problem withFields(List<String> names) {
        return new Problem(type, title, status, detail, code, violations, names);
    }

    Response.ResponseBuilder response() {
        return Response.status(status).type(StewardApi.PROBLEM_JSON).entity(this);
    }
}
