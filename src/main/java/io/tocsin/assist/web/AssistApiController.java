package io.tocsin.assist.web;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.assist.AssistException;
import io.tocsin.assist.DraftKind;
import io.tocsin.assist.internal.AssistCalls;
import io.tocsin.assist.internal.AssistSettingsStore;
import io.tocsin.assist.internal.Drafts;
import io.tocsin.comms.ChecklistGap;
import io.tocsin.comms.UpdateAudience;
import io.tocsin.comms.UpdateKind;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.identity.TocsinPrincipal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The assistant over REST (issue 18 points 3 and 4, R32). Settings and the call log are for administrators; the
 * drafts for members (responders). A draft is only ever returned: to send it, post it as an update (comms) or
 * write it into the postmortem (learning) like any other text.
 */
@RestController
@RequestMapping("/api/v1")
class AssistApiController {

    private final AssistSettingsStore settings;
    private final AssistCalls calls;
    private final Drafts drafts;

    AssistApiController(AssistSettingsStore settings, AssistCalls calls, Drafts drafts) {
        this.settings = settings;
        this.calls = calls;
        this.drafts = drafts;
    }

    @Schema(name = "AssistSettings", description = "The organisation's assistant settings; the key is never shown")
    record SettingsView(boolean enabled, String endpointUrl, String model, boolean apiKeySet, int callsPerHour,
            int timeoutSeconds, boolean logContent, int callsThisHour, Instant updatedAt) {
    }

    @Schema(name = "AssistSettingsChange", description = "Fields left out stay as they are; apiKey \"\" removes the key")
    record SettingsChange(Boolean enabled, String endpointUrl, String model, String apiKey, Integer callsPerHour,
            Integer timeoutSeconds, Boolean logContent) {
    }

    @Schema(name = "AssistDraftRequest")
    record DraftRequest(String language, UpdateAudience audience, UpdateKind kind) {
    }

    @Schema(name = "AssistCatchUp")
    record CatchUpView(String text, Drafts.Source source, String language) {
    }

    @Schema(name = "AssistUpdateDraft", description = "Fields of an update (as POST /incidents/{key}/updates takes"
            + " them) and the checklist's gaps; nothing has been sent")
    record UpdateDraftView(UpdateAudience audience, UpdateKind kind, String language, String summary,
            String customerImpact, String affected, String rootCause, String expectedRecovery, List<String> currentStatus,
            List<String> nextSteps, List<ChecklistGap> gaps) {
    }

    @Schema(name = "AssistSeveritySuggestion")
    record SeverityView(int severity, int currentSeverity, List<String> reasons) {
    }

    @Schema(name = "AssistPostmortemDraft", description = "Draft text by section code; nothing has been saved")
    record PostmortemDraftView(Map<String, String> sections) {
    }

    @Schema(name = "AssistCall")
    record CallView(UUID id, Instant calledAt, UUID userId, String userName, DraftKind kind, String incidentKey,
            String endpointUrl, String model, long durationMs, AssistCalls.Outcome outcome, Integer httpStatus,
            Integer promptTokens, Integer completionTokens, int redactions, String requestContent,
            String responseContent) {
    }

    @GetMapping("/assist/settings")
    SettingsView settings() {
        requireAdmin();
        return view(settings.current());
    }

    @PutMapping("/assist/settings")
    SettingsView change(@RequestBody SettingsChange body) {
        requireAdmin();
        return view(settings.update(new AssistSettingsStore.Change(body.enabled(), body.endpointUrl(), body.model(),
                body.apiKey(), body.callsPerHour(), body.timeoutSeconds(), body.logContent()),
                CurrentActor.get().userId()));
    }

    @GetMapping("/assist/calls")
    List<CallView> calls(@RequestParam(required = false) String incident,
            @RequestParam(defaultValue = "100") int limit) {
        requireAdmin();
        return calls.latest(Math.max(1, Math.min(limit, 1000)), incident).stream()
                .map(c -> new CallView(c.id(), c.calledAt(), c.userId(), c.userName(), c.kind(), c.incidentKey(),
                        c.endpointUrl(), c.model(), c.durationMs(), c.outcome(), c.httpStatus(), c.promptTokens(),
                        c.completionTokens(), c.redactions(), c.requestContent(), c.responseContent()))
                .toList();
    }

    @PostMapping("/incidents/{key}/assist/catch-up")
    CatchUpView catchUp(@PathVariable String key, @RequestBody(required = false) DraftRequest body) {
        var locale = locale(body);
        var c = drafts.catchUp(key, locale, zone());
        return new CatchUpView(c.text(), c.source(), c.language());
    }

    @PostMapping("/incidents/{key}/assist/update-draft")
    UpdateDraftView updateDraft(@PathVariable String key, @RequestBody(required = false) DraftRequest body) {
        var r = body == null ? new DraftRequest(null, null, null) : body;
        var d = drafts.update(key, r.audience(), r.kind(), r.language(), me().map(TocsinPrincipal::locale)
                .orElse(Locale.ENGLISH));
        var u = d.draft();
        return new UpdateDraftView(u.audience(), u.kind(), u.language(), u.summary(), u.customerImpact(), u.affected(),
                u.rootCause(), u.expectedRecovery(), u.currentStatus(), u.nextSteps(), d.gaps());
    }

    @PostMapping("/incidents/{key}/assist/severity")
    SeverityView severity(@PathVariable String key, @RequestBody(required = false) DraftRequest body) {
        var s = drafts.severity(key, locale(body));
        return new SeverityView(s.severity(), s.currentSeverity(), s.reasons());
    }

    @PostMapping("/incidents/{key}/assist/postmortem-draft")
    PostmortemDraftView postmortemDraft(@PathVariable String key) {
        return new PostmortemDraftView(drafts.postmortem(key).sections());
    }

    @ExceptionHandler(AssistException.class)
    ResponseEntity<ProblemDetail> refused(AssistException e) {
        var status = HttpStatus.valueOf(e.reason().status);
        var problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setType(URI.create("https://tocsin.io/problems/" + e.reason().type));
        problem.setTitle(switch (e.reason()) {
            case OFF -> "The assistant is off";
            case NO_ENDPOINT -> "No assistant endpoint";
            case OVER_BUDGET -> "Assistant budget used up";
            case TIMEOUT -> "Assistant endpoint timed out";
            case RATE_LIMITED -> "Assistant endpoint rate limited";
            case ENDPOINT_FAILED -> "Assistant endpoint failed";
        });
        var response = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfterSeconds() != null) {
            problem.setProperty("retryAfterSeconds", e.retryAfterSeconds());
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        }
        return response.body(problem);
    }

    private SettingsView view(AssistSettingsStore.Settings s) {
        return new SettingsView(s.enabled(), s.endpointUrl(), s.model(), s.apiKeySet(), s.callsPerHour(),
                s.timeoutSeconds(), s.logContent(), settings.callsThisHour(), s.updatedAt());
    }

    private static void requireAdmin() {
        if (me().map(p -> p.role() != Role.ADMIN).orElse(true)) {
            throw new AccessDeniedException("administrators only");
        }
    }

    private static java.util.Optional<TocsinPrincipal> me() {
        return CurrentActor.principal();
    }

    private static Locale locale(DraftRequest body) {
        var fallback = me().map(TocsinPrincipal::locale).orElse(Locale.ENGLISH);
        return body == null || body.language() == null || body.language().isBlank() ? Drafts.language(null, fallback)
                : Drafts.language(body.language(), fallback);
    }

    private static ZoneId zone() {
        return me().map(TocsinPrincipal::zone).orElse(ZoneId.of("UTC"));
    }
}
