package io.tocsin.oncall.web;

import io.tocsin.oncall.internal.Schedules;
import io.tocsin.shared.SetupStep;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The on-call module's item of "Getting started" (issue 13): a schedule exists. */
@Configuration(proxyBeanMethods = false)
class OnCallSetupSteps {

    @Bean
    SetupStep scheduleStep(Schedules schedules) {
        return SetupStep.of(40, "setup.schedule", "setup.schedule.hint", "/schedules",
                () -> !schedules.schedules().isEmpty());
    }
}
