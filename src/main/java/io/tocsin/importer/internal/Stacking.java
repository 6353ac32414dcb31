package io.tocsin.importer.internal;

import java.time.Instant;
import java.util.List;

import io.tocsin.oncall.planning.Rotation;

/** What both vendors' layered rotations share once stacked lowest first: how an end can be expressed. */
public final class Stacking {

    /** A rotation stacked as a Tocsin layer, with the end the source gave it (null: none). */
    public record Stacked(String name, Instant end, Rotation rotation) {
    }

    private Stacking() {
    }

    /**
     * Tocsin layers do not end. An ending one still maps exactly when a layer above it without restrictions and
     * without an end starts by its end: that one covers every instant after. Otherwise the reason is added.
     */
    public static void endings(List<Stacked> stacked, String noun, List<String> reasons) {
        for (int i = 0; i < stacked.size(); i++) {
            Stacked s = stacked.get(i);
            if (s.end() == null) {
                continue;
            }
            boolean covered = false;
            for (int j = i + 1; j < stacked.size() && !covered; j++) {
                Stacked higher = stacked.get(j);
                covered = higher.end() == null && higher.rotation().restrictions().isEmpty()
                        && !higher.rotation().startsAt().isAfter(s.end());
            }
            if (!covered) {
                reasons.add(noun + " '" + s.name() + "' ends on " + s.end() + "; Tocsin layers do not end, so it"
                        + " stays on call after that");
            }
        }
    }
}
