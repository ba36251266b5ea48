package org.steward.api.internal;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.steward.api.PreconditionFailedException;
import org.steward.api.PreconditionRequiredException;
import org.steward.api.StewardApi;
import org.steward.core.AccessDeniedException;
import org.steward.core.ConflictException;
import org.steward.core.NotFoundException;
import org.steward.core.ProcessingRestrictedException;
import org.steward.core.StewardException;
import org.steward.core.UnavailableException;
import org.steward.core.ValidationException;
import org.steward.permissions.ReauthenticationRequiredException;

/**
 * The one error model of the API (RFC 9457): every exception a resource lets out becomes a problem document with a
 * stable type per domain error. Never a stack trace, an exception class name or a driver's text: what is unexpected
 * is a 500 that names nothing but a reference, which the log carries beside the exception's class and frames.
 */
@Component(service = ExceptionMapper.class, property = { "osgi.jakartars.extension=true",
        "osgi.jakartars.name=steward.problems", StewardApi.SELECT_APPLICATION })
public final class ProblemMapper implements ExceptionMapper<Throwable> {

    private final Logger log;

    @Activate
    public ProblemMapper(@Reference(service = LoggerFactory.class) Logger log) {
        this.log = log;
    }

    @Override
    public Response toResponse(Throwable thrown) {
        if (thrown instanceof WebApplicationException web && web.getResponse().getEntity() instanceof Problem) {
            return web.getResponse();
        }
        Response.ResponseBuilder answer = problem(thrown).response();
        if (thrown instanceof WebApplicationException web && web.getResponse().getHeaderString("Allow") != null) {
            answer.header("Allow", web.getResponse().getHeaderString("Allow"));
        }
        return answer.build();
    }

    Problem problem(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof StewardException steward) {
                return domain(steward);
            }
            if (t instanceof JsonProcessingException json) {
                return JsonErrors.problem(json);
            }
            if (t instanceof BodyLimit.TooLarge) {
                return BodyLimit.problem();
            }
            if (t instanceof WebApplicationException web && t == thrown) {
                return web(web);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return unexpected(thrown);
    }

    private Problem domain(StewardException e) {
        if (e instanceof ValidationException v) {
            return Problem.of(Status.BAD_REQUEST, v.code(), "The request was refused: " + v.violations().size()
                    + (v.violations().size() == 1 ? " field is" : " fields are") + " not valid")
                    .withViolations(v.violations());
        }
        if (e instanceof ProcessingRestrictedException r) {
            // the message names the person id: keep it out of the answer, the audit entry has it
            return Problem.of(423, "Locked", r.code(), "Processing of this person is restricted (GDPR Art. 18): "
                    + "only storage and rights handling are allowed until the restriction is lifted");
        }
        if (e instanceof ReauthenticationRequiredException r) {
            return Problem.of(Status.FORBIDDEN, r.code(), "Confirm your password first (POST " + StewardApi.BASE_PATH
                    + "/session/reauthenticate), then repeat the request").withFields(r.fields());
        }
        if (e instanceof AccessDeniedException a) {
            return Problem.of(Status.FORBIDDEN, a.code(), a.getMessage());
        }
        if (e instanceof NotFoundException n) {
            return Problem.of(Status.NOT_FOUND, n.code(), n.getMessage());
        }
        if (e instanceof PreconditionFailedException p) {
            return Problem.of(Status.PRECONDITION_FAILED, p.code(), p.getMessage());
        }
        if (e instanceof PreconditionRequiredException p) {
            return Problem.of(428, "Precondition Required", p.code(), p.getMessage());
        }
        if (e instanceof ConflictException c) {
            return Problem.of(Status.CONFLICT, c.code(), c.getMessage());
        }
        if (e instanceof UnavailableException u) {
            // the message names folders and settings for the administrator: the log has it, the client does not
            log.warn("API: unavailable: {}", u.getMessage());
            return Problem.of(Status.SERVICE_UNAVAILABLE, u.code(), "A service Steward depends on is not available "
                    + "now; the administrator finds the reason in the server log");
        }
        return Problem.of(Status.BAD_REQUEST, e.code(), e.getMessage());
    }

    private static Problem web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Status known = Status.fromStatusCode(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String code = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
        String detail = switch (status) {
            case 404 -> "There is no such resource; the module that serves it may not be installed";
            case 405 -> "This resource does not offer this method";
            case 406 -> "This resource answers in JSON (application/json)";
            case 415 -> "Send the body as JSON in UTF-8 (Content-Type: application/json)";
            default -> title;
        };
        return Problem.of(status, title, code, detail);
    }

    private Problem unexpected(Throwable thrown) {
        String reference = UUID.randomUUID().toString();
        // class and frames only: messages of unexpected exceptions may quote values (drivers quote keys)
        StringBuilder frames = new StringBuilder();
        for (Throwable t = thrown; t != null && frames.length() < 4000; t = t.getCause() == t ? null : t.getCause()) {
            frames.append(frames.isEmpty() ? "" : " caused by ").append(t.getClass().getName());
            StackTraceElement[] trace = t.getStackTrace();
            for (int i = 0; i < Math.min(trace.length, 8); i++) {
                frames.append("\n    at ").append(trace[i]);
            }
        }
        log.error("API: unexpected failure, reference {}: {}", reference, frames);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "internal-error", "The server could not complete the "
                + "request; report the reference " + reference + " to the administrator");
    }
}
