package io.tocsin.search.internal;

/** For benchmarks outside the search module: this JVM's embedding model, loaded now. */
public final class EmbeddingModel {

    private EmbeddingModel() {
    }

    /**
     * Loads the model and waits for it. The test configuration loads it lazily, at the first incident indexed; a
     * server loads it in the background at start ({@code tocsin.search.embeddings: background}).
     */
    public static void load() {
        new MiniLmEmbedder().embed("warm up");
    }
}
