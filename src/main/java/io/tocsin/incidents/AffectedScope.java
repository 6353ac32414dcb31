package io.tocsin.incidents;

/** How many customers are affected (assessment, R18). */
public enum AffectedScope {
    UNKNOWN, SOME, ALL, NUMBER
}
