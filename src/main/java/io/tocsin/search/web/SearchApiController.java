package io.tocsin.search.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.incidents.Incidents;
import io.tocsin.search.SimilarIncident;
import io.tocsin.search.SimilarIncidents;
import io.tocsin.search.internal.SearchService;
import io.tocsin.shared.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Search and similar incidents over REST (issue 18 points 1 and 2, R32). Reading only. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Search", description = "Full-text search over incidents, timelines, updates, postmortems, problems and"
        + " alerts; similar past incidents with why, their fixes and who helped.")
class SearchApiController {

    static final int MAX_QUERY = 500;

    private final SearchService search;
    private final SimilarIncidents similar;
    private final Incidents incidents;

    SearchApiController(SearchService search, SimilarIncidents similar, Incidents incidents) {
        this.search = search;
        this.similar = similar;
        this.incidents = incidents;
    }

    @Schema(name = "SearchResults")
    record Results(String query, List<SearchService.Result> results) {
    }

    @Operation(summary = "Search", description = "Words in English or German (stemmed either way), \"phrases\","
            + " AND/OR/NOT, prefix*. Each result's snippet is HTML-escaped text with the matches in <mark>. Personal"
            + " contact data (e-mail addresses, phone numbers) is never in a snippet; members and administrators can"
            + " search for it, stakeholders cannot.")
    @GetMapping("/search")
    Results search(@RequestParam(required = false) String q, @RequestParam(defaultValue = "20") int limit) {
        if (q == null || q.isBlank()) {
            throw new InvalidInputException("q", "say what to search for");
        }
        if (q.length() > MAX_QUERY) {
            throw new InvalidInputException("q", "at most " + MAX_QUERY + " characters");
        }
        if (limit < 1 || limit > 100) {
            throw new InvalidInputException("limit", "between 1 and 100");
        }
        return new Results(q, search.search(q, role(), limit));
    }

    @Operation(summary = "Similar past incidents", description = "The most similar resolved or closed incidents,"
            + " best first: why (shared service, similar text, same alert source), how each was resolved, linked"
            + " problems and known errors with workarounds, and who helped.")
    @GetMapping("/incidents/{ref}/similar")
    List<SimilarIncident> similar(@PathVariable String ref, @RequestParam(defaultValue = "5") int limit) {
        if (limit < 1 || limit > 20) {
            throw new InvalidInputException("limit", "between 1 and 20");
        }
        return similar.findFor(incidents.get(ref).id(), limit);
    }

    static Role role() {
        return CurrentActor.principal().map(TocsinPrincipal::role).orElse(Role.STAKEHOLDER);
    }
}
