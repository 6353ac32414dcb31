package io.tocsin.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.security.access.AccessDeniedException;

/**
 * The postmortem aggregate alone (R28): which action is allowed in which state and what it leads to, and the
 * working-day count behind the default due date. Dense tables, no Spring.
 */
class PostmortemWorkflowTest {

    static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    static final UUID REVIEWER = UUID.randomUUID();

    /** A postmortem in {@code state}, with one reviewer and the required summary written or not. */
    static Postmortem in(String state, boolean written) {
        var sections = List.of(new PostmortemSection("summary", "Summary", "p", true, written ? "text" : null),
                new PostmortemSection("process", "Process", "p", false, null));
        var p = Postmortem.draft(new Postmortem.Draft(UUID.randomUUID(), "INC-1", UUID.randomUUID(), 2, null,
                LocalDate.of(2026, 12, 7), "en", sections, List.of(), Set.of(REVIEWER), "t"), NOW);
        if (!state.equals("DRAFT")) {
            p.requestReview(NOW);
        }
        if (state.equals("APPROVED") || state.equals("PUBLISHED")) {
            p.review(REVIEWER, ReviewDecision.APPROVE, null, NOW);
        }
        if (state.equals("PUBLISHED")) {
            p.publish(() -> "# md", "t", NOW);
        }
        return p;
    }

    @ParameterizedTest(name = "{0} (summary written: {1}) + {2} -> {3}")
    @CsvSource({
            // state,  written, action,          outcome
            "DRAFT,     false, write,            DRAFT",
            "DRAFT,     false, request-review,   IN_REVIEW",
            "DRAFT,     false, approve,          409",
            "DRAFT,     false, publish,          422",
            "DRAFT,     true,  publish,          409",
            "DRAFT,     true,  revise,           409",
            "IN_REVIEW, true,  write,            IN_REVIEW",
            "IN_REVIEW, true,  request-review,   409",
            "IN_REVIEW, true,  approve,          IN_REVIEW",
            "IN_REVIEW, true,  ask-changes,      DRAFT",
            "IN_REVIEW, true,  stranger-approves, 403",
            "IN_REVIEW, true,  publish,          409",
            "IN_REVIEW, false, publish,          422",
            "APPROVED,  true,  publish,          PUBLISHED",
            "APPROVED,  true,  write-then-publish, 409",
            "PUBLISHED, true,  write,            409",
            "PUBLISHED, true,  publish,          409",
            "PUBLISHED, true,  request-review,   409",
            "PUBLISHED, true,  revise,           DRAFT",
    })
    void transitions(String state, boolean written, String action, String outcome) {
        var p = in(state, written);
        Runnable run = switch (action) {
            case "write" -> () -> p.writeSection("process", "went well", NOW);
            case "request-review" -> () -> p.requestReview(NOW);
            case "approve" -> () -> p.review(REVIEWER, ReviewDecision.APPROVE, null, NOW);
            case "ask-changes" -> () -> p.review(REVIEWER, ReviewDecision.REQUEST_CHANGES, "more", NOW);
            case "stranger-approves" -> () -> p.review(UUID.randomUUID(), ReviewDecision.APPROVE, null, NOW);
            case "publish" -> () -> p.publish(() -> "# md", "t", NOW);
            case "write-then-publish" -> () -> {
                p.writeSection("process", "edited after approval", NOW);
                p.publish(() -> "# md", "t", NOW);
            };
            case "revise" -> () -> p.revise(NOW);
            default -> throw new IllegalArgumentException(action);
        };
        switch (outcome) {
            case "409" -> assertThatThrownBy(run::run).isInstanceOf(ConflictException.class);
            case "422" -> assertThatThrownBy(run::run).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("sections.summary");
            case "403" -> assertThatThrownBy(run::run).isInstanceOf(AccessDeniedException.class);
            default -> {
                run.run();
                assertThat(p.status()).isEqualTo(PostmortemStatus.valueOf(outcome));
            }
        }
        if (outcome.length() == 3) {
            assertThat(p.revision()).isEqualTo(state.equals("PUBLISHED") ? 1 : 0);
        }
    }

    @ParameterizedTest(name = "{0} + {1} working days = {2}")
    @CsvSource({
            "2026-11-30, 5, 2026-12-07", // Monday -> next Monday
            "2026-12-02, 5, 2026-12-09", // Wednesday -> next Wednesday
            "2026-12-04, 1, 2026-12-07", // Friday -> Monday
            "2026-12-05, 1, 2026-12-07", // Saturday -> Monday
            "2026-12-06, 5, 2026-12-11", // Sunday -> Friday
            "2026-12-04, 5, 2026-12-11", // Friday -> next Friday
            "2026-12-01, 10, 2026-12-15",
    })
    void workingDays(LocalDate from, int days, LocalDate expected) {
        var due = WorkingDays.after(from, days);
        assertThat(due).isEqualTo(expected);
        assertThat(due.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    }
}
