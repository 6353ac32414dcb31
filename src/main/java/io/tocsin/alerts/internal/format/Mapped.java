package io.tocsin.alerts.internal.format;

import java.util.List;

/** What a mapper made of a payload: the value to ingest, or why the payload can never be accepted. */
public sealed interface Mapped<T> {

    record Accepted<T>(T value) implements Mapped<T> {
    }

    record Refused<T>(List<FieldError> errors) implements Mapped<T> {
        public Refused {
            errors = List.copyOf(errors);
        }
    }

    static <T> Mapped<T> of(T value, List<FieldError> errors) {
        return errors.isEmpty() ? new Accepted<>(value) : new Refused<>(errors);
    }
}
