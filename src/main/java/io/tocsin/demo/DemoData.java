package io.tocsin.demo;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import java.util.function.Supplier;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.Identity;
import io.tocsin.identity.PrincipalLoader;
import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.incidents.Incident;
import io.tocsin.incidents.IncidentLinks;
import io.tocsin.incidents.Incidents;
import io.tocsin.incidents.Timeline;
import io.tocsin.incidents.TimelineEntryKind;
import io.tocsin.shared.StartupNotes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo organisation when Tocsin starts with {@code --demo} (or {@code tocsin.demo=true}) and the
 * database has no demo data yet. Demo people act under their own names, so timelines read like real ones.
 */
@Component
@Order(100)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    static final String MARKER_TEAM = "Payments";

    private final Environment environment;
    private final Identity identity;
    private final PrincipalLoader principals;
    private final Catalog catalog;
    private final Incidents incidents;
    private final Timeline timeline;
    private final IncidentLinks links;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final StartupNotes notes;

    DemoData(Environment environment, Identity identity, PrincipalLoader principals, Catalog catalog,
            Incidents incidents, Timeline timeline, IncidentLinks links, JdbcClient jdbc, TransactionTemplate tx,
            StartupNotes notes) {
        this.notes = notes;
        this.environment = environment;
        this.identity = identity;
        this.principals = principals;
        this.catalog = catalog;
        this.incidents = incidents;
        this.timeline = timeline;
        this.links = links;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean wanted = args.containsOption("demo") || environment.getProperty("tocsin.demo", Boolean.class, false);
        if (!wanted) {
            return;
        }
        if (identity.findTeamByName(MARKER_TEAM).isPresent()) {
            log.info("Demo data is already loaded");
            notes.add(StartupNotes.Section.DEMO, "Demo organisation (loaded at an earlier start)", List.of(
                    "Its people log in with the password shown at that start, e.g. sam.carter@demo.tocsin.local.",
                    "To load it afresh, stop Tocsin, delete the ./data directory and start again with --demo."));
            return;
        }
        String password = password();
        tx.executeWithoutResult(status -> load(password));
        log.info("Demo data loaded");
        notes.add(StartupNotes.Section.DEMO, "Demo organisation: every demo person logs in with this password", List.of(
                "password: " + password,
                "sam.carter@demo.tocsin.local     responder, English, Los Angeles",
                "priya.raman@demo.tocsin.local    responder, English, Kolkata",
                "mia.schneider@demo.tocsin.local  incident manager, German, Berlin",
                "lena.fischer@demo.tocsin.local   stakeholder (reads and declares), German"));
    }

    private void load(String password) {
        var payments = identity.createTeam(MARKER_TEAM, "Checkout and payment processing");
        var platform = identity.createTeam("Platform", "Identity, infrastructure and messaging");
        var storefront = identity.createTeam("Storefront", "Search and product pages");

        var mia = person("Mia Schneider", "Europe/Berlin", "de", Role.RESPONDER, password);
        var jonas = person("Jonas Weber", "Europe/Berlin", "de", Role.RESPONDER, password);
        var sam = person("Sam Carter", "America/Los_Angeles", "en", Role.RESPONDER, password);
        var priya = person("Priya Raman", "Asia/Kolkata", "en", Role.RESPONDER, password);
        person("Lena Fischer", "Europe/Berlin", "de", Role.STAKEHOLDER, password);
        identity.putMember(payments.id(), mia.id(), true);
        identity.putMember(payments.id(), jonas.id(), false);
        identity.putMember(platform.id(), sam.id(), true);
        identity.putMember(platform.id(), priya.id(), false);
        identity.putMember(storefront.id(), priya.id(), true);
        identity.putMember(storefront.id(), jonas.id(), false);

        var checkout = catalog.createService(new Catalog.ServiceDraft("checkout", "Cart and order placement",
                payments.id(), 1));
        var paymentsApi = catalog.createService(new Catalog.ServiceDraft("payments-api",
                "Card and wallet payments via the acquirer", payments.id(), 1));
        var auth = catalog.createService(new Catalog.ServiceDraft("auth", "Login and sessions", platform.id(), 1));
        var search = catalog.createService(new Catalog.ServiceDraft("search", "Product search", storefront.id(), 2));
        catalog.createService(new Catalog.ServiceDraft("email-sender", "Transactional e-mail", platform.id(), 3));
        var shop = catalog.createProduct("Web Shop", "shop.example.com");
        var app = catalog.createProduct("Mobile App", "iOS and Android");
        var partnerApi = catalog.createProduct("Partner API", "REST API for marketplace partners");

        // A week ago: card payments failed after a deploy; resolved by rollback.
        past(mia, Duration.ofDays(7), () -> {
            var i = incidents.declare(new Incident.Declaration("Card payments fail with HTTP 502",
                    "About a third of card payments fail at checkout. Reported by support (Jonas, ext. 4711).",
                    "jonas.weber@demo.tocsin.local", 1, paymentsApi.id(), Set.of(shop.id(), app.id()), null, null,
                    "Availability", "manual", null, null));
            incidents.assignManager(i.key(), mia.id(), Incidents.Expect.ANY);
            note(i, TimelineEntryKind.OBSERVATION, "Error rate of payments-api at 34 %, only card payments", null, null);
            note(i, TimelineEntryKind.THEORY, "The 14:02 deploy (payments-api 4.3.0) changed the acquirer client", null, null);
            note(i, TimelineEntryKind.DECISION, "Roll back payments-api to 4.2.0", null, null);
            note(i, TimelineEntryKind.CHANGE, "Rolled back payments-api to 4.2.0", null, "Deploy 4.3.0 again");
            links.linkTicket(i, "Zendesk", "ZD-40411", "ACME GmbH", null);
            links.linkTicket(i, "Zendesk", "ZD-40415", "Beispiel AG", null);
            incidents.resolve(i.key(), null, "Error rate back to 0.1 %", Incidents.Expect.ANY);
            return i;
        }, Duration.ofMinutes(14), Duration.ofMinutes(52));

        // Three days ago: slow search, minor.
        past(priya, Duration.ofDays(3), () -> {
            var i = incidents.declare(new Incident.Declaration("Search responses take 8 s",
                    "Search works but is slow; customers can still browse categories.", null, 3, search.id(),
                    Set.of(shop.id()), null, null, "Performance", "manual", null, null));
            incidents.assignManager(i.key(), priya.id(), Incidents.Expect.ANY);
            note(i, TimelineEntryKind.EXPERIMENT, "Disable the spelling suggestions", "p95 drops from 8 s to 1.2 s", null);
            incidents.resolve(i.key(), null, null, Incidents.Expect.ANY);
            incidents.close(i.key(), "Index rebuilt; action items in the post-mortem", Incidents.Expect.ANY);
            return i;
        }, Duration.ofMinutes(35), Duration.ofHours(3));

        // Now: a login problem being worked on, and a fresh one nobody has taken yet.
        act(sam, () -> {
            var i = incidents.declare(new Incident.Declaration("Some users are logged out every few minutes",
                    "Affects the mobile app; web looks fine. Sam, +1 415 555 0199", "sam.carter@demo.tocsin.local", 2,
                    auth.id(), Set.of(app.id()), null, null, "Functionality", "manual", null, null));
            incidents.assignManager(i.key(), sam.id(), Incidents.Expect.ANY);
            note(i, TimelineEntryKind.OBSERVATION, "Session refresh returns 401 for tokens older than 10 min", null, null);
            return i;
        });
        act(jonas, () -> incidents.declare(new Incident.Declaration("Partner API returns stale prices",
                "Two partners report prices from yesterday.", "jonas.weber@demo.tocsin.local", 3, checkout.id(),
                Set.of(partnerApi.id()), null, null, "Data", "manual", null, null)));
    }

    private User person(String name, String zone, String locale, Role role, String password) {
        String email = name.toLowerCase().replace(' ', '.') + "@demo.tocsin.local";
        return identity.createUser(new Identity.NewUser(name, email, zone, locale, role, password));
    }

    private void note(Incident incident, TimelineEntryKind kind, String body, String outcome, String rollback) {
        timeline.add(incident, new Timeline.Note(kind, body, outcome, rollback, null, null));
    }

    private Incident act(User user, Supplier<Incident> work) {
        var principal = principals.byId(user.id()).orElseThrow();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                principal.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /**
     * Runs the story now, then moves all its instants back by {@code ago} so it reads as history: impact began
     * {@code detectedAfter} before detection and the story took {@code lasted} in total.
     */
    private void past(User user, Duration ago, Supplier<Incident> story, Duration detectedAfter, Duration lasted) {
        var incident = act(user, story);
        var id = incident.id();
        var fresh = incidents.find(id).orElseThrow();
        var detected = fresh.declaredAt().minus(ago);
        var end = detected.plus(lasted).minus(detectedAfter);
        jdbc.sql("""
                update incident set declared_at = ?, detected_at = ?, impact_started_at = ?, assigned_at = ?,
                       resolved_at = ?, closed_at = ?, updated_at = ?
                where id = ?""")
                .params(ts(detected), ts(detected), ts(detected.minus(detectedAfter)), ts(detected.plusSeconds(240)),
                        fresh.resolvedAt() == null ? null : ts(end),
                        fresh.closedAt() == null ? null : ts(end.plus(Duration.ofDays(1))), ts(end), id)
                .update();
        // Timeline entries keep their order, spread over the story's duration.
        var entries = timeline.of(id).reversed();
        for (int n = 0; n < entries.size(); n++) {
            var at = detected.plus(lasted.minus(detectedAfter).multipliedBy(n).dividedBy(Math.max(1, entries.size() - 1)));
            jdbc.sql("update timeline_entry set occurred_at = ?, recorded_at = ? where id = ?")
                    .params(ts(at), ts(at), entries.get(n).id()).update();
        }
        jdbc.sql("update support_ticket_link set linked_at = ? where incident_id = ?").params(ts(detected), id).update();
        log.debug("Demo incident {} moved {} into the past", incident.key(), ago);
    }

    private static Timestamp ts(java.time.Instant instant) {
        return Timestamp.from(instant);
    }

    private static String password() {
        var random = new SecureRandom();
        var alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        var sb = new StringBuilder("demo-");
        for (int i = 0; i < 12; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
