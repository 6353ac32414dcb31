package io.tocsin.search.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tocsin.identity.Role;
import io.tocsin.incidents.IncidentRoles;
import io.tocsin.incidents.Incidents;
import io.tocsin.learning.ProblemStatus;
import io.tocsin.learning.Problems;
import io.tocsin.search.SimilarIncident;
import io.tocsin.search.SimilarIncidents;
import io.tocsin.search.SimilarityReason;
import org.springframework.stereotype.Service;

/** Answers searches and similar-incident questions from this node's index (issue 18 points 1 and 2). */
@Service
public class SearchService implements SimilarIncidents {

    static final int MAX_LIMIT = 100;
    private static final int NEIGHBOURS = 50;

    private final SearchIndexer indexer;
    private final IncidentReader reader;
    private final Incidents incidents;
    private final Problems problems;
    private final IncidentRoles roles;

    SearchService(SearchIndexer indexer, IncidentReader reader, Incidents incidents, Problems problems,
            IncidentRoles roles) {
        this.indexer = indexer;
        this.reader = reader;
        this.incidents = incidents;
        this.problems = problems;
        this.roles = roles;
    }

    /** One search hit for the API and the results page. */
    public record Result(String type, String key, String title, String url, java.time.Instant at, String snippet,
            float score) {
    }

    /**
     * Searches what {@code role} may read: stakeholders never match or see personal contact data (e-mail
     * addresses, phone numbers), which members and administrators can search for.
     */
    public List<Result> search(String q, Role role, int limit) {
        if (q == null || q.isBlank()) {
            return List.of();
        }
        boolean contacts = role == Role.ADMIN || role == Role.RESPONDER;
        return indexer.index().search(q.strip(), contacts, Math.max(1, Math.min(limit, MAX_LIMIT))).stream()
                .map(h -> new Result(h.type().name().toLowerCase(Locale.ROOT), h.key(), h.title(), h.url(), h.at(),
                        h.snippet(), h.score()))
                .toList();
    }

    @Override
    public List<SimilarIncident> findFor(UUID incidentId, int limit) {
        var read = reader.read(incidentId).orElse(null);
        if (read == null) {
            return List.of();
        }
        var ranked = rank(read.profile(), HybridRanker.Mode.HYBRID, Math.max(1, Math.min(limit, 20)));
        var out = new ArrayList<SimilarIncident>();
        for (var r : ranked) {
            incidents.find(r.incidentId()).ifPresent(past -> out.add(describe(past, r)));
        }
        return out;
    }

    /** The hybrid ranking for an incident's current profile (read fresh from the database, not the index). */
    List<HybridRanker.Ranked> rank(IncidentProfile profile, HybridRanker.Mode mode, int limit) {
        var index = indexer.index();
        var lexical = index.lexicalNeighbours(profile.summary() + "\n" + profile.text(), profile.incidentId(), NEIGHBOURS);
        List<LuceneIndex.Neighbour> vector = List.of();
        var embedder = indexer.embedder();
        if (indexer.embeddingsOn() && embedder.ready()) {
            var stored = index.profile(profile.incidentId()).orElse(null);
            var text = profile.embeddingText();
            var v = stored != null && stored.vector() != null && SearchIndexer.hash(text).equals(stored.hash())
                    ? stored.vector() : embedder.embed(text);
            vector = index.vectorNeighbours(v, profile.incidentId(), NEIGHBOURS);
        }
        return HybridRanker.rank(new HybridRanker.Query(profile.serviceId(), profile.alertSources()), lexical, vector,
                mode, HybridRanker.Weights.DEFAULT, limit);
    }

    private SimilarIncident describe(io.tocsin.incidents.Incident past, HybridRanker.Ranked r) {
        var fixes = problems.forIncident(past.id()).stream()
                .map(p -> new SimilarIncident.KnownFix(p.key(), p.title(), p.status().name(),
                        p.status() == ProblemStatus.KNOWN_ERROR, blankToNull(p.workaround())))
                .toList();
        var helpers = new LinkedHashMap<UUID, SimilarIncident.Helper>();
        var resolution = reader.resolution(past.id());
        resolution.resolver().ifPresent(a -> helpers.put(a.userId(), new SimilarIncident.Helper(a.userId(), a.name(),
                new ArrayList<>(List.of("resolved")))));
        for (var a : roles.history(past.id())) {
            helpers.computeIfAbsent(a.userId(), id -> new SimilarIncident.Helper(id, a.userName(), new ArrayList<>()))
                    .did().add(a.roleCode());
        }
        var helperList = helpers.values().stream()
                .map(h -> new SimilarIncident.Helper(h.userId(), h.name(), h.did().stream().distinct().toList()))
                .limit(5).toList();
        return new SimilarIncident(past.id(), past.key(), past.summary(), past.status().name(), past.declaredAt(),
                past.resolvedAt(), r.score(), r.reasons().isEmpty() ? java.util.Set.of(SimilarityReason.SIMILAR_TEXT)
                : r.reasons(), resolution.reason(), fixes, helperList);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
