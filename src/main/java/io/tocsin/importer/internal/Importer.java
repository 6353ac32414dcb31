package io.tocsin.importer.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.tocsin.alerts.AlertSourceImport;
import io.tocsin.catalog.Catalog;
import io.tocsin.escalation.PolicyImport;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.identity.User;
import io.tocsin.importer.ImportSource;
import io.tocsin.importer.internal.ImportReport.Action;
import io.tocsin.importer.internal.ImportReport.Item;
import io.tocsin.importer.internal.LinkStore.Kind;
import io.tocsin.importer.internal.LinkStore.Link;
import io.tocsin.importer.internal.opsgenie.OpsgenieMapper;
import io.tocsin.importer.internal.pagerduty.PagerDutyMapper;
import io.tocsin.notify.ContactMethods;
import io.tocsin.oncall.OnCall;
import io.tocsin.oncall.ScheduleImport;
import io.tocsin.oncall.TimeRange;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Imports a source (issue 20): everything is read from the source first, then written in one transaction, so a
 * source failing half-way, or a write Tocsin refuses, leaves nothing half-imported. People are matched by e-mail
 * (else created without a password), teams by name; each object is tagged with its source id and the fingerprint
 * of what was written, so a second import of an unchanged source changes nothing. A dry run does the same work in a
 * transaction that is rolled back, so it reports exactly what the import would do.
 */
@Component
public class Importer {

    public static final int MAX_WEEKS = 12;
    static final Duration STEP = Duration.ofMinutes(15);
    private static final int SHOWN_DIFFERENCES = 10;

    private final SourceClients clients;
    private final LinkStore links;
    private final Identity identity;
    private final ScheduleImport schedules;
    private final PolicyImport policies;
    private final OnCall onCall;
    private final ContactMethods contactMethods;
    private final Catalog catalog;
    private final AlertSourceImport alertSources;
    private final String baseUrl;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final OpsgenieMapper opsgenie = new OpsgenieMapper();
    private final PagerDutyMapper pagerDuty = new PagerDutyMapper();

    Importer(SourceClients clients, LinkStore links, Identity identity, ScheduleImport schedules,
            PolicyImport policies, OnCall onCall, ContactMethods contactMethods, Catalog catalog,
            AlertSourceImport alertSources, @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl,
            PlatformTransactionManager transactions, Clock clock) {
        this.catalog = catalog;
        this.alertSources = alertSources;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.clients = clients;
        this.links = links;
        this.identity = identity;
        this.schedules = schedules;
        this.policies = policies;
        this.onCall = onCall;
        this.contactMethods = contactMethods;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    public ImportReport run(ImportSource source, String apiKey, boolean dryRun) {
        return run(source, apiKey, null, dryRun);
    }

    /**
     * An import from the source's API with {@code apiKey}, or, with {@code exportDirectory}, from an Opsgenie
     * JSON export directory below the operator's {@code tocsin.importer.export-root} (issue 20 point 3).
     */
    public ImportReport run(ImportSource source, String apiKey, String exportDirectory, boolean dryRun) {
        Instant asOf = clock.instant();
        SourceClient client;
        if (exportDirectory != null && !exportDirectory.isBlank()) {
            client = clients.export(source, exportDirectory);
        } else {
            requireKey(source, apiKey);
            client = clients.client(source, apiKey.strip());
        }
        SourceData data = client.fetch(asOf);
        return transaction.execute(status -> {
            var report = new Run(data, asOf, dryRun).write();
            if (dryRun) {
                status.setRollbackOnly();
            }
            return new ImportReport(source, dryRun, asOf, report);
        });
    }

    private static void requireKey(ImportSource source, String apiKey) {
        if (source == null) {
            throw new InvalidInputException("source", "OPSGENIE or PAGERDUTY");
        }
        if (apiKey == null || apiKey.isBlank()) {
            throw new InvalidInputException("apiKey", "the " + source + " API key to read with (read-only is enough)");
        }
        if (apiKey.length() > 200 || !apiKey.strip().chars().allMatch(c -> c > 32 && c < 127)) {
            throw new InvalidInputException("apiKey", "an API key is at most 200 printable characters");
        }
    }

    /**
     * One import's writes, in the order their references need: people, teams, services with their integrations
     * and heartbeats, schedules, policies, and the services' policies.
     */
    private final class Run {

        private final SourceData data;
        private final ImportSource source;
        private final Instant asOf;
        private final boolean dryRun;
        private final Map<String, UUID> services = new HashMap<>();
        private final Map<String, UUID> policyIds = new HashMap<>();
        private final List<Item> items = new ArrayList<>();
        private final Map<String, UUID> users = new HashMap<>();
        private final Map<String, UUID> teams = new HashMap<>();
        private final Map<String, UUID> scheduleIds = new HashMap<>();

        Run(SourceData data, Instant asOf, boolean dryRun) {
            this.data = data;
            this.source = data.source();
            this.asOf = asOf;
            this.dryRun = dryRun;
        }

        List<Item> write() {
            data.users().forEach(this::user);
            data.teams().forEach(this::team);
            data.services().forEach(this::service);
            data.integrations().forEach(this::integration);
            data.heartbeats().forEach(this::heartbeat);
            var ids = new SourceIds() {
                @Override
                public UUID user(String id) {
                    return users.get(id);
                }

                @Override
                public UUID schedule(String id) {
                    return scheduleIds.get(id);
                }

                @Override
                public UUID team(String id) {
                    return teams.get(id);
                }
            };
            for (JsonNode s : data.schedules()) {
                String id = Json.text(s, "id");
                var overrides = data.overrides().getOrDefault(id, List.of());
                schedule(source == ImportSource.OPSGENIE ? opsgenie.schedule(s, overrides, ids, asOf)
                        : pagerDuty.schedule(s, overrides, ids, asOf));
            }
            for (JsonNode p : data.policies()) {
                policy(source == ImportSource.OPSGENIE ? opsgenie.escalation(p, ids, policies.timing())
                        : pagerDuty.policy(p, ids, policies.timing()));
            }
            data.services().forEach(this::assignment);
            return items;
        }

        /** A service, matched by name or created, owned by its first team. */
        private void service(SourceData.Service s) {
            if (s.name() == null || s.name().isBlank()) {
                items.add(new Item("service", s.id(), s.id(), Action.SKIP, Fidelity.UNMAPPABLE,
                        List.of("has no name"), null));
                return;
            }
            UUID team = s.teamId() == null ? null : teams.get(s.teamId());
            var draft = new Catalog.ServiceDraft(s.name().strip(), s.description(), team, null);
            String fingerprint = LinkStore.fingerprint(draft);
            var linked = live(links.find(source, Kind.SERVICE, s.id()), id -> catalog.findService(id).isPresent());
            UUID id;
            Action action;
            if (linked.isPresent()) {
                id = linked.get().tocsinId();
                action = linked.get().fingerprint().equals(fingerprint) ? Action.UNCHANGED : Action.UPDATE;
                if (action == Action.UPDATE) {
                    catalog.updateService(id, draft);
                }
            } else {
                var existing = catalog.findServiceByName(s.name());
                id = existing.map(io.tocsin.catalog.Service::id).orElseGet(() -> catalog.createService(draft).id());
                action = existing.isPresent() ? Action.MATCH : Action.CREATE;
            }
            if (action != Action.UNCHANGED) {
                link(Kind.SERVICE, s.id(), id, s.name(), fingerprint, Fidelity.EXACT, List.of());
            }
            services.put(s.id(), id);
            items.add(new Item("service", s.id(), s.name(), action, Fidelity.EXACT, List.of(), id));
        }

        /** The service an Opsgenie team's integration or heartbeat goes on, made when the team has none. */
        private UUID teamService(String teamId, List<String> reasons) {
            var team = data.teams().stream().filter(t -> t.id().equals(teamId)).findFirst();
            String teamName = team.map(SourceData.Team::name).orElse(teamId);
            var choice = InboundMapping.serviceOf(teamId, teamName, data.services());
            reasons.addAll(choice.reasons());
            if (choice.serviceSourceId() != null && services.containsKey(choice.serviceSourceId())) {
                return services.get(choice.serviceSourceId());
            }
            return catalog.findServiceByName(choice.name()).map(io.tocsin.catalog.Service::id)
                    .orElseGet(() -> catalog.createService(new Catalog.ServiceDraft(choice.name(),
                            "Imported from Opsgenie for team " + teamName, teams.get(teamId), null)).id());
        }

        /**
         * An integration: PagerDuty's Events API v2 keeps its routing key (the sender swaps the host), Opsgenie's
         * gets a new key to paste. Re-importing renames at most; the key made the first time stays.
         */
        private void integration(SourceData.Inbound in) {
            String key = in.serviceId() != null ? in.serviceId() + "/" + in.id() : in.id();
            String name = in.name() == null ? key : in.name();
            var mapped = InboundMapping.integration(source, in);
            if (mapped.format() == null) {
                items.add(new Item("integration", key, name, Action.SKIP, mapped.fidelity(), mapped.reasons(), null));
                return;
            }
            var reasons = new ArrayList<>(mapped.reasons());
            UUID serviceId = in.serviceId() != null ? services.get(in.serviceId()) : teamService(in.teamId(), reasons);
            if (serviceId == null) {
                items.add(new Item("integration", key, name, Action.SKIP, Fidelity.UNMAPPABLE,
                        List.of("its service is not imported"), null));
                return;
            }
            String url = baseUrl + mapped.format().path();
            String fingerprint = LinkStore.fingerprint(List.of(name, serviceId, mapped.format()));
            var linked = live(links.find(source, Kind.INTEGRATION, key), id -> alertSources.integration(id)
                    .isPresent());
            Action action;
            AlertSourceImport.IntegrationInfo made;
            String newKey = null;
            if (linked.isPresent()) {
                made = alertSources.integration(linked.get().tocsinId()).orElseThrow();
                action = linked.get().fingerprint().equals(fingerprint) ? Action.UNCHANGED : Action.UPDATE;
                if (action == Action.UPDATE) {
                    alertSources.renameIntegration(made.id(), name);
                }
            } else {
                var existing = mapped.keepsKey() ? alertSources.integrationWithKey(in.key())
                        : Optional.<AlertSourceImport.IntegrationInfo>empty();
                if (existing.isPresent()) {
                    made = existing.get();
                    action = Action.MATCH;
                } else {
                    var created = alertSources.createIntegration(serviceId, name, mapped.format(),
                            mapped.keepsKey() ? in.key() : null);
                    made = created.integration();
                    newKey = created.key();
                    action = Action.CREATE;
                }
            }
            if (action != Action.UNCHANGED) {
                link(Kind.INTEGRATION, key, made.id(), name, fingerprint, mapped.fidelity(), reasons);
            }
            String note;
            if (mapped.keepsKey()) {
                note = "the sender keeps its routing_key (" + made.keyHint() + ") and only changes the host";
            } else if (newKey != null && dryRun) {
                newKey = null;
                note = "the key is made when you import (a dry run keeps nothing)";
            } else if (newKey != null) {
                note = "shown this once: paste it into the sender now";
            } else {
                note = "the key was shown when it was made (" + made.keyHint() + "); rotate it on the service page"
                        + " if it is lost";
            }
            items.add(new Item("integration", key, name, action, mapped.fidelity(), reasons, made.id(),
                    new ImportReport.Sender(url, newKey, made.keyHint(), note)));
        }

        /** An Opsgenie heartbeat, armed by its first ping at the new URL. */
        private void heartbeat(SourceData.Heartbeat h) {
            var mapped = InboundMapping.heartbeat(h);
            if (mapped.format() == null) {
                items.add(new Item("heartbeat", h.name(), h.name(), Action.SKIP, mapped.fidelity(), mapped.reasons(),
                        null));
                return;
            }
            var reasons = new ArrayList<>(mapped.reasons());
            UUID serviceId = teamService(h.teamId(), reasons);
            String fingerprint = LinkStore.fingerprint(List.of(h.name(), serviceId, h.interval()));
            var linked = live(links.find(source, Kind.HEARTBEAT, h.name()), id -> alertSources.heartbeat(id)
                    .isPresent());
            Action action;
            UUID id;
            String ping = null;
            if (linked.isPresent()) {
                id = linked.get().tocsinId();
                action = linked.get().fingerprint().equals(fingerprint) ? Action.UNCHANGED : Action.UPDATE;
                if (action == Action.UPDATE) {
                    alertSources.updateHeartbeat(id, h.name(), h.interval(), Duration.ZERO);
                }
            } else {
                var made = alertSources.createHeartbeat(serviceId, h.name(), h.interval(), Duration.ZERO);
                id = made.heartbeat().id();
                ping = made.pingPath();
                action = Action.CREATE;
            }
            if (action != Action.UNCHANGED) {
                link(Kind.HEARTBEAT, h.name(), id, h.name(), fingerprint, mapped.fidelity(), reasons);
            }
            String note = ping == null ? "the ping URL was shown when it was made; delete and import again if it is"
                    + " lost" : dryRun ? "the ping URL is made when you import (a dry run keeps nothing)"
                    : "shown this once: the job pings it (GET or POST) instead of Opsgenie's";
            String url = ping == null || dryRun ? null : baseUrl + ping;
            items.add(new Item("heartbeat", h.name(), h.name(), action, mapped.fidelity(), reasons, id,
                    new ImportReport.Sender(url, null, null, note)));
        }

        /**
         * A service's escalation policy once both are imported: PagerDuty's own, Opsgenie's team's only
         * escalation (approximate: Opsgenie routes by the team's routing rules).
         */
        private void assignment(SourceData.Service s) {
            UUID serviceId = services.get(s.id());
            if (serviceId == null) {
                return;
            }
            String policySourceId = s.policyId();
            Fidelity fidelity = Fidelity.EXACT;
            List<String> reasons = List.of();
            if (source == ImportSource.OPSGENIE) {
                String teamName = data.teams().stream().filter(t -> t.id().equals(s.teamId()))
                        .map(SourceData.Team::name).findFirst().orElse(s.teamId());
                var team = InboundMapping.escalationOf(s.teamId(), teamName, data.policies());
                if (team.escalationId() == null && !team.reasons().isEmpty()) {
                    items.add(new Item("assignment", s.id(), s.name(), Action.SKIP, team.fidelity(), team.reasons(),
                            null));
                }
                policySourceId = team.escalationId();
                fidelity = team.fidelity();
                reasons = team.reasons();
            }
            if (policySourceId == null) {
                return;
            }
            UUID policyId = policyIds.get(policySourceId);
            if (policyId == null) {
                items.add(new Item("assignment", s.id(), s.name(), Action.SKIP, Fidelity.UNMAPPABLE,
                        List.of("its escalation policy " + policySourceId + " is not imported"), null));
                return;
            }
            String fingerprint = LinkStore.fingerprint(List.of(serviceId, policyId));
            var linked = links.find(source, Kind.ASSIGNMENT, s.id());
            Action action;
            if (linked.isPresent() && linked.get().fingerprint().equals(fingerprint)
                    && policies.policyOf(serviceId).isPresent()) {
                action = Action.UNCHANGED;
            } else {
                action = policies.policyOf(serviceId).filter(policyId::equals).isPresent() ? Action.MATCH
                        : linked.isPresent() ? Action.UPDATE : Action.CREATE;
                if (action != Action.MATCH) {
                    policies.assign(serviceId, policyId);
                }
                link(Kind.ASSIGNMENT, s.id(), serviceId, s.name(), fingerprint, fidelity, reasons);
            }
            items.add(new Item("assignment", s.id(), s.name(), action, fidelity, reasons, serviceId));
        }

        private void user(SourceData.User u) {
            var linked = live(links.find(source, Kind.USER, u.id()), id -> identity.findUser(id).isPresent());
            if (linked.isPresent()) {
                users.put(u.id(), linked.get().tocsinId());
                items.add(new Item("user", u.id(), u.email(), Action.UNCHANGED, Fidelity.EXACT, List.of(),
                        linked.get().tocsinId()));
                contacts(u, linked.get().tocsinId());
                return;
            }
            if (u.email() == null || u.email().isBlank() || !u.email().contains("@")) {
                items.add(new Item("user", u.id(), u.name(), Action.SKIP, Fidelity.UNMAPPABLE,
                        List.of("no e-mail address to match or create a Tocsin user by"), null));
                return;
            }
            var reasons = new ArrayList<String>();
            Optional<User> existing = identity.findByEmail(u.email().strip());
            User user = existing.orElseGet(() -> identity.createUser(new Identity.NewUser(name(u), u.email().strip(),
                    zone(u.timeZone(), reasons), language(u.locale(), reasons), Role.RESPONDER, null)));
            users.put(u.id(), user.id());
            var action = existing.isPresent() ? Action.MATCH : Action.CREATE;
            if (action == Action.CREATE) {
                reasons.add("created without a password: sign-in after a password reset");
            }
            link(Kind.USER, u.id(), user.id(), u.email(), u.email(), Fidelity.EXACT, List.of());
            items.add(new Item("user", u.id(), u.email(), action, Fidelity.EXACT, reasons, user.id()));
            contacts(u, user.id());
        }

        /**
         * The person's contact methods, each added unverified through notify, which sends it a verification code:
         * pages only go there once the person enters the code. One the person already has is left alone.
         */
        private void contacts(SourceData.User u, UUID userId) {
            var existing = contactMethods.methodsOf(userId);
            for (var c : data.contacts().getOrDefault(u.id(), List.of())) {
                String key = u.id() + "/" + c.id();
                var mapped = ContactMapping.map(c);
                String name = u.email() + ": " + c.kind() + " " + c.address();
                if (mapped.type() == null) {
                    items.add(new Item("contact", key, name, Action.SKIP, Fidelity.UNMAPPABLE,
                            List.of(mapped.reason()), null));
                    continue;
                }
                var same = existing.stream().filter(m -> m.type() == mapped.type()
                        && m.destination().equals(mapped.destination())).findFirst();
                UUID id;
                Action action;
                List<String> reasons;
                if (same.isPresent()) {
                    id = same.get().id();
                    action = links.find(source, Kind.CONTACT, key).isPresent() ? Action.UNCHANGED : Action.MATCH;
                    reasons = same.get().verified() ? List.of() : List.of("not verified yet");
                } else {
                    id = contactMethods.add(userId, new ContactMethods.NewContactMethod(mapped.type(),
                            "Imported from " + (source == ImportSource.OPSGENIE ? "Opsgenie" : "PagerDuty"),
                            mapped.destination(), false)).method().id();
                    action = Action.CREATE;
                    reasons = List.of("unverified: a verification code was sent to it; pages go there once "
                            + "the person enters it on the profile page");
                }
                if (action != Action.UNCHANGED) {
                    link(Kind.CONTACT, key, id, name, mapped.type() + " " + mapped.destination(), Fidelity.EXACT,
                            List.of());
                }
                items.add(new Item("contact", key, name, action, Fidelity.EXACT, reasons, id));
            }
        }

        private void team(SourceData.Team t) {
            var linked = live(links.find(source, Kind.TEAM, t.id()), id -> identity.findTeam(id).isPresent());
            UUID teamId;
            Action action;
            if (linked.isPresent()) {
                teamId = linked.get().tocsinId();
                action = Action.UNCHANGED;
            } else {
                var existing = identity.findTeamByName(t.name().strip());
                teamId = existing.map(io.tocsin.identity.Team::id)
                        .orElseGet(() -> identity.createTeam(t.name(), t.description()).id());
                action = existing.isPresent() ? Action.MATCH : Action.CREATE;
                link(Kind.TEAM, t.id(), teamId, t.name(), t.name(), Fidelity.EXACT, List.of());
            }
            teams.put(t.id(), teamId);
            var members = new LinkedHashSet<UUID>();
            t.memberIds().stream().map(users::get).filter(java.util.Objects::nonNull).forEach(members::add);
            if (addMembers(teamId, members) && action == Action.UNCHANGED) {
                action = Action.UPDATE;
            }
            items.add(new Item("team", t.id(), t.name(), action, Fidelity.EXACT, List.of(), teamId));
        }

        private void schedule(MappedSchedule mapped) {
            if (mapped.fidelity() == Fidelity.UNMAPPABLE) {
                items.add(new Item("schedule", mapped.sourceId(), mapped.name(), Action.SKIP, mapped.fidelity(),
                        mapped.reasons(), null));
                return;
            }
            UUID teamId = mapped.teamSourceId() == null ? null : teams.get(mapped.teamSourceId());
            if (teamId == null) {
                String name = mapped.teamName() != null ? mapped.teamName() : mapped.name();
                teamId = identity.findTeamByName(name).map(io.tocsin.identity.Team::id)
                        .orElseGet(() -> identity.createTeam(name, "Imported with schedule " + mapped.name()).id());
            }
            var people = new LinkedHashSet<UUID>();
            mapped.layers().forEach(l -> people.addAll(l.rotation().participants()));
            mapped.overrides().forEach(o -> people.add(o.userId()));
            addMembers(teamId, people);
            var definition = new ScheduleImport.Definition(teamId, mapped.name(), mapped.description(), mapped.zone(),
                    mapped.layers());
            var written = upsert(Kind.SCHEDULE, mapped.sourceId(), mapped.name(), definition, mapped.fidelity(),
                    mapped.reasons(), schedules::exists, () -> schedules.create(definition),
                    id -> schedules.update(id, definition));
            UUID id = written.tocsinId();
            scheduleIds.put(mapped.sourceId(), id);
            for (var o : mapped.overrides()) {
                override(mapped, id, o);
            }
        }

        private void override(MappedSchedule schedule, UUID scheduleId, MappedSchedule.Override o) {
            String key = schedule.sourceId() + "/" + o.sourceId();
            String fingerprint = LinkStore.fingerprint(List.of(scheduleId, o.userId(), o.start(), o.end()));
            String name = schedule.name() + ": " + o.start() + " - " + o.end();
            var linked = links.find(source, Kind.OVERRIDE, key);
            if (linked.isPresent() && linked.get().fingerprint().equals(fingerprint)) {
                items.add(new Item("override", key, name, Action.UNCHANGED, Fidelity.EXACT, List.of(),
                        linked.get().tocsinId()));
                return;
            }
            if (linked.isPresent()) {
                try {
                    schedules.removeOverride(scheduleId, linked.get().tocsinId());
                } catch (NotFoundException gone) {
                    // Removed in Tocsin meanwhile: the source's version is added again below.
                }
            }
            UUID id = schedules.addOverride(scheduleId, o.userId(), o.start(), o.end(), "imported from " + source
                    + " (" + o.sourceId() + ")");
            link(Kind.OVERRIDE, key, id, name, fingerprint, Fidelity.EXACT, List.of());
            items.add(new Item("override", key, name, linked.isPresent() ? Action.UPDATE : Action.CREATE,
                    Fidelity.EXACT, List.of(), id));
        }

        private void policy(MappedPolicy mapped) {
            String name = mapped.definition().name();
            if (mapped.fidelity() == Fidelity.UNMAPPABLE) {
                items.add(new Item("policy", mapped.sourceId(), name, Action.SKIP, mapped.fidelity(), mapped.reasons(),
                        null));
                return;
            }
            var written = upsert(Kind.POLICY, mapped.sourceId(), name, mapped.definition(), mapped.fidelity(),
                    mapped.reasons(), policies::exists, () -> policies.create(mapped.definition()),
                    id -> policies.update(id, mapped.definition()));
            policyIds.put(mapped.sourceId(), written.tocsinId());
            // The escalation preview next to the source's rules (issue 20 point 4), on what was just written.
            var preview = new ImportReport.PolicyPreview(mapped.sourceSteps(), mapped.sourceRepeats(),
                    policies.preview(written.tocsinId(), asOf), mapped.definition().repeatCount());
            items.set(items.size() - 1, new Item(written.kind(), written.sourceId(), written.name(), written.action(),
                    written.fidelity(), written.reasons(), written.tocsinId(), null, preview));
        }

        /**
         * Creates what no earlier import made (or what was deleted in Tocsin since), updates what changed at the
         * source, leaves the rest alone; links and reports it.
         */
        private Item upsert(Kind kind, String sourceId, String name, Object written, Fidelity fidelity,
                List<String> reasons, java.util.function.Predicate<UUID> exists,
                java.util.function.Supplier<UUID> create, java.util.function.Consumer<UUID> update) {
            String fingerprint = LinkStore.fingerprint(written);
            var linked = live(links.find(source, kind, sourceId), exists);
            UUID id;
            Action action;
            if (linked.isPresent() && linked.get().fingerprint().equals(fingerprint)) {
                id = linked.get().tocsinId();
                action = Action.UNCHANGED;
            } else if (linked.isPresent()) {
                id = linked.get().tocsinId();
                update.accept(id);
                action = Action.UPDATE;
            } else {
                id = create.get();
                action = Action.CREATE;
            }
            link(kind, sourceId, id, name, fingerprint, fidelity, reasons);
            var item = new Item(kind.name().toLowerCase(Locale.ROOT), sourceId, name, action, fidelity, reasons, id);
            items.add(item);
            return item;
        }

        /** Adds those not yet members; true when anyone was added. */
        private boolean addMembers(UUID teamId, Set<UUID> people) {
            var team = identity.team(teamId);
            boolean added = false;
            for (UUID person : people) {
                if (!team.hasMember(person)) {
                    identity.putMember(teamId, person, false);
                    added = true;
                }
            }
            return added;
        }

        private void link(Kind kind, String sourceId, UUID tocsinId, String name, String fingerprint,
                Fidelity fidelity, List<String> reasons) {
            links.put(new Link(source, kind, sourceId, tocsinId, name, fingerprint, fidelity, reasons), asOf);
        }
    }

    /** A link whose Tocsin object still exists (one deleted in Tocsin since is imported again). */
    private static Optional<Link> live(Optional<Link> link, java.util.function.Predicate<UUID> exists) {
        return link.filter(l -> exists.test(l.tocsinId()));
    }

    private static String name(SourceData.User u) {
        return u.name() == null || u.name().isBlank() ? u.email().strip() : u.name().strip();
    }

    private static String zone(String zone, List<String> reasons) {
        try {
            return ZoneId.of(zone).getId();
        } catch (RuntimeException e) {
            reasons.add("time zone '" + zone + "' is not an IANA zone; UTC instead");
            return "UTC";
        }
    }

    private static String language(String locale, List<String> reasons) {
        String language = locale == null ? "en" : locale.split("[-_]")[0].toLowerCase(Locale.ROOT);
        if (!Identity.SUPPORTED_LANGUAGES.contains(language)) {
            reasons.add("language '" + locale + "' is not offered; English instead");
            return "en";
        }
        return language;
    }

    /**
     * Who is on call per the source's own final schedule against Tocsin's plan for every imported schedule, every
     * 15 minutes from {@code from} (default now) for {@code weeks} weeks (default 8).
     */
    public CheckReport check(ImportSource source, String apiKey, Instant from, Integer weeks) {
        requireKey(source, apiKey);
        int span = weeks == null ? 8 : weeks;
        if (span < 1 || span > MAX_WEEKS) {
            throw new InvalidInputException("weeks", "from 1 to " + MAX_WEEKS + " weeks");
        }
        Instant start = (from == null ? clock.instant() : from).truncatedTo(ChronoUnit.MINUTES);
        start = start.minus(Duration.ofMinutes(start.atZone(ZoneId.of("UTC")).getMinute() % 15));
        Instant end = start.plus(Duration.ofDays(7L * span));
        var client = clients.client(source, apiKey.strip());
        var userKeys = new HashMap<String, String>();
        links.all(source, Kind.USER).forEach(l -> userKeys.put(l.sourceId(), l.tocsinId().toString()));
        var checks = new ArrayList<CheckReport.ScheduleCheck>();
        var range = new TimeRange(start, end);
        for (Link schedule : links.all(source, Kind.SCHEDULE)) {
            if (!schedules.exists(schedule.tocsinId())) {
                continue;
            }
            var theirs = client.onCall(schedule.sourceId(), start, end).stream()
                    .map(e -> new Equivalence.Entry(e.start(), e.end(), userKeys.getOrDefault(e.who(),
                            source.name().toLowerCase(Locale.ROOT) + ":" + e.who()))).toList();
            var ours = onCall.shifts(schedule.tocsinId(), range).stream()
                    .map(s -> new Equivalence.Entry(s.start(), s.end(), s.userId().toString())).toList();
            var differences = Equivalence.compare(theirs, ours, start, end, STEP);
            checks.add(new CheckReport.ScheduleCheck(schedule.sourceId(), schedule.name(), schedule.tocsinId(),
                    schedule.fidelity(), schedule.reasons(), Equivalence.instants(start, end, STEP),
                    differences.size(), named(differences.stream().limit(SHOWN_DIFFERENCES).toList())));
        }
        return new CheckReport(source, start, end, (int) STEP.toMinutes(), checks);
    }

    private List<CheckReport.Difference> named(List<Equivalence.Difference> differences) {
        var ids = new LinkedHashSet<UUID>();
        differences.forEach(d -> {
            d.source().forEach(k -> uuid(k).ifPresent(ids::add));
            d.tocsin().forEach(k -> uuid(k).ifPresent(ids::add));
        });
        var names = identity.usersById(ids);
        return differences.stream().map(d -> new CheckReport.Difference(d.at(),
                d.source().stream().map(k -> label(k, names)).toList(),
                d.tocsin().stream().map(k -> label(k, names)).toList())).toList();
    }

    private static String label(String key, Map<UUID, User> names) {
        return uuid(key).map(names::get).map(User::name).orElse(key);
    }

    private static Optional<UUID> uuid(String key) {
        try {
            return Optional.of(UUID.fromString(key));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
