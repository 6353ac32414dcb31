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

    /**
     * An item; {@code sender} says, for an integration or heartbeat, what to paste into the sender (issue 20
     * point 2); {@code preview}, for a policy, its source rules next to Tocsin's escalation preview (point 4).
     */
    public record Item(String kind, String sourceId, String name, Action action, Fidelity fidelity,
            List<String> reasons, UUID tocsinId, Sender sender, PolicyPreview preview) {

        public Item {
            reasons = List.copyOf(reasons);
        }

        public Item(String kind, String sourceId, String name, Action action, Fidelity fidelity, List<String> reasons,
                UUID tocsinId) {
            this(kind, sourceId, name, action, fidelity, reasons, tocsinId, null, null);
        }

        public Item(String kind, String sourceId, String name, Action action, Fidelity fidelity, List<String> reasons,
                UUID tocsinId, Sender sender) {
            this(kind, sourceId, name, action, fidelity, reasons, tocsinId, sender, null);
        }
    }

    /**
     * A policy as the source runs it (its rules, each starting so many minutes after the alert, and how often the
     * whole policy repeats) next to Tocsin's "if this fired now" preview of the imported policy, for one round
     * in which nobody answers, and its repeat count.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ImportPolicyPreview")
    public record PolicyPreview(List<MappedPolicy.SourceStep> source, long sourceRepeats,
            List<io.tocsin.escalation.PolicyImport.PreviewLevel> tocsin, int tocsinRepeats) {

        public PolicyPreview {
            source = List.copyOf(source);
            tocsin = List.copyOf(tocsin);
        }
    }

    /**
     * What a sender is given: the URL it sends to (a heartbeat's ping URL carries its secret token) and the key to
     * send ({@code key} null: it keeps its own, or the key was shown when it was made; {@code keyHint} its last
     * characters). Both secrets are shown in this answer only, never stored in clear text or shown again.
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "ImportSender")
    public record Sender(String url, String key, String keyHint, String note) {
    }

    public long count(Action action) {
        return items.stream().filter(i -> i.action() == action).count();
    }

    /** True when the import wrote nothing (a second import of an unchanged source). */
    public boolean changedNothing() {
        return items.stream().allMatch(i -> i.action() == Action.UNCHANGED || i.action() == Action.SKIP);
    }
}
