package org.steward.api.internal;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.steward.api.StewardApi;
import org.steward.core.AccessDeniedException;
import org.steward.core.Actor;
import org.steward.core.Channel;
import org.steward.core.ValidationException;
import org.steward.identity.Authenticator;
import org.steward.identity.LoginOutcome;
import org.steward.identity.LoginResult;
import org.steward.identity.MfaEnrolled;
import org.steward.identity.TotpEnrolment;

/**
 * Sign-in for staff through the API, every step the identity module's ({@link Authenticator}: throttling, lockout,
 * second factor, first-login password change, TOTP enrolment, re-authentication, sign-out). A step that is not the
 * last answers 200 with the next step and a restricted token that only that step accepts.
 */
@Component(service = SessionResource.class, property = { StewardApi.RESOURCE, StewardApi.SELECT_APPLICATION,
        StewardApi.SELECT_JSON })
@Path("session")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    /** A sign-in. {@code code} is the TOTP or a recovery code, when the account has a second factor. */
    public record Login(String login, String password, String code) {
        @Override
        public String toString() {
            return "Login[secrets hidden]";
        }
    }

    public record Code(String code) {
    }

    public record Password(String password) {
        @Override
        public String toString() {
            return "Password[hidden]";
        }
    }

    public record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[hidden]";
        }
    }

    /**
     * The answer of a step.
     *
     * @param outcome {@code authenticated}, {@code second-factor-required}, {@code password-change-required} or
     *            {@code mfa-enrolment-required}
     * @param token the session token to send as {@code Authorization: Bearer}; restricted unless authenticated
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Step(String outcome, String token, String userId, List<String> recoveryCodes) {
    }

    public record Enrolment(String secret, String uri) {
    }

    public record Reauthenticated(Instant authenticatedAt) {
    }

    private final Authenticator authenticator;

    @Context
    private HttpServletRequest servlet;

    @Activate
    public SessionResource(@Reference Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Signs in with login name and password, and the second factor in the same request when there is one. */
    @POST
    public Response signIn(Login body) {
        if (body == null) {
            throw new ValidationException("body", "is required: {\"login\": ..., \"password\": ...}");
        }
        required("login", body.login());
        required("password", body.password());
        String address = Requests.address(servlet);
        LoginResult result = authenticator.login(body.login(), body.password(), Channel.API, address);
        if (result.outcome() == LoginOutcome.SECOND_FACTOR_REQUIRED && body.code() != null
                && !body.code().isBlank()) {
            result = authenticator.verifySecondFactor(result.requireToken(), body.code(), address);
        }
        return answer(result, List.of());
    }

    /** The second step: a TOTP or recovery code for the restricted token of the first. */
    @POST
    @Path("second-factor")
    public Response secondFactor(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Code body) {
        String code = body == null ? null : body.code();
        required("code", code);
        return answer(authenticator.verifySecondFactor(token(authorization), code, Requests.address(servlet)),
                List.of());
    }

    /** Changes the password: the first login's one-time password, or any time in a full session. */
    @POST
    @Path("password")
    public Response changePassword(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            PasswordChange body) {
        if (body == null) {
            throw new ValidationException("body", "is required: {\"currentPassword\": ..., \"newPassword\": ...}");
        }
        required("currentPassword", body.currentPassword());
        required("newPassword", body.newPassword());
        return answer(authenticator.changePassword(token(authorization), body.currentPassword(), body.newPassword(),
                Requests.address(servlet)), List.of());
    }

    /** Starts enrolling a TOTP authenticator: the secret and the {@code otpauth://} URI for the app. */
    @POST
    @Path("totp")
    public Enrolment beginTotp(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        TotpEnrolment enrolment = authenticator.beginTotpEnrolment(token(authorization), Requests.address(servlet));
        return new Enrolment(enrolment.secret(), enrolment.uri());
    }

    /** Confirms the enrolment with a first code; answers the new session and the ten recovery codes (shown once). */
    @POST
    @Path("totp/confirm")
    public Response confirmTotp(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Code body) {
        String code = body == null ? null : body.code();
        required("code", code);
        MfaEnrolled enrolled = authenticator.confirmTotp(token(authorization), code, Requests.address(servlet));
        return answer(enrolled.session(), enrolled.recoveryCodes());
    }

    /** Proves the password again in a full session, before revealing or exporting sensitive values. */
    @POST
    @Path("reauthenticate")
    public Reauthenticated reauthenticate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            Password body) {
        String password = body == null ? null : body.password();
        required("password", password);
        try {
            Actor actor = authenticator.reauthenticate(token(authorization), password, Channel.API,
                    Requests.address(servlet));
            return new Reauthenticated(actor.authenticatedAt().orElse(null));
        } catch (AccessDeniedException e) {
            throw new Unauthenticated("The password is wrong or the session is no longer valid");
        }
    }

    /** Signs out: the token stops working at once. */
    @DELETE
    public Response signOut(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Requests.bearer(authorization).ifPresent(authenticator::logout);
        return Response.noContent().build();
    }

    private static Response answer(LoginResult result, List<String> recoveryCodes) {
        return switch (result.outcome()) {
            case DENIED -> BearerAuthentication.unauthenticated("The login name, password or code is wrong, or the "
                    + "account may not sign in from here");
            case THROTTLED -> {
                long seconds = Math.max(1, result.retryAfter().map(d -> d.toSeconds()).orElse(1L));
                yield Problem.of(Status.TOO_MANY_REQUESTS, "throttled", "Too many failed attempts: try again in "
                        + seconds + " seconds").response().header(HttpHeaders.RETRY_AFTER, seconds).build();
            }
            default -> Response.ok(new Step(result.outcome().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    result.token().orElse(null), result.userId().orElse(null), recoveryCodes)).build();
        };
    }

    private static String token(String authorization) {
        Optional<String> token = Requests.bearer(authorization);
        if (token.isEmpty()) {
            throw new Unauthenticated("Send the token of the previous step as Authorization: Bearer <token>");
        }
        return token.get();
    }

    private static void required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new ValidationException(field, "is required");
        }
    }

    /** A sign-in step without a usable token; the mapper answers 401 (see {@link ProblemMapper}). */
    static final class Unauthenticated extends jakarta.ws.rs.WebApplicationException {
        private static final long serialVersionUID = 1L;

        Unauthenticated(String detail) {
            super(BearerAuthentication.unauthenticated(detail));
        }
    }
}
