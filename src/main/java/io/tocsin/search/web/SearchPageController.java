package io.tocsin.search.web;

import java.util.Locale;
import java.util.regex.Pattern;

import io.tocsin.identity.Role;
import io.tocsin.incidents.Incidents;
import io.tocsin.search.SimilarIncidents;
import io.tocsin.search.internal.SearchService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The top bar's search (an incident key opens the incident, anything else the results) and the incident page's
 * "similar past incidents" box, loaded by htmx and reloaded whenever the incident changes (issue 18).
 */
@Controller
class SearchPageController {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*-\\d+");

    private final SearchService search;
    private final SimilarIncidents similar;
    private final Incidents incidents;

    SearchPageController(SearchService search, SimilarIncidents similar, Incidents incidents) {
        this.search = search;
        this.similar = similar;
        this.incidents = incidents;
    }

    @GetMapping("/search")
    String search(@RequestParam(required = false) String q, Model model) {
        var query = q == null ? "" : q.strip();
        if (query.length() > SearchApiController.MAX_QUERY) {
            query = query.substring(0, SearchApiController.MAX_QUERY);
        }
        if (KEY.matcher(query).matches()) {
            var incident = incidents.find(query.toUpperCase(Locale.ROOT));
            if (incident.isPresent()) {
                return "redirect:/incidents/" + incident.get().key();
            }
        }
        model.addAttribute("q", query);
        model.addAttribute("results", search.search(query, SearchApiController.role(), 50));
        return "search/results";
    }

    @GetMapping("/search/similar/{key}")
    String similar(@PathVariable String key, Model model) {
        var incident = incidents.get(key);
        model.addAttribute("key", incident.key());
        model.addAttribute("similar", similar.findFor(incident.id(), 5));
        model.addAttribute("canAsk", SearchApiController.role() != Role.STAKEHOLDER
                && incident.status() != io.tocsin.incidents.IncidentStatus.CLOSED);
        model.addAttribute("helperRole", io.tocsin.incidents.BuiltInRole.SUBJECT_MATTER_EXPERT.code());
        return "search/similar-panel :: content";
    }
}
