package io.tocsin.shared;

import java.util.function.BooleanSupplier;

/**
 * One item of the administrators' "Getting started" checklist (issue 13). Modules contribute them as beans, each
 * about what it owns; the checklist ticks an item as soon as {@link #done()} says so, asked afresh on every view.
 * {@code labelKey} and {@code hintKey} are message keys, {@code path} is where the administrator does it.
 */
public interface SetupStep {

    /** Smaller first. */
    int order();

    String labelKey();

    String hintKey();

    String path();

    boolean done();

    static SetupStep of(int order, String labelKey, String hintKey, String path, BooleanSupplier done) {
        record Simple(int order, String labelKey, String hintKey, String path, BooleanSupplier check)
                implements SetupStep {
            @Override
            public boolean done() {
                return check.getAsBoolean();
            }
        }
        return new Simple(order, labelKey, hintKey, path, done);
    }
}
