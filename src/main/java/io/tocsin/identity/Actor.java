package io.tocsin.identity;

import java.util.UUID;

/** Who did something: a person, or Tocsin itself for automatic decisions. */
public record Actor(UUID userId, String name) {

    public static final Actor SYSTEM = new Actor(null, "Tocsin");

    public boolean isSystem() {
        return userId == null;
    }
}
