package io.tocsin.demo;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import java.util.function.Supplier;

import io.tocsin.identity.ApiTokens;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.ContactMethods;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

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
 * database has no demo data yet: a small company that really works (issue 13). Three teams with follow-the-sun
 * schedules, an escalation policy on every service, integrations (keys printed once), verified contact methods,
 * incidents over the last 90 days and a few open alerts. People, services and incidents come through the modules'
 * Java APIs; schedules, policies, integrations and alerts through the REST and ingest APIs, as a script would.
 * Demo people act under their own names, so timelines read like real ones.
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
    private final ContactMethods contactMethods;
    private final ApiTokens tokens;
    private final JsonMapper json;
    private final java.time.Clock clock;

    DemoData(Environment environment, Identity identity, PrincipalLoader principals, Catalog catalog,
            Incidents incidents, Timeline timeline, IncidentLinks links, JdbcClient jdbc, TransactionTemplate tx,
            StartupNotes notes, ContactMethods contactMethods, ApiTokens tokens, JsonMapper json,
            java.time.Clock clock) {
        this.notes = notes;
        this.contactMethods = contactMethods;
        this.tokens = tokens;
        this.json = json;
        this.clock = clock;
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
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            log.warn("Demo data needs the web server (it builds schedules and policies through the API); not loaded");
            return;
        }
        String password = password();
        var org = tx.execute(status -> organisation(password));
        var admin = identity.users().stream().filter(u -> u.role() == Role.ADMIN).findFirst().orElseThrow();
        var token = tokens.create(admin.id(), "demo set-up");
        var keys = new LinkedHashMap<String, String>();
        try {
            var api = new DemoApi("http://127.0.0.1:" + port, token.token(), json);
            onCall(api, org);
            keys.putAll(integrations(api, org));
            tx.executeWithoutResult(status -> history(org));
            openAlerts(api, keys);
        } finally {
            tokens.revoke(admin.id(), token.meta().id());
        }
        log.info("Demo data loaded");
        notes.add(StartupNotes.Section.DEMO, "Demo organisation: every demo person logs in with this password", List.of(
                "password: " + password,
                "sam.carter@demo.tocsin.local     responder, English, Los Angeles",
                "priya.raman@demo.tocsin.local    responder, English, Kolkata",
                "kenji.sato@demo.tocsin.local     responder, English, Tokyo",
                "mia.schneider@demo.tocsin.local  incident manager, German, Berlin",
                "lena.fischer@demo.tocsin.local   stakeholder (reads and declares), German",
                "Try it: open a service, press \"Send a test alert\", then follow the page in the Outbox."));
        var lines = new ArrayList<String>();
        keys.forEach((what, key) -> lines.add(String.format("%-44s %s", what, key)));
        notes.add(StartupNotes.Section.KEYS, "Demo integration keys (shown only this once; rotate them on the service)",
                lines);
    }

    /** Who and what the demo organisation is made of. */
    record Org(Map<String, User> people, Map<String, io.tocsin.identity.Team> teams,
            Map<String, io.tocsin.catalog.Service> services, Map<String, io.tocsin.catalog.Product> products) {
        User p(String first) {
            return people.get(first);
        }

        UUID s(String name) {
            return services.get(name).id();
        }
    }

    private Org organisation(String password) {
        var people = new LinkedHashMap<String, User>();
        people.put("mia", person("Mia Schneider", "Europe/Berlin", "de", Role.RESPONDER, password));
        people.put("jonas", person("Jonas Weber", "Europe/Berlin", "de", Role.RESPONDER, password));
        people.put("sam", person("Sam Carter", "America/Los_Angeles", "en", Role.RESPONDER, password));
        people.put("lucas", person("Lucas Martin", "America/New_York", "en", Role.RESPONDER, password));
        people.put("priya", person("Priya Raman", "Asia/Kolkata", "en", Role.RESPONDER, password));
        people.put("kenji", person("Kenji Sato", "Asia/Tokyo", "en", Role.RESPONDER, password));
        people.put("lena", person("Lena Fischer", "Europe/Berlin", "de", Role.STAKEHOLDER, password));
        int phone = 140;
        for (var user : people.values()) {
            var mail = contactMethods.addVouched(user.id(), new ContactMethods.NewContactMethod(ContactMethodType.EMAIL,
                    "Work e-mail", user.email(), false), "demo organisation");
            contactMethods.addRule(user.id(), mail.id(), 0);
            if (user.role() != Role.STAKEHOLDER) {
                var sms = contactMethods.addVouched(user.id(), new ContactMethods.NewContactMethod(ContactMethodType.SMS,
                        "Work phone", "+1 415 555 0" + phone++, false), "demo organisation");
                contactMethods.addRule(user.id(), sms.id(), 3);
            }
        }
        var teams = new LinkedHashMap<String, io.tocsin.identity.Team>();
        teams.put("payments", identity.createTeam(MARKER_TEAM, "Checkout and payment processing"));
        teams.put("platform", identity.createTeam("Platform", "Identity, infrastructure and messaging"));
        teams.put("storefront", identity.createTeam("Storefront", "Search and product pages"));
        member(teams.get("payments"), people.get("mia"), true);
        member(teams.get("payments"), people.get("jonas"), false);
        member(teams.get("payments"), people.get("lucas"), false);
        member(teams.get("payments"), people.get("priya"), false);
        member(teams.get("platform"), people.get("sam"), true);
        member(teams.get("platform"), people.get("kenji"), false);
        member(teams.get("platform"), people.get("mia"), false);
        member(teams.get("storefront"), people.get("priya"), true);
        member(teams.get("storefront"), people.get("jonas"), false);
        member(teams.get("storefront"), people.get("sam"), false);
        member(teams.get("storefront"), people.get("kenji"), false);

        var services = new LinkedHashMap<String, io.tocsin.catalog.Service>();
        service(services, "checkout", "Cart and order placement", teams.get("payments"), 1);
        service(services, "payments-api", "Card and wallet payments via the acquirer", teams.get("payments"), 1);
        service(services, "auth", "Login and sessions", teams.get("platform"), 1);
        service(services, "email-sender", "Transactional e-mail", teams.get("platform"), 3);
        service(services, "search", "Product search", teams.get("storefront"), 2);
        service(services, "product-pages", "Product detail pages and images", teams.get("storefront"), 2);
        var products = new LinkedHashMap<String, io.tocsin.catalog.Product>();
        products.put("shop", catalog.createProduct("Web Shop", "shop.example.com"));
        products.put("app", catalog.createProduct("Mobile App", "iOS and Android"));
        products.put("partner", catalog.createProduct("Partner API", "REST API for marketplace partners"));
        return new Org(people, teams, services, products);
    }

    private void member(io.tocsin.identity.Team team, User user, boolean lead) {
        identity.putMember(team.id(), user.id(), lead);
    }

    private void service(Map<String, io.tocsin.catalog.Service> services, String name, String description,
            io.tocsin.identity.Team team, int tier) {
        services.put(name, catalog.createService(new Catalog.ServiceDraft(name, description, team.id(), tier)));
    }

    /**
     * Follow-the-sun: each team's schedule (in UTC) has a layer per region, each covering eight hours of the day
     * in its people's working time, rotating weekly; the incident managers rotate weekly too. Every service gets
     * its team's policy: who is on call, then the team lead, then the whole team.
     */
    private void onCall(DemoApi api, Org org) {
        var monday = Instant.now(clock).truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(7 * 8));
        while (monday.atZone(java.time.ZoneOffset.UTC).getDayOfWeek() != java.time.DayOfWeek.MONDAY) {
            monday = monday.minus(Duration.ofDays(1));
        }
        var regions = Map.of(
                "payments", List.of(List.of("priya"), List.of("mia", "jonas"), List.of("lucas")),
                "platform", List.of(List.of("kenji"), List.of("mia"), List.of("sam")),
                "storefront", List.of(List.of("kenji", "priya"), List.of("jonas"), List.of("sam")));
        var windows = List.<String[]>of(new String[] {"Asia-Pacific", "00:00", "08:00"}, new String[] {"Europe", "08:00", "16:00"},
                new String[] {"Americas", "16:00", "00:00"});
        var lead = Map.of("payments", "mia", "platform", "sam", "storefront", "priya");
        for (var team : List.of("payments", "platform", "storefront")) {
            var layers = new ArrayList<Map<String, Object>>();
            for (int i = 0; i < 3; i++) {
                var window = windows.get(i);
                layers.add(Map.of("name", window[0], "timeZone", "UTC",
                        "participants", regions.get(team).get(i).stream().map(n -> org.p(n).id()).toList(),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", monday.toString(),
                        "restrictions", List.of(Map.of("days", List.of(), "from", window[1], "to", window[2]))));
            }
            var teamEntity = org.teams().get(team);
            var schedule = api.post("/api/v1/schedules", Map.of("teamId", teamEntity.id(),
                    "name", teamEntity.name() + " follow-the-sun", "timeZone", "UTC",
                    "description", "Asia-Pacific 00-08 UTC, Europe 08-16 UTC, Americas 16-24 UTC; hand-off on Mondays",
                    "layers", layers));
            var policy = api.post("/api/v1/escalation-policies", Map.of("name", teamEntity.name() + " on call",
                    "repeatCount", 1, "levels", List.of(
                            Map.of("timeoutMinutes", 5, "targets", List.of(Map.of("type", "SCHEDULE",
                                    "id", schedule.get("id").asString()))),
                            Map.of("timeoutMinutes", 10, "targets", List.of(Map.of("type", "USER",
                                    "id", org.p(lead.get(team)).id()))),
                            Map.of("timeoutMinutes", 10, "targets", List.of(Map.of("type", "TEAM",
                                    "id", teamEntity.id()))))));
            org.services().values().stream().filter(s -> teamEntity.id().equals(s.owningTeamId()))
                    .forEach(s -> api.put("/api/v1/services/" + s.id() + "/escalation-policy",
                            Map.of("policyId", policy.get("id").asString())));
        }
        var imoc = api.post("/api/v1/schedules", Map.of("teamId", org.teams().get("platform").id(),
                "name", "Incident managers", "timeZone", "Europe/Berlin",
                "description", "Who takes a major incident when nobody has yet",
                "layers", List.of(Map.of("name", "Weekly", "timeZone", "Europe/Berlin",
                        "participants", List.of(org.p("mia").id(), org.p("sam").id()),
                        "shiftLength", Map.of("amount", 1, "unit", "WEEKS"), "startsAt", monday.toString()))));
        api.put("/api/v1/on-call/imoc", Map.of("scheduleId", imoc.get("id").asString()));
    }

    /** One integration per service, as each team wired its monitoring; returns "service, tool" to key. */
    private Map<String, String> integrations(DemoApi api, Org org) {
        var wiring = List.<String[]>of(new String[] {"checkout", "Datadog", "PAGERDUTY"},
                new String[] {"payments-api", "Prometheus Alertmanager", "ALERTMANAGER"},
                new String[] {"auth", "Grafana", "GRAFANA"},
                new String[] {"email-sender", "Opsgenie client", "OPSGENIE"},
                new String[] {"search", "Index build pipeline", "WEBHOOK"},
                new String[] {"product-pages", "Datadog", "PAGERDUTY"});
        var keys = new LinkedHashMap<String, String>();
        for (var w : wiring) {
            var created = api.post("/api/v1/services/" + org.s(w[0]) + "/integrations",
                    Map.of("name", w[1], "kind", w[2]));
            keys.put(w[0] + " (" + w[1] + ")", created.get("key").asString());
        }
        return keys;
    }

    /** A few alerts still open, sent the way their tools send them. */
    private void openAlerts(DemoApi api, Map<String, String> keys) {
        api.ingest("/v2/enqueue", Map.of("routing_key", keys.get("product-pages (Datadog)"), "event_action", "trigger",
                "dedup_key", "image-cdn-5xx", "payload", Map.of("summary",
                        "Image CDN answers 5xx for 1.8 % of requests (eu-west)", "source", "datadog-eu1",
                        "severity", "warning")), "");
        api.ingest("/integrations/webhook", Map.of("action", "trigger", "dedupKey", "index-build-failed",
                "summary", "Nightly search index build failed twice (disk full on build-2)",
                "severity", "warning", "source", "jenkins"), "Bearer " + keys.get("search (Index build pipeline)"));
    }

    /** A past incident: when (days ago, hour of day UTC), what, who handled it and how long it took. */
    private record Story(int daysAgo, int hourUtc, String who, String summary, String description, int severity,
            String service, List<String> products, String category, List<Object[]> notes, int detectedAfterMinutes,
            int lastedMinutes, boolean closed, List<String[]> tickets) {
    }

    private void history(Org org) {
        var stories = List.of(
                new Story(86, 13, "jonas", "Checkout returns 500 for baskets with a voucher",
                        "Every basket with a percentage voucher fails at the last step; support has 40 chats waiting.",
                        2, "checkout", List.of("shop", "app"), "Functionality", List.of(
                                new Object[] {TimelineEntryKind.OBSERVATION, "Only 100 % vouchers fail; other baskets are fine", null, null},
                                new Object[] {TimelineEntryKind.THEORY, "The rounding change in 7.12 divides by the discounted total, which is 0", null, null},
                                new Object[] {TimelineEntryKind.CHANGE, "Deployed hotfix 7.12.1", null, "Redeploy 7.11.4"}),
                        22, 95, true, List.<String[]>of(new String[] {"Zendesk", "ZD-38800", "Kunde Meier"})),
                new Story(71, 7, "sam", "Single sign-on logins fail for business customers",
                        "SAML logins through idp-2 are rejected; password logins work.", 1, "auth",
                        List.of("shop", "partner"), "Availability", List.of(
                                new Object[] {TimelineEntryKind.OBSERVATION, "Assertions rejected as not yet valid: idp-2 is 4 min ahead", null, null},
                                new Object[] {TimelineEntryKind.DECISION, "Take idp-2 out of the pool until its clock is fixed", null, null},
                                new Object[] {TimelineEntryKind.CHANGE, "NTP restored on idp-2; back in the pool", null, "Take idp-2 out of the pool again"}),
                        9, 48, true, List.of()),
                new Story(58, 15, "priya", "Order confirmation e-mails arrive two hours late",
                        "Customers ask whether their order went through; the queue at the mail provider keeps growing.",
                        3, "email-sender", List.of("shop"), "Performance", List.of(
                                new Object[] {TimelineEntryKind.OBSERVATION, "180,000 mails queued; the provider throttles us at 50 a second", null, null},
                                new Object[] {TimelineEntryKind.EXPERIMENT, "Raise the batch size from 100 to 500", "Throughput doubles; the queue is empty by 17:40", null}),
                        70, 200, true, List.of()),
                new Story(44, 10, "priya", "Search finds nothing for words with umlauts",
                        "\"Müsli\" finds nothing, \"Musli\" finds everything.", 3, "search", List.of("shop", "app"),
                        "Functionality", List.of(
                                new Object[] {TimelineEntryKind.THEORY, "The new analyser folds umlauts at index time but not at query time", null, null},
                                new Object[] {TimelineEntryKind.CHANGE, "Same analyser for queries; index rebuilt", null, "Switch back to the old analyser"}),
                        180, 360, false, List.of()),
                new Story(31, 18, "mia", "Card payments time out during the Black Friday load test",
                        "The load test at 3x traffic makes a fifth of card payments time out after 10 s.", 2,
                        "payments-api", List.of("shop", "app"), "Performance", List.of(
                                new Object[] {TimelineEntryKind.OBSERVATION, "p99 of the acquirer calls at 9 s; our own p99 at 80 ms", null, null},
                                new Object[] {TimelineEntryKind.DECISION, "Send 80 % of card traffic to the backup acquirer", null, null},
                                new Object[] {TimelineEntryKind.CHANGE, "Acquirer weights set to 20/80", null, "Weights back to 100/0"}),
                        6, 41, true, List.<String[]>of(new String[] {"Zendesk", "ZD-39977", "ACME GmbH"})),
                new Story(17, 9, "jonas", "Mobile app cannot load product pages",
                        "The app shows an empty page for every product; the web shop is fine.", 2, "product-pages",
                        List.of("app"), "Availability", List.of(
                                new Object[] {TimelineEntryKind.THEORY, "The CDN certificate for img.example.com expired last night", null, null},
                                new Object[] {TimelineEntryKind.CHANGE, "Certificate renewed by hand; renewal job fixed", null, "Serve images from the origin until the CDN is fixed"}),
                        18, 65, false, List.of()));
        for (var story : stories) {
            past(org.p(story.who()), agoAt(story.daysAgo(), story.hourUtc()), () -> {
                var i = incidents.declare(new Incident.Declaration(story.summary(), story.description(),
                        org.p(story.who()).email(), story.severity(), org.s(story.service()),
                        story.products().stream().map(n -> org.products().get(n).id()).collect(java.util.stream.Collectors.toSet()),
                        null, null, story.category(), "manual", null, null));
                incidents.assignManager(i.key(), org.p(story.who()).id(), Incidents.Expect.ANY);
                for (var n : story.notes()) {
                    note(i, (TimelineEntryKind) n[0], (String) n[1], (String) n[2], (String) n[3]);
                }
                for (var t : story.tickets()) {
                    links.linkTicket(i, t[0], t[1], t[2], null);
                }
                incidents.resolve(i.key(), null, null, Incidents.Expect.ANY);
                if (story.closed()) {
                    incidents.close(i.key(), "Post-mortem written; action items tracked in the team's board",
                            Incidents.Expect.ANY);
                }
                return i;
            }, Duration.ofMinutes(story.detectedAfterMinutes()), Duration.ofMinutes(story.lastedMinutes()));
        }
        recent(org);
    }

    /** How long ago {@code days} days back at {@code hourUtc}:00 UTC was. */
    private Duration agoAt(int days, int hourUtc) {
        var now = Instant.now(clock);
        var at = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(days)).plus(Duration.ofHours(hourUtc));
        return Duration.between(at, now);
    }

    private void recent(Org org) {
        var mia = org.p("mia");
        var jonas = org.p("jonas");
        var sam = org.p("sam");
        var priya = org.p("priya");
        var shop = org.products().get("shop");
        var app = org.products().get("app");
        var partnerApi = org.products().get("partner");
        var paymentsApi = org.services().get("payments-api");
        var search = org.services().get("search");
        var auth = org.services().get("auth");
        var checkout = org.services().get("checkout");
        // A week ago: card payments failed after a deploy; resolved by rollback.
        past(mia, agoAt(7, 14), () -> {
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
        past(priya, agoAt(3, 11), () -> {
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
