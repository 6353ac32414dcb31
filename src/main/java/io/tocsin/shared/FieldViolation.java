package io.tocsin.shared;

/** One field at fault in a request, named by its JSON path (e.g. {@code serviceId}, {@code links[2].href}). */
public record FieldViolation(String field, String message) {
}
