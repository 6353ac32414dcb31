package io.tocsin.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tocsin.identity.Role;
import io.tocsin.identity.TeamRole;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What a provider's claims make of a person (issue 15 point 1, R15): one row per case. */
class SsoClaimsTest {

    private static SsoSettings.Provider provider() {
        var p = new SsoSettings.Provider();
        p.setRoleMappings(new java.util.LinkedHashMap<>(Map.of("admins", Role.ADMIN, "viewers", Role.STAKEHOLDER)));
        p.setTeamMappings(List.of(mapping("sre", "SRE", TeamRole.RESPONDER), mapping("sre-leads", "SRE", TeamRole.MANAGER),
                mapping("dba", "Databases", TeamRole.OBSERVER)));
        return p;
    }

    private static SsoSettings.TeamMapping mapping(String group, String team, TeamRole role) {
        var m = new SsoSettings.TeamMapping();
        m.setGroup(group);
        m.setTeam(team);
        m.setRole(role);
        return m;
    }

    @ParameterizedTest(name = "groups [{0}] -> role {1}, SRE {2}, Databases {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // groups (comma-separated) | organisation role | SRE role | Databases role
            "-                     | RESPONDER   | -         | -",
            "sre                   | RESPONDER   | RESPONDER | -",
            "sre-leads             | RESPONDER   | MANAGER   | -",
            "sre,sre-leads         | RESPONDER   | MANAGER   | -",
            "sre-leads,sre         | RESPONDER   | MANAGER   | -",
            "dba                   | RESPONDER   | -         | OBSERVER",
            "sre,dba,admins        | ADMIN       | RESPONDER | OBSERVER",
            "viewers               | STAKEHOLDER | -         | -",
            "viewers,admins        | ADMIN       | -         | -",
            "SRE                   | RESPONDER   | -         | -",
            "unrelated             | RESPONDER   | -         | -"})
    void groupsGiveRolesAndTeams(String groups, Role role, TeamRole sre, TeamRole databases) {
        var claims = new HashMap<String, Object>(Map.of("sub", "s-1", "email", "A@Example.test"));
        if (groups != null) {
            claims.put("groups", List.of(groups.split(",")));
        }
        var person = SsoClaims.read(provider(), claims);
        assertThat(person.role()).isEqualTo(role);
        assertThat(person.teams().get("SRE")).isEqualTo(sre);
        assertThat(person.teams().get("Databases")).isEqualTo(databases);
        assertThat(person.managedTeams()).containsExactly("SRE", "Databases");
        assertThat(person.email()).isEqualTo("a@example.test");
    }

    @ParameterizedTest(name = "locale {0}, zoneinfo {1} -> {2}, {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "de-DE  | Europe/Berlin    | de | Europe/Berlin",
            "de_AT  | Europe/Vienna    | de | Europe/Vienna",
            "en-US  | America/New_York | en | America/New_York",
            "fr-FR  | Mars/Olympus     | en | UTC",
            "-      | -                | en | UTC"})
    void localeAndZoneFallBackToWhatTocsinSpeaks(String locale, String zone, String language, String zoneId) {
        var claims = new HashMap<String, Object>(Map.of("sub", "s-1", "email", "a@example.test"));
        if (locale != null) {
            claims.put("locale", locale);
        }
        if (zone != null) {
            claims.put("zoneinfo", zone);
        }
        var person = SsoClaims.read(provider(), claims);
        assertThat(person.locale()).isEqualTo(language);
        assertThat(person.timeZone()).isEqualTo(zoneId);
    }

    @Test
    void theNameComesFromNameThenGivenAndFamilyThenUsernameThenEmail() {
        var base = Map.<String, Object>of("sub", "s", "email", "x@example.test");
        assertThat(read(base, Map.of("name", "Ada L", "given_name", "G"))).isEqualTo("Ada L");
        assertThat(read(base, Map.of("given_name", "Ada", "family_name", "Lovelace"))).isEqualTo("Ada Lovelace");
        assertThat(read(base, Map.of("preferred_username", "ada"))).isEqualTo("ada");
        assertThat(read(base, Map.of())).isEqualTo("x@example.test");
    }

    @Test
    void groupsMayComeAsACommaSeparatedStringAndTheClaimIsConfigurable() {
        var p = provider();
        p.setGroupsClaim("roles");
        var person = SsoClaims.read(p, Map.of("sub", "s", "email", "a@example.test", "roles", "sre-leads, dba",
                "groups", List.of("admins")));
        assertThat(person.teams()).containsEntry("SRE", TeamRole.MANAGER).containsEntry("Databases", TeamRole.OBSERVER);
        assertThat(person.role()).isEqualTo(Role.RESPONDER);
    }

    @Test
    void verifiedOnlyWhenTheProviderSaysSo() {
        assertThat(SsoClaims.read(provider(), Map.of("sub", "s", "email", "a@x.test", "email_verified", true))
                .emailVerified()).isTrue();
        assertThat(SsoClaims.read(provider(), Map.of("sub", "s", "email", "a@x.test", "email_verified", "true"))
                .emailVerified()).isTrue();
        assertThat(SsoClaims.read(provider(), Map.of("sub", "s", "email", "a@x.test")).emailVerified()).isFalse();
    }

    @Test
    void noSubjectOrNoEmailIsRefused() {
        assertThatThrownBy(() -> SsoClaims.read(provider(), Map.of("email", "a@x.test")))
                .isInstanceOf(SsoClaims.Unusable.class).hasMessageContaining("sub");
        assertThatThrownBy(() -> SsoClaims.read(provider(), Map.of("sub", "s")))
                .isInstanceOf(SsoClaims.Unusable.class).hasMessageContaining("e-mail");
    }

    private static String read(Map<String, Object> base, Map<String, Object> more) {
        var claims = new HashMap<>(base);
        claims.putAll(more);
        return SsoClaims.read(provider(), claims).name();
    }
}
