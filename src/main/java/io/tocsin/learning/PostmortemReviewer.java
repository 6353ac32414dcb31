package io.tocsin.learning;

import java.time.Instant;
import java.util.UUID;

import org.springframework.data.relational.core.mapping.Table;

/** A reviewer of a postmortem and their decision on the current review round (null until they decide). */
@Table("postmortem_reviewer")
public record PostmortemReviewer(UUID userId, ReviewDecision decision, String comment, Instant decidedAt) {

    static PostmortemReviewer undecided(UUID userId) {
        return new PostmortemReviewer(userId, null, null, null);
    }
}
