package io.tocsin.shared;

import java.util.Map;

/**
 * A request that cannot be applied to the current state (an illegal workflow transition, a duplicate name, an
 * edit based on a stale version). Answered with 409; {@code details} become extension members of the problem.
 */
public class ConflictException extends RuntimeException {

    private final String type;
    private final Map<String, Object> details;

    public ConflictException(String type, String message, Map<String, Object> details) {
        super(message);
        this.type = type;
        this.details = Map.copyOf(details);
    }

    public ConflictException(String type, String message) {
        this(type, message, Map.of());
    }

    /** A short slug naming the kind of conflict, used in the problem's {@code type} URI. */
    public String type() {
        return type;
    }

    public Map<String, Object> details() {
        return details;
    }
}
