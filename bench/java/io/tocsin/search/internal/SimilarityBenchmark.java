package io.tocsin.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.tocsin.search.SimilaritySetGenerator;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 "Shown by": index 100,000 timeline entries and answer similarity queries; prints the index time and the
 * query p99. The production index on disk ({@code FSDirectory} in a temporary directory) with the production
 * embedding model: the entries belong to {@code tocsin.bench.search.incidents} incidents (default 1,000, 100 entries
 * each), every incident's profile is embedded once, as the indexer does. A query is what the incident page's box
 * costs: embed the incident's text, BM25 more-like-this, KNN over the vectors, fuse. Texts come from the labelled
 * set's phrasings with a random incident number mixed in, so documents differ.
 * <p>{@code ./mvnw verify -Pbench -Dtest=SimilarityBenchmark}</p>
 */
class SimilarityBenchmark {

    private static final int ENTRIES = 100_000;

    @Test
    void indexOneHundredThousandTimelineEntriesAndQuery() throws Exception {
        int incidents = Integer.getInteger("tocsin.bench.search.incidents", 1_000);
        int perIncident = ENTRIES / incidents;
        var phrases = SimilaritySetGenerator.generate();
        var random = new Random(18);
        var dir = Files.createTempDirectory("tocsin-search-bench");
        var embedder = new MiniLmEmbedder();
        long loadStart = System.nanoTime();
        embedder.embed("warm up");
        long loadMillis = (System.nanoTime() - loadStart) / 1_000_000;

        var profiles = new ArrayList<IncidentProfile>();
        long start = System.nanoTime();
        long embedNanos = 0;
        try (var index = new LuceneIndex(FSDirectory.open(dir))) {
            for (int i = 0; i < incidents; i++) {
                var base = phrases.get(random.nextInt(phrases.size()));
                var id = UUID.randomUUID();
                var docs = new ArrayList<SearchDocument>(perIncident);
                var text = new StringBuilder(base.text());
                for (int e = 0; e < perIncident; e++) {
                    var entry = phrases.get(random.nextInt(phrases.size())).text() + " (step " + e + " of INC-" + i + ")";
                    docs.add(new SearchDocument("timeline:" + i + "-" + e, SearchDocument.DocType.TIMELINE, id, "INC-" + i,
                            "INC-" + i + " · note", entry, "/incidents/INC-" + i, Instant.EPOCH, List.of()));
                    if (e < 3) {
                        text.append('\n').append(entry);
                    }
                }
                var profile = new IncidentProfile(id, "INC-" + i, base.summary() + " #" + i, "RESOLVED", true,
                        UUID.nameUUIDFromBytes(base.service().getBytes()), Set.of(base.source()), text.toString(), null,
                        Instant.EPOCH, Instant.EPOCH);
                long t = System.nanoTime();
                var vector = embedder.embed(profile.embeddingText());
                embedNanos += System.nanoTime() - t;
                index.putIncident(profile, SearchIndexer.hash(profile.embeddingText()), vector, docs);
                profiles.add(profile);
            }
            index.commit();
            long indexMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(index.documentCount()).isEqualTo(incidents * (perIncident + 1));

            int queries = 300;
            long[] full = new long[queries];
            long[] indexOnly = new long[queries];
            for (int q = 0; q < queries + 20; q++) {
                var asked = profiles.get(random.nextInt(profiles.size()));
                long t0 = System.nanoTime();
                var vector = embedder.embed(asked.embeddingText());
                long t1 = System.nanoTime();
                var lexical = index.lexicalNeighbours(asked.summary() + "\n" + asked.text(), asked.incidentId(), 50);
                var knn = index.vectorNeighbours(vector, asked.incidentId(), 50);
                var top = HybridRanker.rank(new HybridRanker.Query(asked.serviceId(), asked.alertSources()), lexical, knn,
                        HybridRanker.Mode.HYBRID, HybridRanker.Weights.DEFAULT, 5);
                long t2 = System.nanoTime();
                assertThat(top).hasSize(5);
                if (q >= 20) { // the first 20 warm up
                    full[q - 20] = t2 - t0;
                    indexOnly[q - 20] = t2 - t1;
                }
            }
            var search = index.search("certificate expired", false, 20);
            assertThat(search).isNotEmpty();
            System.out.printf("""
                    SimilarityBenchmark: %,d timeline entries in %,d incidents (+ one profile each) indexed in %,d ms \
                    (%,d ms of it embedding %,d profiles, %.1f ms each); model load %,d ms; index on disk %,d MB
                    SimilarityBenchmark: similarity query (embed + BM25 + KNN + fusion) p50 %.1f ms, p99 %.1f ms, \
                    max %.1f ms; without embedding the question p50 %.1f ms, p99 %.1f ms (%d queries)%n""",
                    incidents * perIncident, incidents, indexMillis, embedNanos / 1_000_000, incidents,
                    embedNanos / 1e6 / incidents, loadMillis, size(dir) / (1024 * 1024),
                    percentile(full, 50), percentile(full, 99), percentile(full, 100), percentile(indexOnly, 50),
                    percentile(indexOnly, 99), queries);
        }
    }

    private static double percentile(long[] nanos, int p) {
        var sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static long size(java.nio.file.Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
