package io.tocsin.oncall.web;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.identity.User;
import io.tocsin.oncall.Shift;
import io.tocsin.oncall.TimeRange;
import io.tocsin.oncall.internal.FeedTokens;
import io.tocsin.oncall.internal.Layer;
import io.tocsin.oncall.internal.ScheduleDrafts.LayerDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.ScheduleDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.ShiftLengthDraft;
import io.tocsin.oncall.internal.Schedule;
import io.tocsin.oncall.internal.Schedules;
import io.tocsin.oncall.planning.ShiftLength;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** On-call pages: schedules with a timeline, taking shifts, overrides, cover requests and "my shifts" (R9). */
@Controller
class OnCallPageController {

    static final Duration TIMELINE = Duration.ofDays(14);

    private final Schedules schedules;
    private final Identity identity;
    private final FeedTokens feedTokens;
    private final MessageSource messages;
    private final Clock clock;
    private final String baseUrl;

    OnCallPageController(Schedules schedules, Identity identity, FeedTokens feedTokens, MessageSource messages,
            Clock clock, @Value("${tocsin.base-url}") String baseUrl) {
        this.schedules = schedules;
        this.identity = identity;
        this.feedTokens = feedTokens;
        this.messages = messages;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    @Bean
    static NavigationItem onCallNavigation() {
        return new NavigationItem(Section.MAIN, "nav.oncall", "/schedules", 30);
    }

    @Bean
    static NavigationItem myShiftsNavigation() {
        return new NavigationItem(Section.PERSONAL, "nav.my-shifts", "/my-shifts", 10);
    }

    record ScheduleRow(Schedule schedule, String teamName, User onCall, Shift shift) {
    }

    /** A layer as the schedule page describes it: its name, zone and rotation rule in the reader's language. */
    record LayerRow(String name, String zone, String rule, int participants) {
    }

    @GetMapping("/schedules")
    String list(Model model) {
        var all = schedules.schedules();
        var now = schedules.onCallAt(all.stream().map(Schedule::id).toList(), clock.instant());
        var people = identity.usersById(now.values().stream().map(Shift::userId).toList());
        var rows = all.stream().map(s -> new ScheduleRow(s, identity.findTeam(s.teamId()).map(t -> t.name())
                .orElse("?"), now.containsKey(s.id()) ? people.get(now.get(s.id()).userId()) : null,
                now.get(s.id()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("teams", identity.teams());
        model.addAttribute("users", identity.users());
        model.addAttribute("imoc", schedules.imoc().map(Schedule::id).orElse(null));
        model.addAttribute("viewerZone", viewerZone().getId());
        return "oncall/schedules";
    }

    /**
     * A schedule with one rotation; more layers and restrictions are added through the API. The day of the month
     * counts for monthly rotations only (the field stays in the form whatever unit is chosen).
     */
    @PostMapping("/schedules")
    String create(@RequestParam(required = false) UUID teamId, @RequestParam String name,
            @RequestParam String timeZone, @RequestParam(required = false) List<UUID> participants,
            @RequestParam int shiftAmount, @RequestParam String shiftUnit, @RequestParam String startsAt,
            @RequestParam(required = false) String handoffDay, RedirectAttributes redirect) {
        try {
            ZoneId zone = zoneOrNull(timeZone);
            Instant start = zone == null ? clock.instant() : local(startsAt, zone, "startsAt");
            Integer day = "MONTHS".equalsIgnoreCase(shiftUnit) ? dayOfMonth(handoffDay) : null;
            var schedule = schedules.create(new ScheduleDraft(teamId, name, null, timeZone, List.of(
                    new LayerDraft(null, messages.getMessage("oncall.layer.default-name", null, "Rotation",
                            LocaleContextHolder.getLocale()), null, participants == null ? List.of() : participants,
                            new ShiftLengthDraft(shiftAmount, shiftUnit), start, null, day, List.of()))));
            return "redirect:/schedules/" + schedule.id();
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/schedules";
        }
    }

    @GetMapping("/schedules/{id}")
    String show(@PathVariable UUID id, @RequestParam(required = false) Integer week, Model model) {
        var schedule = schedules.schedule(id);
        ZoneId zone = viewerZone();
        Instant from = clock.instant().atZone(zone).toLocalDate().plusWeeks(week == null ? 0 : week)
                .atStartOfDay(zone).toInstant();
        var range = new TimeRange(from, from.plus(TIMELINE));
        var plan = schedules.plan(id, range);
        var ids = new HashSet<UUID>();
        schedule.layers().forEach(l -> ids.addAll(l.participants()));
        plan.finalShifts().forEach(s -> ids.add(s.userId()));
        var team = identity.team(schedule.teamId());
        team.members().forEach(m -> ids.add(m.userId()));
        var coverRequests = schedules.coverRequests(id);
        coverRequests.forEach(c -> ids.add(c.requestedBy()));
        Map<UUID, User> people = identity.usersById(ids);
        var locale = LocaleContextHolder.getLocale();
        model.addAttribute("schedule", schedule);
        model.addAttribute("layers", schedule.layers().stream().map(l -> new LayerRow(l.name(), l.zone().getId(),
                rule(l, locale), l.participants().size())).toList());
        model.addAttribute("team", team);
        model.addAttribute("people", people);
        model.addAttribute("members", team.members().stream().map(m -> people.get(m.userId()))
                .filter(java.util.Objects::nonNull).sorted(java.util.Comparator.comparing(User::name)).toList());
        model.addAttribute("timeline", Timeline.of(schedule, plan, range, zone, locale, people,
                messages.getMessage("oncall.timeline.final", null, "Final", locale)));
        model.addAttribute("shifts", plan.finalShifts().stream().filter(s -> s.end().isAfter(clock.instant()))
                .toList());
        model.addAttribute("gaps", plan.gaps());
        model.addAttribute("now", schedules.finalShiftAt(id, clock.instant()).orElse(null));
        model.addAttribute("coverRequests", coverRequests);
        model.addAttribute("week", week == null ? 0 : week);
        model.addAttribute("myId", CurrentActor.principal().map(TocsinPrincipal::userId).orElse(null));
        model.addAttribute("imoc", schedules.imoc().map(s -> s.id().equals(id)).orElse(false));
        model.addAttribute("primary", schedule.secondaryOf() == null ? null
                : schedules.findSchedule(schedule.secondaryOf()).orElse(null));
        model.addAttribute("viewerZone", zone.getId());
        return "oncall/schedule";
    }

    @PostMapping("/schedules/{id}/take")
    String take(@PathVariable UUID id, @RequestParam Instant start, @RequestParam Instant end,
            RedirectAttributes redirect) {
        return act(id, redirect, "oncall.flash.taken", () -> schedules.takeShift(id, max(start, clock.instant()),
                end));
    }

    @PostMapping("/schedules/{id}/overrides")
    String override(@PathVariable UUID id, @RequestParam(required = false) UUID userId, @RequestParam String start,
            @RequestParam String end, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return act(id, redirect, "oncall.flash.override", () -> schedules.addOverride(id, userId,
                local(start, viewerZone(), "start"), local(end, viewerZone(), "end"), reason));
    }

    @PostMapping("/schedules/{id}/cover-requests")
    String requestCover(@PathVariable UUID id, @RequestParam String start, @RequestParam String end,
            @RequestParam(required = false) String note, RedirectAttributes redirect) {
        return act(id, redirect, "oncall.flash.cover-requested", () -> schedules.requestCover(id,
                local(start, viewerZone(), "start"), local(end, viewerZone(), "end"), note));
    }

    @PostMapping("/schedules/{id}/cover-requests/{requestId}/accept")
    String acceptCover(@PathVariable UUID id, @PathVariable UUID requestId, RedirectAttributes redirect) {
        return act(id, redirect, "oncall.flash.cover-accepted", () -> schedules.acceptCover(requestId));
    }

    @PostMapping("/schedules/{id}/imoc")
    String markImoc(@PathVariable UUID id, RedirectAttributes redirect) {
        return act(id, redirect, "oncall.flash.imoc", () -> {
            schedules.markImoc(id);
            return null;
        });
    }

    private String act(UUID id, RedirectAttributes redirect, String doneKey, java.util.function.Supplier<?> action) {
        try {
            action.get();
            redirect.addFlashAttribute("flash", messages.getMessage(doneKey, null, LocaleContextHolder.getLocale()));
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/schedules/" + id;
    }

    @GetMapping("/my-shifts")
    String myShifts(Model model) {
        UUID me = CurrentActor.get().userId();
        Instant now = clock.instant();
        model.addAttribute("shifts", schedules.shiftsOf(me, new TimeRange(now, now.plus(Duration.ofDays(60)))));
        model.addAttribute("viewerZone", viewerZone().getId());
        return "oncall/my-shifts";
    }

    @PostMapping("/my-shifts/calendar-feed")
    String rotateFeed(RedirectAttributes redirect) {
        String token = feedTokens.rotate(FeedTokens.OwnerType.USER, CurrentActor.get().userId());
        redirect.addFlashAttribute("feedUrl", baseUrl + CalendarFeedController.PATH + token + ".ics");
        return "redirect:/my-shifts";
    }

    /** "Every month on day 31 at 09:00 (the last day in shorter months)", in the reader's language. */
    private String rule(Layer layer, Locale locale) {
        var unit = layer.length().unit();
        Object third = switch (unit) {
            case WEEKS -> layer.startsAt().atZone(layer.zone()).getDayOfWeek().getDisplayName(TextStyle.FULL, locale);
            case MONTHS -> layer.handoffDay();
            default -> "";
        };
        String rule = messages.getMessage("oncall.rule." + unit.name(), new Object[] {layer.length().amount(),
                layer.handoff().toString(), third}, locale);
        return unit == ShiftLength.Unit.MONTHS && layer.handoffDay() > 28
                ? rule + messages.getMessage("oncall.rule.short-months", null, locale) : rule;
    }

    /** The form's day of the month: blank means the day the rotation starts. */
    private static Integer dayOfMonth(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("handoffDay", "'" + value + "' is not a day of the month (1 to 31)");
        }
    }

    private static ZoneId viewerZone() {
        return CurrentActor.principal().map(TocsinPrincipal::zone).orElse(ZoneId.of("UTC"));
    }

    private static ZoneId zoneOrNull(String id) {
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException | NullPointerException e) {
            return null;
        }
    }

    /** A datetime-local input in the given zone (the gap and overlap rules of {@code ZonedDateTime.of}). */
    private static Instant local(String value, ZoneId zone, String field) {
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a date and time");
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static List<String> zones() {
        return new ArrayList<>(ZoneId.getAvailableZoneIds()).stream().filter(z -> z.contains("/")).sorted().toList();
    }
}
