package io.tocsin.escalation.internal;

import java.util.UUID;

import io.tocsin.identity.TeamOwned;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Which team owns an escalation policy, for the API's security chain (issue 15 point 2). */
@Configuration(proxyBeanMethods = false)
class PolicyOwners {

    @Bean
    TeamOwned policyOwner(JdbcClient jdbc) {
        return TeamOwned.of("escalation-policy", id -> jdbc.sql("select team_id from escalation_policy where id = ?")
                .param(id).query((rs, n) -> new TeamOwned.Owner(rs.getObject(1, UUID.class))).optional());
    }
}
