package io.tocsin.notify;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a notification is about, as modules tell each other (issue 10: a type, not a string). {@link #code()} is
 * how it is stored and shown on the wire ({@code alert}, {@code incident}, {@code postmortem}).
 */
public enum SubjectType {
    ALERT, INCIDENT, POSTMORTEM;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a stored or submitted code; {@link IllegalArgumentException} for anything else. */
    @JsonCreator
    public static SubjectType of(String code) {
        if (code != null) {
            for (var type : values()) {
                if (type.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("unknown subject type: " + code);
    }

    @Override
    public String toString() {
        return code();
    }
}
