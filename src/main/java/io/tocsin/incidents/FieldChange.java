package io.tocsin.incidents;

/** One field of an incident that changed, with its old and new value as text. */
public record FieldChange(String field, String from, String to) {
}
