package io.tocsin.oncall.internal;

import io.tocsin.identity.TeamOwned;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which team owns a schedule, and the schedule of a cover request: the API's security chain asks before a
 * change reaches {@link Schedules} (issue 15 point 2).
 */
@Configuration(proxyBeanMethods = false)
class ScheduleOwners {

    @Bean
    TeamOwned scheduleOwner(ScheduleStore store) {
        return TeamOwned.of("schedule", id -> store.find(id).map(s -> new TeamOwned.Owner(s.teamId())));
    }

    @Bean
    TeamOwned coverRequestOwner(ScheduleStore store, OverrideStore overrides) {
        return TeamOwned.of("cover-request", id -> overrides.findCoverRequest(id).flatMap(r -> store.find(r.scheduleId()))
                .map(s -> new TeamOwned.Owner(s.teamId())));
    }
}
