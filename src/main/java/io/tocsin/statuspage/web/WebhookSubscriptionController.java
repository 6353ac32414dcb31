package io.tocsin.statuspage.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.notify.Delivery;
import io.tocsin.notify.Notifications;
import io.tocsin.shared.ClockTimeMeter;
import io.tocsin.shared.NotFoundException;
import io.tocsin.statuspage.StatusPages;
import io.tocsin.statuspage.SubscriptionRefused;
import io.tocsin.statuspage.WebhookSubscribers;
import io.tocsin.statuspage.internal.Snapshots;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook subscribers over REST (issue 11 point 6). Visitors register an endpoint on the page's subscription path
 * (open like the e-mail form, throttled per client address: {@value #PER_MINUTE} a minute, then 429 with
 * Retry-After); the answer carries the signing secret, once. Administrators list a page's webhook subscribers with
 * their state and failures, read each one's delivery log, put one back on trial and remove one.
 */
@RestController
@Tag(name = "Status pages", description = "Public and private status pages: components, public incidents,"
        + " maintenances. The public Statuspage-compatible JSON is under /status/{slug}/api/v2/.")
class WebhookSubscriptionController {

    static final int PER_MINUTE = 10;

    private final WebhookSubscribers subscribers;
    private final Snapshots snapshots;
    private final Notifications notifications;
    private final MessageSource messages;
    private final TimeMeter time;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    WebhookSubscriptionController(WebhookSubscribers subscribers, Snapshots snapshots, Notifications notifications,
            MessageSource messages, Clock clock) {
        this.messages = messages;
        this.subscribers = subscribers;
        this.snapshots = snapshots;
        this.notifications = notifications;
        this.time = new ClockTimeMeter(clock);
    }

    /**
     * What a visitor registers: an https endpoint, an address to tell when it fails, a language for that, and the
     * components to hear about (none: all of the page).
     */
    @io.swagger.v3.oas.annotations.media.Schema(name = "StatusPageWebhookSubscribeRequest")
    record Registration(String url, String email, String language, List<UUID> components) {
    }

    @PostMapping("/status/{slug}/subscriptions/webhooks")
    @Operation(summary = "Register a webhook subscriber (public; the secret is shown once)")
    ResponseEntity<?> register(@PathVariable String slug, @RequestBody(required = false) Registration body,
            HttpServletRequest request) {
        var entry = snapshots.current().bySlug().get(slug);
        // A webhook URL proves nobody's identity: a private page's content must not go to whoever registers one,
        // so a private page has no webhook subscribers, and says so as for a page that does not exist.
        if (entry == null || entry.page().visibility() != io.tocsin.statuspage.Visibility.PUBLIC) {
            throw new NotFoundException("status page", slug);
        }
        var r = body == null ? new Registration(null, null, null, null) : body;
        // The visitor's language: the one the form (or script) names, else the page's (issue 11 point 1).
        var locale = Locale.forLanguageTag(r.language() != null && StatusPages.LANGUAGES.contains(r.language())
                ? r.language() : entry.page().language());
        if (!allowed(request)) {
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                    messages.getMessage("statuspage.public.webhook.throttled", null, locale));
            return ResponseEntity.status(429).header("Retry-After", "60")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        WebhookSubscribers.Registered registered;
        try {
            registered = subscribers.register(entry.page().id(), r.url(), r.email(), r.language(), r.components());
        } catch (SubscriptionRefused e) {
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(refused(e, locale));
        }
        return ResponseEntity.created(URI.create("/status/" + slug + "/subscriptions/webhooks/" + registered.id()))
                .body(registered);
    }

    /**
     * The problem+json of a refused registration, shaped as every 422 of the API ({@code errors[]} naming each
     * field), with each message in the visitor's language and its typed {@code code}.
     */
    private ProblemDetail refused(SubscriptionRefused e, Locale locale) {
        var errors = e.refusals().stream().map(f -> java.util.Map.of("field", f.field(), "code",
                f.reason().name().toLowerCase(Locale.ROOT), "message",
                messages.getMessage(f.reason().key(), null, locale))).toList();
        var problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, errors.size() == 1
                ? errors.getFirst().get("message") : messages.getMessage("statuspage.refused.several",
                        new Object[] {errors.size()}, locale));
        problem.setType(URI.create("https://tocsin.io/problems/validation"));
        problem.setTitle(messages.getMessage("statuspage.refused.title", null, locale));
        problem.setProperty("errors", errors);
        return problem;
    }

    @GetMapping("/api/v1/status-pages/{id}/webhook-subscribers")
    @Operation(summary = "The page's webhook subscribers (administrators)")
    List<WebhookSubscribers.Subscriber> list(@PathVariable("id") UUID pageId) {
        requireAdmin();
        return subscribers.list(pageId);
    }

    @GetMapping("/api/v1/status-pages/{id}/webhook-subscribers/{subscriberId}/deliveries")
    @Operation(summary = "A webhook subscriber's delivery log, newest first (administrators)")
    List<Delivery> deliveries(@PathVariable("id") UUID pageId, @PathVariable("subscriberId") UUID id) {
        requireAdmin();
        subscribers.get(pageId, id);
        var log = new java.util.ArrayList<>(notifications.withKeyPrefix(WebhookSubscribers.EVENT + id + ":", 100));
        log.addAll(notifications.withKeyPrefix(WebhookSubscribers.PING + id + ":", 20));
        log.sort(java.util.Comparator.comparing(Delivery::createdAt).reversed());
        return log;
    }

    @PostMapping("/api/v1/status-pages/{id}/webhook-subscribers/{subscriberId}/retry")
    @Operation(summary = "Put a disabled or unconfirmed webhook subscriber back on trial with a new ping (administrators)")
    WebhookSubscribers.Subscriber retry(@PathVariable("id") UUID pageId, @PathVariable("subscriberId") UUID id) {
        return subscribers.retry(pageId, id);
    }

    @DeleteMapping("/api/v1/status-pages/{id}/webhook-subscribers/{subscriberId}")
    @Operation(summary = "Remove a webhook subscriber (administrators)")
    ResponseEntity<Void> delete(@PathVariable("id") UUID pageId, @PathVariable("subscriberId") UUID id) {
        subscribers.delete(pageId, id);
        return ResponseEntity.noContent().build();
    }

    /**
     * Reading is open to everyone signed in (the permission matrix covers writes), but the subscribers' addresses
     * and endpoints are personal data: only administrators read them.
     */
    private static void requireAdmin() {
        if (CurrentActor.principal().map(p -> p.role() != Role.ADMIN).orElse(true)) {
            throw new AccessDeniedException("only administrators read a page's webhook subscribers");
        }
    }

    private boolean allowed(HttpServletRequest request) {
        if (buckets.size() > 100_000) {
            buckets.clear();
        }
        String client = request.getRemoteAddr() == null ? "?" : request.getRemoteAddr();
        var bucket = buckets.computeIfAbsent(client, k -> Bucket.builder()
                .addLimit(l -> l.capacity(PER_MINUTE).refillGreedy(PER_MINUTE, Duration.ofMinutes(1)))
                .withCustomTimePrecision(time).build());
        return bucket.tryConsume(1);
    }
}
