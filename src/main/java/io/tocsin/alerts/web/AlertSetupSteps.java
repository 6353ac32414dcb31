package io.tocsin.alerts.web;

import io.tocsin.shared.SetupStep;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The alerts module's item of "Getting started" (issue 13): some service has an integration. */
@Configuration(proxyBeanMethods = false)
class AlertSetupSteps {

    @Bean
    SetupStep integrationStep(JdbcClient jdbc) {
        return SetupStep.of(30, "setup.integration", "setup.integration.hint", "/services", () ->
                jdbc.sql("select count(*) from alert_integration").query(Long.class).single() > 0);
    }
}
