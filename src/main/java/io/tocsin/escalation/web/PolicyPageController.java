package io.tocsin.escalation.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.catalog.Service;
import io.tocsin.escalation.internal.EscalationSettings;
import io.tocsin.escalation.internal.Policy;
import io.tocsin.escalation.internal.PolicyStore;
import io.tocsin.escalation.internal.Preview;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.identity.User;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.oncall.OnCall;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import io.tocsin.shared.PreconditionFailedException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The escalation policy pages (R10, issue 5 point 9): the list with the services using each policy, the editor
 * (levels of people, schedules and teams with timeouts, reordered by plain form round-trips, htmx only sparing the
 * reload), and the policy page with "if this fired now": who would be reached in which order, when and how.
 * Everyone signed in reads; responders edit, as on the API.
 */
@Controller
class PolicyPageController {

    private final PolicyStore policies;
    private final Preview preview;
    private final Identity identity;
    private final OnCall onCall;
    private final Catalog catalog;
    private final EscalationSettings settings;
    private final MessageSource messages;
    private final Clock clock;

    PolicyPageController(PolicyStore policies, Preview preview, Identity identity, OnCall onCall, Catalog catalog,
            EscalationSettings settings, MessageSource messages, Clock clock) {
        this.clock = clock;
        this.policies = policies;
        this.preview = preview;
        this.identity = identity;
        this.onCall = onCall;
        this.catalog = catalog;
        this.settings = settings;
        this.messages = messages;
    }

    @Bean
    static NavigationItem escalationPoliciesNavigation() {
        return new NavigationItem(Section.CONFIGURATION, "nav.escalation-policies", "/escalation-policies", 20);
    }

    /** A row of the list: the policy and the services that use it. */
    record PolicyRow(Policy policy, List<Service> services, boolean reachesNobody) {
    }

    /** Issue 13: a policy that would page nobody right now (every level empty, or nobody reachable in it). */
    private boolean reachesNobody(UUID policyId) {
        return preview.byLevel(policyId, clock.instant()).stream().flatMap(l -> l.steps().stream())
                .noneMatch(Preview.Step::reachable);
    }

    /** A pickable target: {@code value} as the form sends it ({@code USER:<id>}), its label, its kind. */
    record TargetOption(String value, String label, String type) {
    }

    record TargetGroup(String labelKey, List<TargetOption> options) {
    }

    /**
     * A level of the preview: its start (offset from now), its notifications, and the rule that moves it on
     * ({@code ruleKey} with the attempts and the timeout as arguments).
     */
    record PreviewLevel(int level, Instant startsAt, long offsetMinutes, List<PreviewRow> rows, String ruleKey,
            int attempts, int timeoutMinutes) {
    }

    /** One notification: when, to whom, why ({@code viaKind} user/schedule/team and its name), how. */
    record PreviewRow(Instant at, long offsetMinutes, String name, String viaKind, String viaName,
            ContactMethodType channel, int attempt, boolean reachable) {
    }

    @GetMapping("/escalation-policies")
    String list(Model model) {
        var services = catalog.services();
        model.addAttribute("rows", policies.policies().stream().map(p -> {
            var used = new HashSet<>(policies.servicesUsing(p.id()));
            return new PolicyRow(p, services.stream().filter(s -> used.contains(s.id())).toList(), reachesNobody(p.id()));
        }).toList());
        return "escalation/policies";
    }

    @GetMapping("/escalation-policies/new")
    String newPolicy(Model model) {
        requireResponder();
        var me = io.tocsin.identity.CurrentActor.get().userId();
        var managed = identity.teamsOf(me).stream()
                .filter(t -> t.roleOf(me).orElse(null) == io.tocsin.identity.TeamRole.MANAGER).findFirst();
        return form(model, null, PolicyForm.blank(levelDefaults(), managed.map(io.tocsin.identity.Team::id)
                .orElse(null)), Map.of());
    }

    @PostMapping("/escalation-policies")
    String create(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        return save(null, params, model, response, redirect);
    }

    /**
     * The policy with "if this fired now", or at another instant for a severity on one of its services (issue 10):
     * a plain GET form, refused values named next to their field (400) while the preview falls back to now.
     */
    @GetMapping("/escalation-policies/{id}")
    String policy(@PathVariable UUID id, @RequestParam(required = false) String at,
            @RequestParam(required = false) String severity, @RequestParam(required = false) String service,
            Model model, HttpServletResponse response) {
        var policy = policies.policy(id);
        var used = new HashSet<>(policies.servicesUsing(id));
        var form = PreviewForm.parse(at, severity, service, viewerZone(), clock.instant(), used);
        if (!form.errors().isEmpty()) {
            response.setStatus(400);
        }
        var alert = form.serviceId() == null ? null : preview.forAlert(form.serviceId(), form.severityValue(),
                form.instant());
        var plans = alert == null ? preview.byLevel(id, form.instant()) : alert.levels();
        Instant now = plans.isEmpty() ? null : plans.getFirst().startsAt();
        var levels = plans.stream().map(plan -> new PreviewLevel(plan.level(), plan.startsAt(),
                minutes(now, plan.startsAt()), plan.steps().stream().map(step -> {
                    int space = step.via().indexOf(' ');
                    return new PreviewRow(step.at(), minutes(now, step.at()), step.name(),
                            space < 0 ? step.via() : step.via().substring(0, space),
                            space < 0 ? null : step.via().substring(space + 1), step.channel(), step.attempt(),
                            step.reachable());
                }).toList(), ruleKey(plan.level() == plans.size(), plan.attemptsFirst()), plan.attempts(),
                plan.timeoutMinutes()))
                .toList();
        model.addAttribute("policy", policy);
        var last = policy.levels().isEmpty() ? null : policy.levels().getLast();
        model.addAttribute("levelRules", policy.levels().stream().map(l -> ruleKey(l == last,
                l.moveOn().attemptsComeFirst(settings.getRepeatInterval()))).toList());
        model.addAttribute("reachesNobody", reachesNobody(id));
        model.addAttribute("previewForm", form);
        model.addAttribute("answer", alert == null ? null : PreviewForm.Answer.of(alert));
        model.addAttribute("severities", java.util.stream.IntStream.rangeClosed(PreviewForm.MIN_SEVERITY,
                PreviewForm.MAX_SEVERITY).boxed().toList());
        model.addAttribute("services", catalog.services().stream().filter(s -> used.contains(s.id())).toList());
        model.addAttribute("labels", labels());
        model.addAttribute("policyTeams", identity.teams());
        model.addAttribute("preview", levels);
        model.addAttribute("previewAt", now);
        model.addAttribute("unreachable", plans.stream().flatMap(p -> p.steps().stream()).filter(s -> !s.reachable())
                .map(Preview.Step::userId).distinct().count());
        return "escalation/policy";
    }

    @GetMapping("/escalation-policies/{id}/edit")
    String edit(@PathVariable UUID id, Model model) {
        requireResponder();
        var policy = policies.policy(id);
        return form(model, policy, PolicyForm.of(policy), Map.of());
    }

    @PostMapping("/escalation-policies/{id}")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return save(policies.policy(id), params, model, response, redirect);
    }

    @PostMapping("/escalation-policies/{id}/delete")
    String delete(@PathVariable UUID id, RedirectAttributes redirect) {
        try {
            policies.delete(id);
            redirect.addFlashAttribute("flash", message("escalation.ui.deleted"));
            return "redirect:/escalation-policies";
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flashError", message("escalation.ui.error.in-use"));
            return "redirect:/escalation-policies/" + id;
        }
    }

    /** Saves, or applies an editing step ({@code op}) and shows the form again; refused input keeps the form. */
    private String save(Policy existing, MultiValueMap<String, String> params, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        var form = PolicyForm.parse(params);
        String op = params.getFirst("op");
        if (op != null && !op.isBlank() && !op.equals("save")) {
            return form(model, existing, form.apply(op, levelDefaults()), Map.of());
        }
        Map<String, String> errors;
        try {
            var saved = existing == null ? policies.create(form.draft())
                    : policies.update(existing.id(), form.draft(), form.expectedVersion());
            redirect.addFlashAttribute("flash", message("escalation.ui.saved"));
            return "redirect:/escalation-policies/" + saved.id();
        } catch (InvalidInputException e) {
            errors = errors(e);
        } catch (ConflictException e) {
            errors = Map.of("name", message("escalation.ui.error.name-taken"));
        } catch (PreconditionFailedException e) {
            errors = Map.of("form", message("escalation.ui.error.stale"));
        }
        response.setStatus(422);
        return form(model, existing, form, errors);
    }

    private String form(Model model, Policy existing, PolicyForm form, Map<String, String> errors) {
        var groups = targetGroups();
        var values = new HashSet<String>();
        groups.forEach(g -> g.options().forEach(o -> values.add(o.value())));
        model.addAttribute("policy", existing);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("targetGroups", groups);
        model.addAttribute("optionValues", values);
        model.addAttribute("labels", labels());
        model.addAttribute("policyTeams", identity.teams());
        model.addAttribute("action", existing == null ? "/escalation-policies" : "/escalation-policies/" + existing.id());
        return "escalation/policy-form";
    }

    private List<TargetGroup> targetGroups() {
        return List.of(
                new TargetGroup("escalation.ui.target.USER", identity.users().stream().filter(User::active)
                        .sorted(java.util.Comparator.comparing(User::name, String.CASE_INSENSITIVE_ORDER))
                        .map(u -> new TargetOption("USER:" + u.id(), u.name(), "USER")).toList()),
                new TargetGroup("escalation.ui.target.SCHEDULE", onCall.schedules().stream()
                        .map(s -> new TargetOption("SCHEDULE:" + s.id(), s.name(), "SCHEDULE")).toList()),
                new TargetGroup("escalation.ui.target.TEAM", identity.teams().stream()
                        .map(t -> new TargetOption("TEAM:" + t.id(), t.name(), "TEAM")).toList()));
    }

    /** Names of every possible target by form value, inactive people included (a policy may still name them). */
    private Map<String, String> labels() {
        var labels = new LinkedHashMap<String, String>();
        identity.users().forEach(u -> labels.put("USER:" + u.id(), u.name()));
        onCall.schedules().forEach(s -> labels.put("SCHEDULE:" + s.id(), s.name()));
        identity.teams().forEach(t -> labels.put("TEAM:" + t.id(), t.name()));
        return labels;
    }

    /** The store's English rule texts, as one localised sentence per field. */
    private Map<String, String> errors(InvalidInputException e) {
        var result = new LinkedHashMap<String, String>();
        Object[] limits = {Policy.MAX_REPEATS, Policy.MAX_LEVELS, Policy.MAX_TARGETS};
        for (var v : e.violations()) {
            String key = errorKey(v.field());
            String text = key == null ? v.message()
                    : messages.getMessage(key, limits, v.message(), LocaleContextHolder.getLocale());
            result.merge(v.field(), text, (a, b) -> a.equals(b) ? a : a + "; " + b);
        }
        return result;
    }

    /** The message that says when a level moves on: after its attempts (at the latest the timeout), or the timeout. */
    private static String ruleKey(boolean lastLevel, boolean attemptsFirst) {
        return (lastLevel ? "escalation.ui.last-level." : "escalation.ui.moves-on.")
                + (attemptsFirst ? "attempts" : "timeout");
    }

    private PolicyForm.Defaults levelDefaults() {
        return new PolicyForm.Defaults(settings.getDefaultLevelTimeoutMinutes(), settings.getAttemptsPerLevel());
    }

    private static String errorKey(String field) {
        if (field.matches("levels\\[\\d+]\\.targets\\[\\d+]")) {
            return "escalation.ui.error.target";
        }
        if (field.matches("levels\\[\\d+]\\.targets")) {
            return "escalation.ui.error.targets";
        }
        if (field.matches("levels\\[\\d+]\\.timeoutMinutes")) {
            return "escalation.ui.error.timeout";
        }
        if (field.matches("levels\\[\\d+]\\.attempts")) {
            return "escalation.ui.error.attempts";
        }
        return switch (field) {
            case "name" -> "escalation.ui.error.name";
            case "description" -> "escalation.ui.error.description";
            case "repeatCount" -> "escalation.ui.error.repeat-count";
            case "levels" -> "escalation.ui.error.levels";
            default -> null;
        };
    }

    private static long minutes(Instant from, Instant to) {
        return from == null ? 0 : Duration.between(from, to).toMinutes();
    }

    private String message(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private static ZoneId viewerZone() {
        return CurrentActor.principal().map(TocsinPrincipal::zone).orElse(ZoneId.of("UTC"));
    }

    static void requireResponder() {
        if (CurrentActor.principal().map(p -> p.role() == Role.STAKEHOLDER).orElse(true)) {
            throw new AccessDeniedException("only responders edit escalation policies");
        }
    }
}
