package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15 point 2 (R15, R16): the whole table of who may change a team's configuration (CONFIGURE) and work its
 * shifts (RESPOND), by organisation role, role in the owning team ({@code -}: not a member) and whether a team
 * owns the thing at all.
 */
class TeamAccessDecisionTest {

    @ParameterizedTest(name = "{0} who is {1} of the owning team (owned {2}): configure {3}, respond {4}")
    @CsvSource({
            // org role,  team role, owned, configure, respond
            "ADMIN,       -,         true,  true,      true",
            "ADMIN,       OBSERVER,  true,  true,      true",
            "ADMIN,       -,         false, true,      true",
            "RESPONDER,   MANAGER,   true,  true,      true",
            "RESPONDER,   RESPONDER, true,  false,     true",
            "RESPONDER,   OBSERVER,  true,  false,     false",
            "RESPONDER,   -,         true,  false,     false", // another team's manager, a service account
            "RESPONDER,   -,         false, false,     true",  // the organisation's: administrators configure
            "STAKEHOLDER, MANAGER,   true,  false,     false", // the organisation role comes first
            "STAKEHOLDER, RESPONDER, true,  false,     false",
            "STAKEHOLDER, -,         true,  false,     false",
            "STAKEHOLDER, -,         false, false,     false",
    })
    void decides(Role orgRole, String teamRole, boolean owned, boolean configure, boolean respond) {
        var inTeam = "-".equals(teamRole) ? Optional.<TeamRole>empty() : Optional.of(TeamRole.valueOf(teamRole));
        var configuring = TeamAccessDecision.decide(orgRole, TeamPermission.CONFIGURE, owned, inTeam);
        var responding = TeamAccessDecision.decide(orgRole, TeamPermission.RESPOND, owned, inTeam);
        assertThat(configuring.allowed()).isEqualTo(configure);
        assertThat(responding.allowed()).isEqualTo(respond);
        // A refusal says why in words; an allowed one has nothing to say.
        assertThat(configuring.reason().isEmpty()).isEqualTo(configure);
        assertThat(responding.reason().isEmpty()).isEqualTo(respond);
    }
}
