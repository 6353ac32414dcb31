package io.tocsin.escalation.web;

import io.tocsin.shared.SetupStep;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The escalation module's item of "Getting started" (issue 13): some service has a policy. */
@Configuration(proxyBeanMethods = false)
class EscalationSetupSteps {

    @Bean
    SetupStep policyStep(JdbcClient jdbc) {
        return SetupStep.of(50, "setup.policy", "setup.policy.hint", "/escalation-policies", () ->
                jdbc.sql("select count(*) from service_escalation").query(Long.class).single() > 0);
    }
}
