package io.tocsin.reports.internal;

import java.util.Optional;

import io.tocsin.identity.Identity;
import io.tocsin.identity.TeamOwned;
import io.tocsin.shared.NotFoundException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Lets the security chain refuse a change to a team's monthly report e-mail (issue 16 point 3) with a 403 naming
 * team:configure before the request is read: the team in the path owns its own mail settings.
 */
@Configuration(proxyBeanMethods = false)
class MonthlyMailOwner {

    static final String KIND = "report-mail-team";

    @Bean
    TeamOwned monthlyMailTeam(Identity identity) {
        return TeamOwned.of(KIND, id -> {
            try {
                return Optional.of(new TeamOwned.Owner(identity.team(id).id()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }
}
