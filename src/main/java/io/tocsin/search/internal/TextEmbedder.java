package io.tocsin.search.internal;

/** Turns a text into a unit vector of {@link LuceneIndex#DIMENSIONS} floats. */
interface TextEmbedder {

    float[] embed(String text);

    /** Whether {@link #embed} answers now rather than waiting for the model to load. */
    boolean ready();
}
