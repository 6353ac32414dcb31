package io.tocsin.shared;

import java.util.List;

/** Input that is well-formed but breaks a rule; answered with 422 (or 400) naming each field at fault. */
public class InvalidInputException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidInputException(List<FieldViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    /** The messages by field, several for one field joined, for forms that show them next to each field. */
    public java.util.Map<String, String> byField() {
        var map = new java.util.LinkedHashMap<String, String>();
        violations.forEach(v -> map.merge(v.field(), v.message(), (a, b) -> a + "; " + b));
        return map;
    }
}
