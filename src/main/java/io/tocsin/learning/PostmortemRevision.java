package io.tocsin.learning;

import java.time.Instant;

import org.springframework.data.relational.core.mapping.Table;

/** A published state of a postmortem, kept as Markdown when it is published, so revising keeps the history. */
@Table("postmortem_revision")
public record PostmortemRevision(int number, Instant publishedAt, String publishedBy, String markdown) {
}
