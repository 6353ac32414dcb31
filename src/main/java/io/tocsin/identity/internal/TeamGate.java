package io.tocsin.identity.internal;

import java.util.Set;
import java.util.UUID;

import io.tocsin.identity.TeamAccess;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.identity.TokenScope;
import io.tocsin.shared.PermissionDenied;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;

/**
 * The API's write gate (issue 15 point 2): first the organisation role and token scope the matrix rule names,
 * then, for a team's own configuration, the caller's role in the team owning the thing named in the path. Refuses
 * with a {@link PermissionDenied} (403 naming the permission) before the request body is read, so a refused caller
 * learns nothing from validation.
 */
@Component
class TeamGate {

    private final TeamAccess access;

    TeamGate(TeamAccess access) {
        this.access = access;
    }

    /** Whether the write may go on; throws the 403 naming what is missing. */
    boolean check(TocsinPrincipal caller, Set<TokenScope> scopes, HttpMethod method, String path) {
        var rule = PermissionMatrix.ruleFor(method, path);
        if (!PermissionMatrix.allows(caller.role(), method, path)) {
            var least = rule.map(PermissionMatrix.Rule::least).orElse(PermissionMatrix.UNDECLARED);
            throw new PermissionDenied("role:" + least.name().toLowerCase(java.util.Locale.ROOT),
                    "This needs the organisation role " + least + "; yours is " + caller.role());
        }
        if (!PermissionMatrix.allows(caller.role(), scopes, method, path)) {
            var scope = rule.map(PermissionMatrix.Rule::scope).orElse(TokenScope.ADMIN);
            throw new PermissionDenied("scope:" + scope.name().toLowerCase(java.util.Locale.ROOT),
                    "This needs an API token with the scope " + scope + " (or ADMIN)");
        }
        var team = rule.map(PermissionMatrix.Rule::team).orElse(null);
        if (team == null || team.fromBody()) {
            return true; // the service storing it checks the team named in the body
        }
        var id = rule.flatMap(r -> r.ownerId(path)).flatMap(TeamGate::uuid);
        var owner = id.flatMap(i -> access.ownerOf(team.kind(), i));
        if (owner.isEmpty()) {
            return true; // no such thing: the controller answers 400 or 404
        }
        access.refusal(caller, team.needs(), owner.get().teamId(), "this " + team.kind()).ifPresent(denied -> {
            throw denied;
        });
        return true;
    }

    private static java.util.Optional<UUID> uuid(String s) {
        try {
            return java.util.Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
