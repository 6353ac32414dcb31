package io.tocsin.identity;

/**
 * What an API token may do, within its owner's role (a scope never adds rights the person lacks). Every scope may
 * read; {@link #READ_ONLY} may only read. Which writes each scope covers is declared next to each rule of the
 * permission matrix (docs/permissions.md).
 */
public enum TokenScope {
    /** Reads only. */
    READ_ONLY,
    /** Declares and works incidents. */
    INCIDENTS,
    /** Works alerts and pages (acknowledge, resolve, promote). */
    ALERTS,
    /** Schedules, overrides, shifts, cover requests. */
    ON_CALL,
    /** Everything the owner's role allows. */
    ADMIN
}
