package io.tocsin.comms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks an update for completeness before it goes out (R23). It warns, it does not forbid: early in an incident
 * much is unknown, and the handbook asks to say so rather than to stay silent. Which questions apply depends on the
 * kind: a first message needs the impact; a follow-up answers all five in its fixed shape; a final message states
 * impact, how many were affected and the cause, and promises no further updates.
 */
public final class UpdateChecklist {

    public static final int MIN_BULLETS = 2;
    public static final int MAX_BULLETS = 4;

    private UpdateChecklist() {
    }

    /** {@code nextUpdateAt} is the time the update will announce (after the cadence default was applied). */
    public static List<ChecklistGap> check(UpdateDraft draft, Instant nextUpdateAt) {
        var gaps = new ArrayList<ChecklistGap>();
        var kind = draft.kind() == null ? UpdateKind.FOLLOW_UP : draft.kind();
        if (blank(draft.customerImpact())) {
            gaps.add(ChecklistGap.CUSTOMER_IMPACT);
        }
        if (kind == UpdateKind.INITIAL) {
            return gaps;
        }
        if (blank(draft.affected())) {
            gaps.add(ChecklistGap.AFFECTED);
        }
        if (blank(draft.rootCause())) {
            gaps.add(ChecklistGap.ROOT_CAUSE);
        }
        if (kind == UpdateKind.FINAL) {
            return gaps;
        }
        if (blank(draft.expectedRecovery())) {
            gaps.add(ChecklistGap.EXPECTED_RECOVERY);
        }
        if (nextUpdateAt == null) {
            gaps.add(ChecklistGap.NEXT_UPDATE);
        }
        if (draft.currentStatus().size() < MIN_BULLETS) {
            gaps.add(ChecklistGap.CURRENT_STATUS_SHAPE);
        }
        if (draft.nextSteps().size() < MIN_BULLETS) {
            gaps.add(ChecklistGap.NEXT_STEPS_SHAPE);
        }
        return gaps;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
