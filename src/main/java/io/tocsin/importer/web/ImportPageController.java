package io.tocsin.importer.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.importer.ImportSource;
import io.tocsin.importer.internal.Importer;
import io.tocsin.importer.internal.SourceException;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The import page (administrators, issue 20): paste a key, see the dry run, import, compare. The key is only
 * passed on to the source and never stored or shown again.
 */
@Controller
class ImportPageController {

    private final Importer importer;
    private final Identity identity;

    ImportPageController(Importer importer, Identity identity) {
        this.importer = importer;
        this.identity = identity;
    }

    @Bean
    static NavigationItem importNavigation() {
        return new NavigationItem(Section.ADMINISTRATION, "nav.import", "/admin/import", 40, "ADMIN");
    }

    @GetMapping("/admin/import")
    String page(Model model) {
        model.addAttribute("sources", ImportSource.values());
        model.addAttribute("source", ImportSource.OPSGENIE);
        model.addAttribute("errors", Map.of());
        return "importer/import";
    }

    @PostMapping("/admin/import")
    String post(@RequestParam(required = false) String source, @RequestParam(required = false) String apiKey,
            @RequestParam(required = false) String exportDirectory,
            @RequestParam(defaultValue = "dry-run") String step, @RequestParam(required = false) String from,
            Model model, HttpServletResponse response) {
        model.addAttribute("sources", ImportSource.values());
        model.addAttribute("errors", Map.of());
        // The report may show an integration key or a heartbeat's ping URL once: never cached.
        response.setHeader("Cache-Control", "no-store");
        try {
            ImportSource chosen = source(source);
            model.addAttribute("source", chosen);
            switch (step) {
                case "import" -> model.addAttribute("report", importer.run(chosen, apiKey, exportDirectory, false));
                case "check" -> model.addAttribute("check", importer.check(chosen, apiKey, from(from), null));
                default -> model.addAttribute("report", importer.run(chosen, apiKey, exportDirectory, true));
            }
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("errors", e.byField());
        } catch (SourceException e) {
            response.setStatus(e.field() != null ? 422 : 424);
            model.addAttribute("errors", Map.of(e.field() != null ? e.field() : "source", e.getMessage()));
        } catch (ConflictException e) {
            response.setStatus(409);
            model.addAttribute("errors", Map.of("source", e.getMessage() + "; nothing was imported"));
        }
        return "importer/import";
    }

    private static ImportSource source(String source) {
        try {
            return ImportSource.valueOf(String.valueOf(source));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("source", "OPSGENIE or PAGERDUTY");
        }
    }

    /** "From" is a local date-time in the viewer's zone (a datetime-local field); empty means now. */
    private Instant from(String from) {
        if (from == null || from.isBlank()) {
            return null;
        }
        try {
            ZoneId zone = CurrentActor.get().isSystem() ? ZoneId.of("UTC")
                    : identity.findUser(CurrentActor.get().userId()).map(u -> u.zone()).orElse(ZoneId.of("UTC"));
            return LocalDateTime.parse(from).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("from", "a date and time such as 2027-03-01T00:00");
        }
    }
}
