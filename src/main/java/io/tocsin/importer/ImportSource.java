package io.tocsin.importer;

/** Where an import comes from. */
public enum ImportSource {
    OPSGENIE, PAGERDUTY
}
