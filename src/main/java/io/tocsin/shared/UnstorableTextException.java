package io.tocsin.shared;

import java.util.List;

/** Input carrying text that cannot be stored ({@link StorableText}); answered with 400 naming each field. */
public class UnstorableTextException extends RuntimeException {

    private final List<FieldViolation> violations;

    public UnstorableTextException(List<FieldViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b)
                .orElse("unstorable text"), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
