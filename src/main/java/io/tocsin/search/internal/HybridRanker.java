package io.tocsin.search.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.tocsin.search.SimilarityReason;

/**
 * Fuses the two rankings of past incidents (issue 18 point 2): reciprocal rank fusion of BM25 and embedding
 * ranks, {@code 1/(k + rank)} summed over the lists a candidate is in, plus a boost for the same service and one
 * for a shared alert source. Pure: the table test ({@code HybridRankerTest}) and the quality test drive it directly.
 */
final class HybridRanker {

    /** Which rankings count; the quality test compares all three. */
    enum Mode {
        HYBRID, LEXICAL, VECTOR
    }

    /**
     * RRF's k (60, as in Cormack et al.), the boosts, and the rank up to which a list says "similar text". The
     * boosts are small against RRF's 1/61 for a first place: a shared service or source tips near ties, it does not
     * lift an unrelated incident (several root causes share a service). Chosen on the labelled set.
     */
    record Weights(int k, double sharedService, double sameSource, int similarTextRank) {
        static final Weights DEFAULT = new Weights(60, 0.002, 0.002, 10);
    }

    /** The incident asked about: its service and alert sources. */
    record Query(UUID serviceId, Set<String> sources) {
    }

    record Ranked(UUID incidentId, double score, Set<SimilarityReason> reasons) {
    }

    private HybridRanker() {
    }

    static List<Ranked> rank(Query query, List<LuceneIndex.Neighbour> lexical, List<LuceneIndex.Neighbour> vector,
            Mode mode, Weights w, int limit) {
        var facts = new LinkedHashMap<UUID, LuceneIndex.Neighbour>();
        var scores = new HashMap<UUID, Double>();
        var textual = new HashMap<UUID, Boolean>();
        if (mode != Mode.VECTOR) {
            add(lexical, w, facts, scores, textual);
        }
        if (mode != Mode.LEXICAL) {
            add(vector, w, facts, scores, textual);
        }
        var out = new ArrayList<Ranked>();
        for (var e : facts.entrySet()) {
            var n = e.getValue();
            var reasons = EnumSet.noneOf(SimilarityReason.class);
            double score = scores.get(e.getKey());
            boolean sameService = query.serviceId() != null && query.serviceId().equals(n.serviceId());
            boolean sameSource = n.sources().stream().anyMatch(query.sources()::contains);
            if (sameService) {
                reasons.add(SimilarityReason.SHARED_SERVICE);
            }
            if (sameSource) {
                reasons.add(SimilarityReason.SAME_ALERT_SOURCE);
            }
            if (textual.getOrDefault(e.getKey(), false)) {
                reasons.add(SimilarityReason.SIMILAR_TEXT);
            }
            if (mode == Mode.HYBRID) {
                score += (sameService ? w.sharedService() : 0) + (sameSource ? w.sameSource() : 0);
            }
            out.add(new Ranked(e.getKey(), score, reasons));
        }
        out.sort(Comparator.comparingDouble(Ranked::score).reversed().thenComparing(r -> r.incidentId().toString()));
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    private static void add(List<LuceneIndex.Neighbour> list, Weights w, Map<UUID, LuceneIndex.Neighbour> facts,
            Map<UUID, Double> scores, Map<UUID, Boolean> textual) {
        for (int i = 0; i < list.size(); i++) {
            var n = list.get(i);
            int rank = i + 1;
            facts.putIfAbsent(n.incidentId(), n);
            scores.merge(n.incidentId(), 1.0 / (w.k() + rank), Double::sum);
            if (rank <= w.similarTextRank()) {
                textual.put(n.incidentId(), true);
            }
        }
    }
}
