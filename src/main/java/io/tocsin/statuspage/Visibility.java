package io.tocsin.statuspage;

/** Who may read a page: anyone, or only signed-in people (optionally only those of some e-mail domains). */
public enum Visibility {
    PUBLIC, PRIVATE
}
