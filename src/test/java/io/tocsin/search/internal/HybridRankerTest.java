package io.tocsin.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.tocsin.search.SimilarityReason;
import org.junit.jupiter.api.Test;

/** The hybrid ranking's table (issue 18 point 2, R32): fusion, boosts, reasons, modes. */
class HybridRankerTest {

    private static final UUID SERVICE = new UUID(1, 1);
    private static final UUID OTHER_SERVICE = new UUID(1, 2);
    private static final UUID A = new UUID(0, 1);
    private static final UUID B = new UUID(0, 2);
    private static final UUID C = new UUID(0, 3);
    private static final HybridRanker.Query QUERY = new HybridRanker.Query(SERVICE, Set.of("prometheus"));
    private static final HybridRanker.Weights W = HybridRanker.Weights.DEFAULT;

    private static LuceneIndex.Neighbour n(UUID id, UUID service, String... sources) {
        return new LuceneIndex.Neighbour(id, service, Set.of(sources), 1f);
    }

    @Test
    void table() {
        record Row(String what, List<LuceneIndex.Neighbour> lexical, List<LuceneIndex.Neighbour> vector,
                HybridRanker.Mode mode, List<UUID> expected) {
        }
        var a = n(A, OTHER_SERVICE);
        var b = n(B, OTHER_SERVICE);
        var c = n(C, SERVICE, "prometheus");
        var rows = List.of(
                new Row("in both lists beats first in one", List.of(a, b), List.of(b, n(new UUID(0, 9), OTHER_SERVICE)),
                        HybridRanker.Mode.HYBRID, List.of(B, A, new UUID(0, 9))),
                new Row("words only keeps BM25's order", List.of(a, b), List.of(b), HybridRanker.Mode.LEXICAL, List.of(A, B)),
                new Row("meaning only keeps the vectors' order", List.of(a), List.of(b, c), HybridRanker.Mode.VECTOR, List.of(B, C)),
                new Row("service and source tip a near tie", List.of(a, c), List.of(), HybridRanker.Mode.HYBRID, List.of(C, A)),
                new Row("found by both lists beats boosted but found by one", List.of(a, c), List.of(a), HybridRanker.Mode.HYBRID, List.of(A, C)),
                new Row("the boosts count only in hybrid", List.of(a, c), List.of(), HybridRanker.Mode.LEXICAL, List.of(A, C)),
                new Row("nothing found, nothing ranked", List.of(), List.of(), HybridRanker.Mode.HYBRID, List.of()));
        for (var row : rows) {
            var ranked = HybridRanker.rank(QUERY, row.lexical(), row.vector(), row.mode(), W, 5);
            assertThat(ranked.stream().map(HybridRanker.Ranked::incidentId).toList()).as(row.what()).isEqualTo(row.expected());
        }
    }

    @Test
    void reasonsSayWhy() {
        var ranked = HybridRanker.rank(QUERY, List.of(n(C, SERVICE, "prometheus")), List.of(), HybridRanker.Mode.HYBRID, W, 5);
        assertThat(ranked.getFirst().reasons()).containsExactlyInAnyOrder(SimilarityReason.SHARED_SERVICE,
                SimilarityReason.SAME_ALERT_SOURCE, SimilarityReason.SIMILAR_TEXT);
        var far = new java.util.ArrayList<LuceneIndex.Neighbour>();
        for (int i = 0; i < 12; i++) {
            far.add(n(new UUID(5, i), OTHER_SERVICE));
        }
        var deep = HybridRanker.rank(QUERY, far, List.of(), HybridRanker.Mode.HYBRID, W, 20);
        assertThat(deep.get(0).reasons()).containsExactly(SimilarityReason.SIMILAR_TEXT);
        assertThat(deep.get(11).reasons()).isEmpty(); // rank 12 of one list: found, but not "similar text"
        assertThat(HybridRanker.rank(QUERY, far, List.of(), HybridRanker.Mode.HYBRID, W, 5)).hasSize(5);
    }
}
