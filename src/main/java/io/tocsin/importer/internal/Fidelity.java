package io.tocsin.importer.internal;

/** How faithfully a source object maps onto Tocsin's model. */
public enum Fidelity {
    /** Tocsin behaves as the source does. */
    EXACT,
    /** Imported, but Tocsin behaves differently in the ways the reasons name. */
    APPROXIMATE,
    /** Not imported; the reasons say why. */
    UNMAPPABLE
}
