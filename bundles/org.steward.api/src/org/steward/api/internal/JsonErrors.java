package org.steward.api.internal;

import java.io.CharConversionException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import jakarta.ws.rs.core.Response.Status;

import org.steward.core.Violation;

/**
 * Turns Jackson's errors into problems that name the field (as a JSON path: {@code address.city},
 * {@code tags[2]}) and the reason, never the value sent (it may be personal) nor Jackson's own text (it quotes it).
 */
final class JsonErrors {

    private JsonErrors() {
    }

    static Problem problem(JsonProcessingException e) {
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            // a broken byte or token met while binding a field: the body is malformed, not the field's type
            if (cause instanceof JsonProcessingException inner && !(inner instanceof JsonMappingException)) {
                return problem(inner);
            }
            if (cause instanceof CharConversionException) {
                return malformed(e.getLocation());
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String field = path(u, u.getPropertyName());
            return Problem.of(Status.BAD_REQUEST, "unknown-field", "The body has a field this operation does not know: "
                    + field).withViolations(List.of(new Violation(field, "is not a known field")));
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            // FAIL_ON_TRAILING_TOKENS: a second value after the body, which is a broken document, not a type
            return malformed(e.getLocation());
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            MismatchedInputException m = (MismatchedInputException) e;
            String field = path(m, null);
            if (field.isEmpty()) {
                return Problem.of(Status.BAD_REQUEST, "wrong-type", "The body must be " + expected(m.getTargetType()))
                        .withViolations(List.of(new Violation("body", "must be " + expected(m.getTargetType()))));
            }
            return Problem.of(Status.BAD_REQUEST, "wrong-type", "A field has the wrong type: " + field)
                    .withViolations(List.of(new Violation(field, "must be " + expected(m.getTargetType()))));
        }
        if (e instanceof StreamConstraintsException) {
            return Problem.of(Status.BAD_REQUEST, "malformed-json", "The body exceeds a limit of the JSON reader")
                    .withViolations(List.of(new Violation("body", "has a number, a text or a nesting deeper than "
                            + "allowed" + at(e.getLocation()))));
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = path(m, null);
            return Problem.of(Status.BAD_REQUEST, "wrong-type", "A field cannot be read: " + field)
                    .withViolations(List.of(new Violation(field, "has a value of the wrong form")));
        }
        return malformed(e.getLocation());
    }

    private static Problem malformed(JsonLocation location) {
        return Problem.of(Status.BAD_REQUEST, "malformed-json", "The body is not valid JSON in UTF-8")
                .withViolations(List.of(new Violation("body", "is not valid JSON in UTF-8" + at(location))));
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(JsonMappingException e, String last) {
        String path = e.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                : r.getIndex() >= 0 ? "[" + r.getIndex() + "]" : "").collect(Collectors.joining());
        if (last != null && !path.endsWith("." + last)) {
            path = path + "." + last;
        }
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class || type.isEnum()) {
            return type.isEnum() ? "one of " + List.of(type.getEnumConstants()).stream().map(Object::toString)
                    .map(String::toLowerCase).collect(Collectors.joining(", ")) : "a text";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == BigInteger.class || type == Short.class || type == short.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == BigDecimal.class || type == Float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == LocalDate.class) {
            return "a date (YYYY-MM-DD)";
        }
        if (type == Instant.class) {
            return "a time in RFC 3339 (UTC)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "of another type";
    }
}
