package io.tocsin.search.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 (sentence-transformers, 384 dimensions) through ONNX runtime in this JVM: no network, no GPU.
 * The model (90 MB, inside its Maven jar) is loaded once, on a background thread, never on the start-up path:
 * {@link #startLoading()} is called when the application is ready; {@link #embed} waits for it if needed. The
 * loaded model is shared by every instance in the JVM.
 */
final class MiniLmEmbedder implements TextEmbedder {

    private static final Logger log = LoggerFactory.getLogger(MiniLmEmbedder.class);

    // One model per JVM: it is immutable and thread-safe, and several application contexts in one JVM (the tests'
    // restarted and second nodes) need not hold 90 MB each.
    private static final CompletableFuture<EmbeddingModel> model = new CompletableFuture<>();
    private static final AtomicBoolean started = new AtomicBoolean();

    /** Starts loading on a background thread; returns at once. Idempotent. */
    void startLoading() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        Thread.ofPlatform().name("search-embedding-model").daemon().start(() -> {
            long start = System.nanoTime();
            try {
                var loaded = new AllMiniLmL6V2EmbeddingModel();
                loaded.embed("warm up"); // the first inference initialises the ONNX session's kernels
                log.info("Search: embedding model all-MiniLM-L6-v2 loaded in {} ms",
                        Duration.ofNanos(System.nanoTime() - start).toMillis());
                model.complete(loaded);
            } catch (RuntimeException | LinkageError e) {
                log.error("Search: the embedding model could not be loaded; similar incidents use words only", e);
                model.completeExceptionally(e);
            }
        });
    }

    @Override
    public float[] embed(String text) {
        startLoading();
        return model.join().embed(text).content().vector();
    }

    @Override
    public boolean ready() {
        return model.isDone() && !model.isCompletedExceptionally();
    }
}
