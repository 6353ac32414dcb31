package io.tocsin.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.tocsin.search.SimilaritySetGenerator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18 "Shown by", R32: on the checked-in labelled set (300 synthetic past incidents, 30 families, English and
 * German; {@link SimilaritySetGenerator}) one English and one German incident per family are held out and asked
 * for their five most similar past incidents; precision@5 is the share of those five from the same family,
 * averaged over the 60 held-out incidents. The same index, embedding model and ranker as production.
 */
class SimilarityQualityTest {

    private static final Map<String, SimilaritySetGenerator.Labelled> byId = new HashMap<>();
    private static final Map<UUID, SimilaritySetGenerator.Labelled> byUuid = new HashMap<>();
    private static final List<SimilaritySetGenerator.Labelled> heldOut = new ArrayList<>();
    private static final Map<String, float[]> vectors = new HashMap<>();
    private static LuceneIndex index;

    @BeforeAll
    static void indexThePastIncidents() throws IOException {
        var set = read();
        assertThat(set).hasSize(300);
        assertThat(set.stream().map(SimilaritySetGenerator.Labelled::family).distinct()).hasSize(30);
        assertThat(set).isEqualTo(SimilaritySetGenerator.generate()); // the checked-in file is what the generator makes
        var embedder = new MiniLmEmbedder();
        index = new LuceneIndex(new ByteBuffersDirectory());
        long start = System.nanoTime();
        for (var l : set) {
            byId.put(l.id(), l);
            byUuid.put(uuid(l), l);
            var profile = profile(l);
            vectors.put(l.id(), embedder.embed(profile.embeddingText()));
            boolean held = l.id().endsWith("-00") || l.id().endsWith("-01");
            if (held) {
                heldOut.add(l);
            } else {
                index.putIncident(profile, "h", vectors.get(l.id()), List.of());
            }
        }
        index.commit();
        System.out.printf("similarity set: %d incidents embedded and indexed in %d ms (model load included)%n",
                set.size(), (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void hybridFindsFourOfFiveFromTheSameFamily() {
        double hybrid = precisionAt5(HybridRanker.Mode.HYBRID);
        double lexical = precisionAt5(HybridRanker.Mode.LEXICAL);
        double vector = precisionAt5(HybridRanker.Mode.VECTOR);
        System.out.printf("precision@5 over %d held-out incidents: hybrid %.3f, Lucene (BM25) only %.3f, "
                + "embeddings only %.3f%n", heldOut.size(), hybrid, lexical, vector);
        assertThat(hybrid).isGreaterThanOrEqualTo(0.8);
        assertThat(hybrid).isGreaterThanOrEqualTo(Math.max(lexical, vector));
    }

    private double precisionAt5(HybridRanker.Mode mode) {
        return precisionAt5(mode, HybridRanker.Weights.DEFAULT);
    }

    private double precisionAt5(HybridRanker.Mode mode, HybridRanker.Weights weights) {
        double sum = 0;
        for (var q : heldOut) {
            var profile = profile(q);
            var lexical = index.lexicalNeighbours(profile.summary() + "\n" + profile.text(), null, 50);
            var vector = index.vectorNeighbours(vectors.get(q.id()), null, 50);
            var top = HybridRanker.rank(new HybridRanker.Query(profile.serviceId(), profile.alertSources()), lexical,
                    vector, mode, weights, 5);
            long same = top.stream().filter(r -> byUuid.get(r.incidentId()).family() == q.family()).count();
            sum += same / 5.0;
        }
        return sum / heldOut.size();
    }

    private static IncidentProfile profile(SimilaritySetGenerator.Labelled l) {
        return new IncidentProfile(uuid(l), l.id(), l.summary(), "RESOLVED", true,
                UUID.nameUUIDFromBytes(l.service().getBytes(StandardCharsets.UTF_8)), Set.of(l.source()), l.text(),
                null, Instant.EPOCH, Instant.EPOCH);
    }

    private static UUID uuid(SimilaritySetGenerator.Labelled l) {
        return UUID.nameUUIDFromBytes(l.id().getBytes(StandardCharsets.UTF_8));
    }

    private static List<SimilaritySetGenerator.Labelled> read() throws IOException {
        try (var in = Objects.requireNonNull(SimilarityQualityTest.class.getResourceAsStream("/search/similarity-set.tsv"))) {
            var lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            return lines.stream().map(line -> line.split("\t")).map(c -> new SimilaritySetGenerator.Labelled(c[0],
                    Integer.parseInt(c[1]), c[2], c[3], c[4], c[5], c[6])).toList();
        }
    }
}
