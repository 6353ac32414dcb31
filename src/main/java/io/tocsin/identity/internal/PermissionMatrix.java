package io.tocsin.identity.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tocsin.identity.Role;
import io.tocsin.identity.TeamPermission;
import io.tocsin.identity.TokenScope;
import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

/**
 * Who may change what through the REST API: the one place that says so (docs/permissions.md prints it as a
 * table). Each rule also names the API token scope that covers it. Reading ({@code GET}, {@code HEAD}) is open to everyone signed in; controllers hide personal data
 * (see {@code PersonalData}). Each rule names request paths, the methods it covers and the least organisation role it
 * needs (roles include the ones below them: ADMIN > RESPONDER > STAKEHOLDER). The first rule that matches decides.
 *
 * <p>Every write endpoint must be declared here: {@code PermissionMatrixTest} walks the OpenAPI document and fails,
 * listing them, on endpoints no rule names. Until declared, an endpoint falls to {@link #UNDECLARED}.
 */
public final class PermissionMatrix {

    /**
     * The methods and paths a rule covers, the least organisation role and token scope it needs, and, for a team's
     * own configuration, what it needs in the owning team ({@code team}, else {@code null}).
     */
    public record Rule(List<HttpMethod> methods, List<String> paths, Role least, TokenScope scope, Team team,
            String why) {

        public Rule(List<HttpMethod> methods, List<String> paths, Role least, TokenScope scope, String why) {
            this(methods, paths, least, scope, null, why);
        }

        public boolean matches(HttpMethod method, String path) {
            return methods.contains(method) && paths.stream().anyMatch(p -> PATHS.match(p, path));
        }

        public boolean allows(Role role) {
            return role.ordinal() <= least.ordinal();
        }

        /** Whether a token with these scopes may send it (ADMIN covers every rule, READ_ONLY none). */
        public boolean allows(Set<TokenScope> scopes) {
            return scopes.contains(TokenScope.ADMIN) || scopes.contains(scope);
        }

        /** The id standing for {@code {owner}} in the path, when this rule's team is found from the path. */
        public Optional<String> ownerId(String path) {
            return paths.stream().filter(p -> p.contains("{owner}") && PATHS.match(p, path)).findFirst()
                    .map(p -> PATHS.extractUriTemplateVariables(p, path).get("owner"));
        }
    }

    /**
     * What a rule needs in the team owning the thing ({@link io.tocsin.identity.TeamAccessDecision} decides):
     * {@code kind} names whose owner counts, found from the {@code {owner}} id in the path (a
     * {@link io.tocsin.identity.TeamOwned} of that kind) or, where {@code fromBody}, from the request's
     * {@code teamId}/{@code serviceId} by the service that stores it.
     */
    public record Team(String kind, TeamPermission needs, boolean fromBody) {

        static Team of(String kind, TeamPermission needs) {
            return new Team(kind, needs, false);
        }

        static Team body(String kind, TeamPermission needs) {
            return new Team(kind, needs, true);
        }
    }

    private static final AntPathMatcher PATHS = new AntPathMatcher();
    private static final List<HttpMethod> WRITES = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    /** What an endpoint no rule names needs (responders, as before the matrix existed). */
    public static final Role UNDECLARED = Role.RESPONDER;

    public static final List<Rule> RULES = List.of(
            // Everyone signed in, stakeholders included.
            rule(Role.STAKEHOLDER, TokenScope.ADMIN, "your own profile, password, tokens, contact methods, rules, subscriptions and"
                    + " calendar feed", "/api/v1/me", "/api/v1/me/**"),
            new Rule(List.of(HttpMethod.POST), List.of("/api/v1/incidents"), Role.STAKEHOLDER, TokenScope.INCIDENTS,
                    "anyone may raise the alarm: declare an incident (R3)"),
            // Administrators: people, teams, the catalog and its configuration, message templates.
            rule(Role.ADMIN, TokenScope.ADMIN, "people and their contact methods, teams and memberships",
                    "/api/v1/users/**", "/api/v1/users", "/api/v1/teams", "/api/v1/teams/**"),
            rule(Role.RESPONDER, TokenScope.ADMIN, "service accounts and their tokens; further limited to administrators and"
                    + " the owning team's managers (Identity.requireManagerOf)", "/api/v1/service-accounts",
                    "/api/v1/service-accounts/**"),
            team(Role.RESPONDER, TokenScope.ADMIN, Team.of("service", TeamPermission.CONFIGURE), "a service's"
                    + " configuration: integrations and their keys, heartbeats, alert rules, escalation policy, business"
                    + " hours", "/api/v1/services/{owner}/integrations", "/api/v1/services/{owner}/integrations/**",
                    "/api/v1/services/{owner}/heartbeats", "/api/v1/services/{owner}/heartbeats/**",
                    "/api/v1/services/{owner}/alert-rules", "/api/v1/services/{owner}/escalation-policy",
                    "/api/v1/services/{owner}/business-hours"),
            rule(Role.ADMIN, TokenScope.ADMIN, "the service catalog: services and products, their owning teams",
                    "/api/v1/services", "/api/v1/services/**", "/api/v1/products", "/api/v1/products/**"),
            rule(Role.ADMIN, TokenScope.ADMIN, "message templates", "/api/v1/comms/templates/**"),
            rule(Role.ADMIN, TokenScope.ADMIN, "rebuilding the report tables from the source modules (issue 16)",
                    "/api/v1/reports/rebuild"),
            team(Role.RESPONDER, TokenScope.ADMIN, Team.of("report-mail-team", TeamPermission.CONFIGURE), "the"
                    + " team's monthly report e-mail: recipients, language, zone (issue 16; reading it too, in"
                    + " MonthlyMails)", "/api/v1/reports/monthly-mail/{owner}"),
            rule(Role.ADMIN, TokenScope.ADMIN, "imports from other tools (reading too)", "/api/v1/imports",
                    "/api/v1/imports/**"),
            rule(Role.ADMIN, TokenScope.ADMIN, "chat tools: credentials (sealed at rest) and options (issue 14)",
                    "/api/v1/chat/**"),
            rule(Role.ADMIN, TokenScope.ADMIN, "SLA policies: targets per priority, service or product (issue 16)",
                    "/api/v1/sla/policies", "/api/v1/sla/policies/**"),
            rule(Role.ADMIN, TokenScope.ADMIN, "the assistant's settings: on/off, endpoint, model, key, budget, content"
                    + " logging (R32)", "/api/v1/assist", "/api/v1/assist/**"),
            // Responders (members): incident response is organisation-wide, and on-call configuration.
            rule(Role.RESPONDER, TokenScope.INCIDENTS, "pausing and resuming an incident's SLA clocks (issue 16)",
                    "/api/v1/incidents/*/sla/pause", "/api/v1/incidents/*/sla/resume"),
            rule(Role.RESPONDER, TokenScope.INCIDENTS, "assistant drafts (catch-up, update, severity, postmortem): returned"
                    + " for a person to edit and send, never sent (R32)", "/api/v1/incidents/*/assist/**"),
            rule(Role.RESPONDER, TokenScope.INCIDENTS, "incident response: status, assessment, roles, updates, timeline, tickets,"
                    + " clean-up tasks, post-mortems", "/api/v1/incidents/**"),
            rule(Role.RESPONDER, TokenScope.ALERTS, "working alerts and pages", "/api/v1/alerts/**", "/api/v1/escalation-runs/**"),
            team(Role.RESPONDER, TokenScope.ON_CALL, Team.of("schedule", TeamPermission.RESPOND), "taking shifts,"
                    + " overrides and asking for cover in the team's schedules", "/api/v1/schedules/{owner}/take-shift",
                    "/api/v1/schedules/{owner}/overrides", "/api/v1/schedules/{owner}/overrides/**",
                    "/api/v1/schedules/{owner}/cover-requests"),
            team(Role.RESPONDER, TokenScope.ON_CALL, Team.of("cover-request", TeamPermission.RESPOND), "accepting and"
                    + " cancelling cover in the team's schedules", "/api/v1/cover-requests/{owner}/**"),
            rule(Role.RESPONDER, TokenScope.ON_CALL, "a calendar feed of a schedule (a personal link to read it)",
                    "/api/v1/schedules/*/calendar-feed"),
            team(Role.RESPONDER, TokenScope.ON_CALL, Team.of("schedule", TeamPermission.CONFIGURE), "the team's"
                    + " schedules: layers, rotations, secondary, deleting", "/api/v1/schedules/{owner}",
                    "/api/v1/schedules/{owner}/**"),
            team(Role.RESPONDER, TokenScope.ON_CALL, Team.body("team", TeamPermission.CONFIGURE), "a new schedule for"
                    + " the team in its teamId", "/api/v1/schedules"),
            rule(Role.ADMIN, TokenScope.ON_CALL, "the IMOC marker: which schedule holds the incident managers"
                    + " (organisation-wide)", "/api/v1/on-call/imoc"),
            team(Role.RESPONDER, TokenScope.ADMIN, Team.of("escalation-policy", TeamPermission.CONFIGURE), "the team's"
                    + " escalation policies (a policy no team owns: administrators)", "/api/v1/escalation-policies/{owner}",
                    "/api/v1/escalation-policies/{owner}/**"),
            team(Role.RESPONDER, TokenScope.ADMIN, Team.body("team", TeamPermission.CONFIGURE), "a new escalation"
                    + " policy for the team in its teamId (without one: administrators)", "/api/v1/escalation-policies"),
            team(Role.RESPONDER, TokenScope.ALERTS, Team.of("maintenance-window", TeamPermission.CONFIGURE), "ending a"
                    + " maintenance window of a service the team owns", "/api/v1/maintenance-windows/{owner}/**"),
            team(Role.RESPONDER, TokenScope.ALERTS, Team.body("service", TeamPermission.CONFIGURE), "a maintenance"
                    + " window for a service the team owns (its serviceId)", "/api/v1/maintenance-windows"),
            rule(Role.RESPONDER, TokenScope.INCIDENTS, "stakeholder lists", "/api/v1/stakeholder-lists", "/api/v1/stakeholder-lists/**"),
            rule(Role.RESPONDER, TokenScope.INCIDENTS, "status pages: component states, public incidents, maintenances and their"
                    + " updates (R22, R23)", "/api/v1/status-pages/*/components/*/status",
                    "/api/v1/status-pages/*/incidents", "/api/v1/status-pages/*/incidents/**",
                    "/api/v1/status-pages/*/public-incidents/**"),
            rule(Role.ADMIN, TokenScope.ADMIN, "status pages: setting up pages, groups and components",
                    "/api/v1/status-pages", "/api/v1/status-pages/**"),
            rule(Role.RESPONDER, TokenScope.INCIDENTS, "problems and action items (R29)", "/api/v1/problems", "/api/v1/problems/**",
                    "/api/v1/action-items", "/api/v1/action-items/**"));

    private PermissionMatrix() {
    }

    private static Rule rule(Role least, TokenScope scope, String why, String... paths) {
        return new Rule(WRITES, Arrays.asList(paths), least, scope, why);
    }

    private static Rule team(Role least, TokenScope scope, Team team, String why, String... paths) {
        return new Rule(WRITES, Arrays.asList(paths), least, scope, team, why);
    }

    /** The rule that decides a write, if one is declared. */
    public static Optional<Rule> ruleFor(HttpMethod method, String path) {
        return RULES.stream().filter(r -> r.matches(method, path)).findFirst();
    }

    /** Whether an organisation role may send this write. */
    public static boolean allows(Role role, HttpMethod method, String path) {
        return ruleFor(method, path).map(r -> r.allows(role))
                .orElse(role.ordinal() <= UNDECLARED.ordinal());
    }

    /**
     * Whether the role may send this write with a token of these scopes ({@code null}: a browser session, no
     * token limit). An undeclared write needs the ADMIN scope.
     */
    public static boolean allows(Role role, Set<TokenScope> scopes, HttpMethod method, String path) {
        return allows(role, method, path) && (scopes == null || ruleFor(method, path).map(r -> r.allows(scopes))
                .orElse(scopes.contains(TokenScope.ADMIN)));
    }
}
