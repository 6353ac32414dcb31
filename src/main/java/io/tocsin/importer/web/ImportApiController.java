package io.tocsin.importer.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.importer.ImportSource;
import io.tocsin.importer.internal.CheckReport;
import io.tocsin.importer.internal.ImportReport;
import io.tocsin.importer.internal.Importer;
import io.tocsin.importer.internal.LinkStore;
import io.tocsin.importer.internal.SourceException;
import io.tocsin.shared.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Import from Opsgenie or PagerDuty, scriptable (issue 20, administrators only): a dry run, the import, the
 * equivalence check, and what earlier imports made.
 */
@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Import", description = "Import people, schedules and escalation policies from Opsgenie or PagerDuty"
        + " (administrators)")
class ImportApiController {

    private final Importer importer;
    private final LinkStore links;

    ImportApiController(Importer importer, LinkStore links) {
        this.importer = importer;
        this.links = links;
    }

    /**
     * {@code dryRun} defaults to true: nothing is written unless asked for. {@code exportDirectory}, instead of
     * {@code apiKey}: an Opsgenie JSON export directory below the operator's {@code tocsin.importer.export-root}.
     */
    @Schema(name = "ImportRequest")
    record ImportRequest(ImportSource source, String apiKey, String exportDirectory, Boolean dryRun) {
    }

    @Schema(name = "ImportCheckRequest")
    record CheckRequest(ImportSource source, String apiKey, Instant from, Integer weeks) {
    }

    record LinkView(String kind, String sourceId, String name, String tocsinId, String fidelity,
            List<String> reasons) {
    }

    @PostMapping
    @Operation(summary = "Import (or with dryRun, the default, show what an import would do)")
    ResponseEntity<ImportReport> run(@RequestBody ImportRequest request) {
        // The report may hold an integration key or a heartbeat's ping URL, shown this once: never cached.
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(translated(() -> importer.run(
                request.source(), request.apiKey(), request.exportDirectory(),
                request.dryRun() == null || request.dryRun())));
    }

    @PostMapping("/check")
    @Operation(summary = "Compare who is on call per the source and per Tocsin every 15 minutes for 8 weeks")
    CheckReport check(@RequestBody CheckRequest request) {
        return translated(() -> importer.check(request.source(), request.apiKey(), request.from(),
                request.weeks()));
    }

    @GetMapping("/links")
    @Operation(summary = "What earlier imports from the source made, by source id")
    List<LinkView> links(@RequestParam ImportSource source) {
        return java.util.Arrays.stream(LinkStore.Kind.values()).flatMap(k -> links.all(source, k).stream())
                .map(l -> new LinkView(l.kind().name(), l.sourceId(), l.name(), l.tocsinId().toString(),
                        l.fidelity().name(), l.reasons())).toList();
    }

    /** A refused key is the caller's input at fault (422 naming {@code apiKey}). */
    private static <T> T translated(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (SourceException e) {
            if (e.field() != null) {
                throw new InvalidInputException(e.field(), e.getMessage());
            }
            throw e;
        }
    }

    /** The source failed (unreachable, rate limit that does not end, an error answer): 424, nothing written. */
    @ExceptionHandler(SourceException.class)
    ResponseEntity<ProblemDetail> sourceFailed(SourceException e) {
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.FAILED_DEPENDENCY, e.getMessage()
                + "; nothing was imported");
        problem.setType(URI.create("https://tocsin.io/problems/import-source-failed"));
        problem.setTitle("The source failed");
        if (e.status() > 0) {
            problem.setProperty("sourceStatus", e.status());
        }
        return ResponseEntity.status(HttpStatus.FAILED_DEPENDENCY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
