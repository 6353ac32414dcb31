package io.tocsin.comms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The completeness checklist of seed 003 (R23): impact, affected, root cause, recovery, next update; shape. */
class UpdateChecklistTest {

    private static final Instant NEXT = Instant.parse("2026-11-22T15:30:00Z");

    private static UpdateDraft draft(UpdateKind kind, String impact, String affected, String cause, String recovery,
            List<String> status, List<String> next) {
        return new UpdateDraft(UpdateAudience.INTERNAL, kind, "en", "Summary.", impact, affected, cause, recovery,
                status, next, null, null, List.of(), false);
    }

    @Test
    void aCompleteFollowUpHasNoGaps() {
        var d = draft(UpdateKind.FOLLOW_UP, "cannot pay", "all", "not known yet", "16:00", List.of("a", "b"),
                List.of("c", "d", "e"));
        assertThat(UpdateChecklist.check(d, NEXT)).isEmpty();
    }

    @Test
    void anEmptyFollowUpMissesEveryQuestionAndTheShape() {
        var d = draft(UpdateKind.FOLLOW_UP, " ", null, "", null, List.of("only one"), List.of());
        assertThat(UpdateChecklist.check(d, null)).containsExactly(ChecklistGap.CUSTOMER_IMPACT, ChecklistGap.AFFECTED,
                ChecklistGap.ROOT_CAUSE, ChecklistGap.EXPECTED_RECOVERY, ChecklistGap.NEXT_UPDATE,
                ChecklistGap.CURRENT_STATUS_SHAPE, ChecklistGap.NEXT_STEPS_SHAPE);
    }

    @Test
    void blankBulletsDoNotCount() {
        var d = draft(UpdateKind.FOLLOW_UP, "x", "x", "x", "x", java.util.Arrays.asList("a", " ", null), List.of("c", "d"));
        assertThat(UpdateChecklist.check(d, NEXT)).containsExactly(ChecklistGap.CURRENT_STATUS_SHAPE);
    }

    @Test
    void theFirstMessageOnlyNeedsTheImpact() {
        assertThat(UpdateChecklist.check(draft(UpdateKind.INITIAL, null, null, null, null, null, null), null))
                .containsExactly(ChecklistGap.CUSTOMER_IMPACT);
        assertThat(UpdateChecklist.check(draft(UpdateKind.INITIAL, "slow", null, null, null, null, null), null)).isEmpty();
    }

    @Test
    void theFinalMessageNeedsImpactAffectedAndCauseButNoNextUpdate() {
        assertThat(UpdateChecklist.check(draft(UpdateKind.FINAL, null, null, null, null, null, null), null))
                .containsExactly(ChecklistGap.CUSTOMER_IMPACT, ChecklistGap.AFFECTED, ChecklistGap.ROOT_CAUSE);
        assertThat(UpdateChecklist.check(draft(UpdateKind.FINAL, "x", "12 customers", "expired cert", null, null, null),
                null)).isEmpty();
    }
}
