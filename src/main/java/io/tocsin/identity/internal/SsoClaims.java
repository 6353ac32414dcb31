package io.tocsin.identity.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.identity.TeamRole;

/**
 * What an OpenID provider's claims say about a person, read by one provider's settings: a pure decision with no
 * effects (issue 15 point 1). Standard claims (OpenID Connect Core 5.1): {@code name} (else given and family name,
 * else {@code preferred_username}, else the e-mail), {@code email}, {@code email_verified}, {@code locale}
 * (BCP 47, "de-DE" or "de_DE"), {@code zoneinfo} (IANA). Unsupported languages and unknown zones fall back to
 * English and UTC. The groups claim may be a list or a comma-separated string; groups match exactly.
 */
final class SsoClaims {

    private SsoClaims() {
    }

    /** A person as the claims describe them, and the teams the mapping manages with the role in each. */
    record Person(String subject, String name, String email, boolean emailVerified, String locale, String timeZone,
            Set<String> groups, Role role, boolean roleMapped, Set<String> managedTeams, Map<String, TeamRole> teams) {
    }

    /** Why a login cannot make a person. */
    static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message);
        }
    }

    static Person read(SsoSettings.Provider provider, Map<String, Object> claims) {
        String subject = text(claims.get("sub"));
        if (subject == null) {
            throw new Unusable("the provider sent no subject (sub)");
        }
        String email = text(claims.get("email"));
        if (email == null || !email.contains("@")) {
            throw new Unusable("the provider sent no e-mail address (add the 'email' scope or claim)");
        }
        email = email.toLowerCase(Locale.ROOT);
        var groups = groups(claims.get(provider.getGroupsClaim()));
        // The highest role among the matched mappings (a mapping may also set someone below the default, say to
        // stakeholder); the default when none matched. Role's order is highest first.
        Role role = null;
        for (var mapping : provider.getRoleMappings().entrySet()) {
            if (groups.contains(mapping.getKey()) && (role == null || mapping.getValue().ordinal() < role.ordinal())) {
                role = mapping.getValue();
            }
        }
        boolean roleMapped = role != null;
        role = roleMapped ? role : provider.getDefaultRole();
        var managed = new LinkedHashSet<String>();
        var teams = new LinkedHashMap<String, TeamRole>();
        for (var mapping : provider.getTeamMappings()) {
            managed.add(mapping.getTeam());
            if (groups.contains(mapping.getGroup())) {
                teams.merge(mapping.getTeam(), mapping.getRole(), (a, b) -> a.includes(b) ? a : b);
            }
        }
        return new Person(subject, name(claims, email), email, Boolean.TRUE.equals(bool(claims.get("email_verified"))),
                locale(text(claims.get("locale"))), zone(text(claims.get("zoneinfo"))), groups, role, roleMapped,
                managed, teams);
    }

    private static String name(Map<String, Object> claims, String email) {
        String name = text(claims.get("name"));
        if (name != null) {
            return cut(name, 200);
        }
        String given = text(claims.get("given_name"));
        String family = text(claims.get("family_name"));
        if (given != null || family != null) {
            return cut(((given == null ? "" : given) + " " + (family == null ? "" : family)).strip(), 200);
        }
        String preferred = text(claims.get("preferred_username"));
        return cut(preferred != null ? preferred : email, 200);
    }

    private static String locale(String tag) {
        if (tag == null) {
            return "en";
        }
        var locale = Locale.forLanguageTag(tag.replace('_', '-'));
        return Identity.SUPPORTED_LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : "en";
    }

    private static String zone(String id) {
        if (id == null) {
            return "UTC";
        }
        try {
            return ZoneId.of(id).getId();
        } catch (DateTimeException e) {
            return "UTC";
        }
    }

    private static Set<String> groups(Object claim) {
        var groups = new LinkedHashSet<String>();
        if (claim instanceof Collection<?> list) {
            list.forEach(g -> {
                if (text(g) != null) {
                    groups.add(text(g));
                }
            });
        } else if (claim instanceof String s) {
            for (String g : s.split(",")) {
                if (!g.isBlank()) {
                    groups.add(g.strip());
                }
            }
        }
        return groups;
    }

    private static Boolean bool(Object claim) {
        return claim instanceof Boolean b ? b : claim instanceof String s ? Boolean.valueOf(s) : null;
    }

    private static String text(Object claim) {
        return claim == null || claim.toString().isBlank() ? null : claim.toString().strip();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    static List<String> sorted(Set<String> groups) {
        return groups.stream().sorted().toList();
    }
}
