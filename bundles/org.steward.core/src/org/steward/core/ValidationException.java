package org.steward.core;

import java.util.List;
import java.util.stream.Collectors;

/** Input was refused; every violation names the field and the reason. Nothing was written. */
public class ValidationException extends StewardException {

    private static final long serialVersionUID = 1L;

    private final List<Violation> violations;

    public ValidationException(String field, String reason) {
        this(List.of(new Violation(field, reason)));
    }

    public ValidationException(List<Violation> violations) {
        super(describe(violations));
        this.violations = List.copyOf(violations);
    }

    private static String describe(List<Violation> violations) {
        if (violations == null || violations.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one violation");
        }
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The first field at fault, for callers that show one message per form field. */
    public String field() {
        return violations.get(0).field();
    }

    @Override
    public String code() {
        return "validation";
    }
}
