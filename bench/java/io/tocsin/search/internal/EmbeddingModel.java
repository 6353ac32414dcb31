package io.tocsin.search.internal;

/** For benchmarks outside the search module: whether this JVM's embedding model has finished loading. */
public final class EmbeddingModel {

    private EmbeddingModel() {
    }

    public static boolean loaded() {
        return new MiniLmEmbedder().ready();
    }
}
