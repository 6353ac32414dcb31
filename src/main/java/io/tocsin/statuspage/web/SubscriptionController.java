package io.tocsin.statuspage.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.tocsin.shared.ClockTimeMeter;
import io.tocsin.statuspage.StatusPages;
import io.tocsin.statuspage.Subscribers;
import io.tocsin.statuspage.SubscriptionRefused;
import io.tocsin.statuspage.internal.Snapshots;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Subscribing to a page by e-mail (issue 11 points 6 and 9): double opt-in with a choice of components, the same
 * answer whether or not the address was known, and a two-step unsubscribe (the link shows a button) so that mail
 * scanners that fetch links do not unsubscribe anyone. Throttled per client address: {@value #PER_MINUTE}
 * subscription requests a minute, and {@value #LINKS_PER_MINUTE} uses of confirmation and unsubscribe links
 * (HTTP 429 with Retry-After beyond that).
 */
@Controller
class SubscriptionController {

    static final int PER_MINUTE = 10;
    static final int LINKS_PER_MINUTE = 30;

    private final Subscribers subscribers;
    private final Snapshots snapshots;
    private final TimeMeter time;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    SubscriptionController(Subscribers subscribers, Snapshots snapshots, Clock clock) {
        this.subscribers = subscribers;
        this.snapshots = snapshots;
        this.time = new ClockTimeMeter(clock);
    }

    @PostMapping("/status/{slug}/subscriptions")
    String subscribe(@PathVariable String slug, @RequestParam(defaultValue = "") String email,
            @RequestParam(required = false) String lang,
            @RequestParam(name = "component", required = false) List<String> components, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        var page = page(slug);
        String language = language(lang, page);
        prepare(model, page, language);
        if (!allowed("subscribe", request, response, model)) {
            return "statuspage/subscription";
        }
        try {
            subscribers.subscribe(page.id(), email, language, ids(components));
            model.addAttribute("message", "statuspage.subscribe.check-inbox");
        } catch (SubscriptionRefused e) {
            response.setStatus(422);
            model.addAttribute("message", e.refusals().getFirst().reason().key());
        }
        return "statuspage/subscription";
    }

    @GetMapping("/status/{slug}/subscriptions/confirm")
    String confirm(@PathVariable String slug, @RequestParam(defaultValue = "") String token,
            @RequestParam(required = false) String lang, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        var page = page(slug);
        prepare(model, page, language(lang, page));
        if (!allowed("link", request, response, model)) {
            return "statuspage/subscription";
        }
        var outcome = subscribers.confirm(page.id(), token);
        if (outcome != Subscribers.Outcome.CONFIRMED) {
            response.setStatus(404);
        }
        model.addAttribute("message", outcome == Subscribers.Outcome.CONFIRMED ? "statuspage.subscribe.confirmed"
                : "statuspage.subscribe.invalid");
        return "statuspage/subscription";
    }

    @GetMapping("/status/{slug}/subscriptions/{id}/unsubscribe")
    String askUnsubscribe(@PathVariable String slug, @PathVariable UUID id,
            @RequestParam(defaultValue = "") String token, @RequestParam(required = false) String lang,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        var page = page(slug);
        prepare(model, page, language(lang, page));
        if (!allowed("link", request, response, model)) {
            return "statuspage/subscription";
        }
        model.addAttribute("message", "statuspage.subscribe.unsubscribe-question");
        model.addAttribute("unsubscribeAction", "/status/" + page.slug() + "/subscriptions/" + id + "/unsubscribe");
        model.addAttribute("token", token);
        return "statuspage/subscription";
    }

    /** Also the RFC 8058 one-click target (List-Unsubscribe-Post). */
    @PostMapping("/status/{slug}/subscriptions/{id}/unsubscribe")
    String unsubscribe(@PathVariable String slug, @PathVariable UUID id, @RequestParam(defaultValue = "") String token,
            @RequestParam(required = false) String lang, HttpServletRequest request, HttpServletResponse response,
            Model model) {
        var page = page(slug);
        prepare(model, page, language(lang, page));
        if (!allowed("link", request, response, model)) {
            return "statuspage/subscription";
        }
        var outcome = subscribers.unsubscribe(page.id(), id, token);
        if (outcome != Subscribers.Outcome.UNSUBSCRIBED) {
            response.setStatus(404);
        }
        model.addAttribute("message", outcome == Subscribers.Outcome.UNSUBSCRIBED ? "statuspage.subscribe.unsubscribed"
                : "statuspage.subscribe.invalid");
        return "statuspage/subscription";
    }

    private StatusPages.Page page(String slug) {
        var entry = snapshots.current().bySlug().get(slug);
        if (entry == null) {
            throw new io.tocsin.shared.NotFoundException("status page", slug);
        }
        return entry.page();
    }

    private void prepare(Model model, StatusPages.Page page, String language) {
        var request = ((org.springframework.web.context.request.ServletRequestAttributes)
                org.springframework.web.context.request.RequestContextHolder.currentRequestAttributes()).getRequest();
        // The page's language or the visitor's choice on it, for this answer only (no cookie).
        request.setAttribute(org.springframework.web.servlet.i18n.CookieLocaleResolver.LOCALE_REQUEST_ATTRIBUTE_NAME,
                Locale.forLanguageTag(language));
        model.addAttribute("page", page);
        model.addAttribute("lang", language);
        model.addAttribute("base", "/status/" + page.slug());
    }

    private static String language(String lang, StatusPages.Page page) {
        return lang != null && StatusPages.LANGUAGES.contains(lang) ? lang : page.language();
    }

    /** Component ids from the form; one that is not an id makes the choice invalid (422, as for an unknown id). */
    private static List<UUID> ids(List<String> values) {
        if (values == null) {
            return List.of();
        }
        try {
            return values.stream().filter(v -> !v.isBlank()).map(UUID::fromString).toList();
        } catch (IllegalArgumentException e) {
            throw new SubscriptionRefused(List.of(new SubscriptionRefused.Refusal("components",
                    SubscriptionRefused.Reason.COMPONENTS_UNKNOWN, "not components of this page")));
        }
    }

    private boolean allowed(String what, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (buckets.size() > 100_000) {
            buckets.clear();
        }
        String client = request.getRemoteAddr() == null ? "?" : request.getRemoteAddr();
        int perMinute = what.equals("subscribe") ? PER_MINUTE : LINKS_PER_MINUTE;
        var bucket = buckets.computeIfAbsent(what + " " + client, k -> Bucket.builder()
                .addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time).build());
        if (bucket.tryConsume(1)) {
            return true;
        }
        response.setStatus(429);
        response.setHeader("Retry-After", "60");
        model.addAttribute("message", "statuspage.subscribe.too-many");
        return false;
    }
}
