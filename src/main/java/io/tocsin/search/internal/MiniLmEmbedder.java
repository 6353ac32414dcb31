package io.tocsin.search.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * all-MiniLM-L6-v2 (sentence-transformers, 384 dimensions) through ONNX runtime in this JVM: no network, no GPU.
 * The model (90 MB, inside its Maven jar) is loaded once, on a background thread, never on the start-up path:
 * {@link #startLoading()} is called when the application is ready; {@link #embed} waits for it if needed. The
 * loaded model is shared by every instance in the JVM.
 *
 * <p>The ONNX session runs each inference on the calling thread alone, without spinning. ONNX runtime's default is a
 * pool of one thread per core whose threads spin while they wait for work: on a 2-core server that pool took as
 * much CPU as the indexer itself while alerts were arriving, and it took it from paging (EscalationBenchmark prints
 * the CPU per thread). The indexer embeds in the background, so it can wait; an incident page's similarity query
 * costs a few milliseconds more.
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
                var loaded = singleThreaded();
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

    private static final String MODEL = "all-minilm-l6-v2.onnx";
    private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
    private static final int DIMENSIONS = 384;

    /** The model of langchain4j's {@code AllMiniLmL6V2EmbeddingModel} (same files, same pooling), in our session. */
    static EmbeddingModel singleThreaded() {
        var loader = MiniLmEmbedder.class.getClassLoader();
        try (var modelStream = loader.getResourceAsStream(MODEL);
                var tokenizer = loader.getResourceAsStream(TOKENIZER);
                var options = new OrtSession.SessionOptions()) {
            if (modelStream == null || tokenizer == null) {
                throw new IllegalStateException(MODEL + " or " + TOKENIZER + " is not on the class path");
            }
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            var environment = OrtEnvironment.getEnvironment();
            var session = environment.createSession(modelStream.readAllBytes(), options);
            var encoder = new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN);
            return new SingleThreadedModel(encoder);
        } catch (java.io.IOException | OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + MODEL, e);
        }
    }

    /** embedAll of several texts would use an executor; one on the calling thread keeps the rule above. */
    private static final class SingleThreadedModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder encoder;

        SingleThreadedModel(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
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
