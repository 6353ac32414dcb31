package io.tocsin.learning;

import org.springframework.data.relational.core.mapping.Table;

/** A change (a ticket, pull request or change record) that fixes or works around a problem. */
@Table("problem_change")
public record LinkedChange(String reference) {
}
