package io.tocsin.oncall.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.identity.CurrentActor;
import io.tocsin.oncall.internal.FeedTokens;
import io.tocsin.oncall.internal.ScheduleDrafts.LayerDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.ScheduleDraft;
import io.tocsin.oncall.internal.Schedules;
import io.tocsin.oncall.web.OnCallViews.CoverRequestView;
import io.tocsin.oncall.web.OnCallViews.GapView;
import io.tocsin.oncall.web.OnCallViews.OnCallView;
import io.tocsin.oncall.web.OnCallViews.OverrideView;
import io.tocsin.oncall.web.OnCallViews.PlanView;
import io.tocsin.oncall.web.OnCallViews.ScheduleView;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.Versions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "On-call", description = "Schedules, layers, overrides, cover requests, who is on call, calendar feeds")
class ScheduleApiController {

    static final Duration DEFAULT_RANGE = Duration.ofDays(14);

    private final Schedules schedules;
    private final FeedTokens feedTokens;
    private final OnCallViews views;
    private final Clock clock;
    private final String baseUrl;

    ScheduleApiController(Schedules schedules, FeedTokens feedTokens, OnCallViews views, Clock clock,
            @Value("${tocsin.base-url}") String baseUrl) {
        this.schedules = schedules;
        this.feedTokens = feedTokens;
        this.views = views;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    record ScheduleBody(UUID teamId, String name, @Size(max = 4000) String description, String timeZone,
            List<LayerDraft> layers, Long version) {
        ScheduleDraft draft() {
            return new ScheduleDraft(teamId, name, description, timeZone, layers);
        }
    }

    record PeriodBody(UUID userId, Instant start, Instant end, @Size(max = 1000) String reason) {
    }

    record CoverBody(Instant start, Instant end, @Size(max = 1000) String note) {
    }

    record SecondaryBody(UUID primaryScheduleId) {
    }

    record ImocBody(UUID scheduleId) {
    }

    record FeedView(String url, String note) {
    }

    // ---- schedules

    @GetMapping("/schedules")
    List<ScheduleView> list() {
        var imoc = schedules.imoc().map(s -> s.id()).orElse(null);
        return schedules.schedules().stream().map(s -> views.schedule(s, s.id().equals(imoc))).toList();
    }

    @GetMapping("/schedules/{id}")
    ResponseEntity<ScheduleView> get(@PathVariable UUID id) {
        return view(HttpStatus.OK, id);
    }

    @PostMapping("/schedules")
    ResponseEntity<ScheduleView> create(@Valid @RequestBody ScheduleBody body) {
        return view(HttpStatus.CREATED, schedules.create(body.draft()).id());
    }

    @PutMapping("/schedules/{id}")
    ResponseEntity<ScheduleView> update(@PathVariable UUID id, @Valid @RequestBody ScheduleBody body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @RequestParam(defaultValue = "false") boolean confirm) {
        Versions.check(ifMatch, body.version(), schedules.schedule(id).version());
        schedules.update(id, body.draft(), body.version(), confirm);
        return view(HttpStatus.OK, id);
    }

    @DeleteMapping("/schedules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID id) {
        schedules.delete(id);
    }

    @PostMapping("/schedules/{id}/layers")
    ResponseEntity<ScheduleView> addLayer(@PathVariable UUID id, @RequestBody LayerDraft body) {
        schedules.addLayer(id, body);
        return view(HttpStatus.CREATED, id);
    }

    @PutMapping("/schedules/{id}/layers/{layerId}")
    ResponseEntity<ScheduleView> replaceLayer(@PathVariable UUID id, @PathVariable UUID layerId,
            @RequestBody LayerDraft body, @RequestParam(defaultValue = "false") boolean confirm) {
        schedules.replaceLayer(id, layerId, body, confirm);
        return view(HttpStatus.OK, id);
    }

    @DeleteMapping("/schedules/{id}/layers/{layerId}")
    ResponseEntity<ScheduleView> removeLayer(@PathVariable UUID id, @PathVariable UUID layerId,
            @RequestParam(defaultValue = "false") boolean confirm) {
        schedules.removeLayer(id, layerId, confirm);
        return view(HttpStatus.OK, id);
    }

    @PutMapping("/schedules/{id}/secondary-of")
    ResponseEntity<ScheduleView> secondaryOf(@PathVariable UUID id, @RequestBody SecondaryBody body) {
        schedules.makeSecondaryOf(id, body.primaryScheduleId());
        return view(HttpStatus.OK, id);
    }

    private ResponseEntity<ScheduleView> view(HttpStatus status, UUID id) {
        var s = schedules.schedule(id);
        boolean imoc = schedules.imoc().map(i -> i.id().equals(id)).orElse(false);
        return ResponseEntity.status(status).eTag(Versions.etag(s.version())).body(views.schedule(s, imoc));
    }

    // ---- queries

    @GetMapping("/schedules/{id}/on-call")
    OnCallView onCall(@PathVariable UUID id, @RequestParam(required = false) Instant at) {
        Instant when = at == null ? clock.instant() : at;
        var schedule = schedules.schedule(id);
        var current = schedules.finalShiftAt(id, when);
        var upcoming = schedules.upcoming(id, when, 3);
        var people = views.people(upcoming.stream().map(s -> s.userId()).toList(),
                current.map(s -> List.of(s.userId())).orElse(List.of()));
        return new OnCallView(id, schedule.name(), when, current.map(s -> OnCallViews.shift(s, people)).orElse(null),
                views.shifts(upcoming, people));
    }

    /** Who is on call for every schedule at {@code at} (an ISO 8601 instant; default now). */
    @GetMapping("/on-call/now")
    List<OnCallView> everyScheduleNow(@RequestParam(required = false) Instant at) {
        Instant when = at == null ? clock.instant() : at;
        var all = schedules.schedules();
        var onCall = schedules.onCallAt(all.stream().map(s -> s.id()).toList(), when);
        var people = views.people(onCall.values().stream().map(s -> s.userId()).toList());
        return all.stream().map(s -> new OnCallView(s.id(), s.name(), when,
                onCall.containsKey(s.id()) ? OnCallViews.shift(onCall.get(s.id()), people) : null, List.of()))
                .toList();
    }

    @GetMapping("/schedules/{id}/shifts")
    PlanView shifts(@PathVariable UUID id, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        var range = OnCallViews.range(from, to, clock.instant(), DEFAULT_RANGE);
        return views.plan(schedules.schedule(id), range, schedules.plan(id, range));
    }

    @GetMapping("/schedules/{id}/gaps")
    List<GapView> gaps(@PathVariable UUID id, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        var range = OnCallViews.range(from, to, clock.instant(), DEFAULT_RANGE);
        return OnCallViews.gaps(schedules.plan(id, range).gaps());
    }

    @GetMapping("/users/{userId}/shifts")
    List<Map<String, Object>> userShifts(@PathVariable UUID userId, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        var range = OnCallViews.range(from, to, clock.instant(), Duration.ofDays(31));
        var people = views.people(List.of(userId));
        return schedules.shiftsOf(userId, range).stream().map(u -> Map.<String, Object>of(
                "scheduleId", u.scheduleId(), "scheduleName", u.scheduleName(),
                "shift", OnCallViews.shift(u.shift(), people))).toList();
    }

    @GetMapping("/me/shifts")
    List<Map<String, Object>> myShifts(@RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        return userShifts(CurrentActor.get().userId(), from, to);
    }

    // ---- IMOC

    @GetMapping("/on-call/imoc")
    ResponseEntity<ScheduleView> imoc() {
        return schedules.imoc().map(s -> ResponseEntity.ok(views.schedule(s, true)))
                .orElse(ResponseEntity.noContent().build());
    }

    @PutMapping("/on-call/imoc")
    ResponseEntity<ScheduleView> markImoc(@RequestBody ImocBody body) {
        if (body.scheduleId() == null) {
            throw new InvalidInputException("scheduleId", "name the schedule of the incident manager on call");
        }
        schedules.markImoc(body.scheduleId());
        return view(HttpStatus.OK, body.scheduleId());
    }

    // ---- overrides and self-service

    @GetMapping("/schedules/{id}/overrides")
    List<OverrideView> overrides(@PathVariable UUID id, @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to) {
        var range = OnCallViews.range(from, to, clock.instant(), Duration.ofDays(90));
        return schedules.overrides(id, range).stream().map(views::override).toList();
    }

    @PostMapping("/schedules/{id}/overrides")
    @ResponseStatus(HttpStatus.CREATED)
    OverrideView addOverride(@PathVariable UUID id, @Valid @RequestBody PeriodBody body) {
        return views.override(schedules.addOverride(id, body.userId(), body.start(), body.end(), body.reason()));
    }

    @DeleteMapping("/schedules/{id}/overrides/{overrideId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeOverride(@PathVariable UUID id, @PathVariable UUID overrideId) {
        schedules.removeOverride(id, overrideId);
    }

    /** The caller takes over whoever is on call for {@code [start, end)}. */
    @PostMapping("/schedules/{id}/take-shift")
    @ResponseStatus(HttpStatus.CREATED)
    OverrideView takeShift(@PathVariable UUID id, @Valid @RequestBody PeriodBody body) {
        return views.override(schedules.takeShift(id, body.start(), body.end()));
    }

    @GetMapping("/schedules/{id}/cover-requests")
    List<CoverRequestView> coverRequests(@PathVariable UUID id) {
        return schedules.coverRequests(id).stream().map(views::coverRequest).toList();
    }

    @PostMapping("/schedules/{id}/cover-requests")
    @ResponseStatus(HttpStatus.CREATED)
    CoverRequestView requestCover(@PathVariable UUID id, @Valid @RequestBody CoverBody body) {
        return views.coverRequest(schedules.requestCover(id, body.start(), body.end(), body.note()));
    }

    @PostMapping("/cover-requests/{requestId}/accept")
    CoverRequestView acceptCover(@PathVariable UUID requestId) {
        return views.coverRequest(schedules.acceptCover(requestId));
    }

    @PostMapping("/cover-requests/{requestId}/cancel")
    CoverRequestView cancelCover(@PathVariable UUID requestId) {
        return views.coverRequest(schedules.cancelCover(requestId));
    }

    // ---- calendar feeds (the URL is shown once; rotating makes the old one stop working)

    @PostMapping("/me/calendar-feed")
    @ResponseStatus(HttpStatus.CREATED)
    FeedView rotateMyFeed() {
        var token = feedTokens.rotate(FeedTokens.OwnerType.USER, CurrentActor.get().userId());
        return new FeedView(baseUrl + CalendarFeedController.PATH + token + ".ics",
                "Keep this address secret; create a new one to revoke it");
    }

    @PostMapping("/schedules/{id}/calendar-feed")
    @ResponseStatus(HttpStatus.CREATED)
    FeedView rotateScheduleFeed(@PathVariable UUID id) {
        schedules.schedule(id);
        var token = feedTokens.rotate(FeedTokens.OwnerType.SCHEDULE, id);
        return new FeedView(baseUrl + CalendarFeedController.PATH + token + ".ics",
                "Keep this address secret; create a new one to revoke it");
    }
}
