package io.tocsin.importer.internal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.importer.ImportSource;

/**
 * What an import did (or, in a dry run, would do): every source object with what became of it, how faithfully
 * it maps and why not exactly.
 */
public record ImportReport(ImportSource source, boolean dryRun, Instant asOf, List<Item> items) {

    public ImportReport {
        items = List.copyOf(items);
    }

    public enum Action {
        /** Made new in Tocsin. */
        CREATE,
        /** Taken as it is in Tocsin already (a person by e-mail, a team by name), and tagged with its source id. */
        MATCH,
        /** Made by an earlier import and changed at the source: brought up to date. */
        UPDATE,
        /** Made by an earlier import and unchanged: left alone. */
        UNCHANGED,
        /** Not imported; the reasons say why. */
        SKIP
    }

    public record Item(String kind, String sourceId, String name, Action action, Fidelity fidelity,
            List<String> reasons, UUID tocsinId) {

        public Item {
            reasons = List.copyOf(reasons);
        }
    }

    public long count(Action action) {
        return items.stream().filter(i -> i.action() == action).count();
    }

    /** True when the import wrote nothing (a second import of an unchanged source). */
    public boolean changedNothing() {
        return items.stream().allMatch(i -> i.action() == Action.UNCHANGED || i.action() == Action.SKIP);
    }
}
