package io.tocsin.identity.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tocsin.identity.Role;
import io.tocsin.identity.TokenScope;
import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

/**
 * Who may change what through the REST API: the one place that says so (docs/permissions.md prints it as a
 * table). Each rule also names the API token scope that covers it. Reading ({@code GET}, {@code HEAD}) is open to everyone signed in; controllers hide personal data
 * (see {@code UserView}). Each rule names request paths, the methods it covers and the least organisation role it
 * needs (roles include the ones below them: ADMIN > RESPONDER > STAKEHOLDER). The first rule that matches decides.
 *
 * <p>Every write endpoint must be declared here: {@code PermissionMatrixTest} walks the OpenAPI document and fails,
 * listing them, on endpoints no rule names. Until declared, an endpoint falls to {@link #UNDECLARED}.
 */
public final class PermissionMatrix {

    /** The methods and paths a rule covers and the least role it needs. */
    public record Rule(List<HttpMethod> methods, List<String> paths, Role least, TokenScope scope, String why) {

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
            rule(Role.ADMIN, TokenScope.ADMIN, "the service catalog and each service's configuration (integrations, heartbeats, alert"
                    + " rules, escalation policy, business hours)",
                    "/api/v1/services", "/api/v1/services/**", "/api/v1/products", "/api/v1/products/**"),
            rule(Role.ADMIN, TokenScope.ADMIN, "message templates", "/api/v1/comms/templates/**"),
            rule(Role.ADMIN, TokenScope.ADMIN, "rebuilding the report tables from the source modules (issue 16)",
                    "/api/v1/reports/rebuild"),
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
            rule(Role.RESPONDER, TokenScope.ON_CALL, "on-call schedules, overrides, shifts, cover requests, the IMOC marker",
                    "/api/v1/schedules", "/api/v1/schedules/**", "/api/v1/cover-requests/**",
                    "/api/v1/on-call/**"),
            rule(Role.RESPONDER, TokenScope.ADMIN, "escalation policies", "/api/v1/escalation-policies",
                    "/api/v1/escalation-policies/**"),
            rule(Role.RESPONDER, TokenScope.ALERTS, "maintenance windows", "/api/v1/maintenance-windows",
                    "/api/v1/maintenance-windows/**"),
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
