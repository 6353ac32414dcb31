package io.tocsin.notify.web;

import java.util.List;
import java.util.Map;

import io.tocsin.notify.ContactMethods;
import io.tocsin.shared.SetupStep;
import io.tocsin.shared.UiPanel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notify module's items of "Getting started" (issue 13): somebody has a verified contact method, and a page
 * (from a test alert or a real one) went out to somebody. And the banner above every page of a person nobody can
 * page, because none of their contact methods is verified (or all are opted out).
 */
@Configuration(proxyBeanMethods = false)
class NotifySetupSteps {

    @Bean
    UiPanel unreachableBanner(ContactMethods contactMethods) {
        return UiPanel.of(UiPanel.BANNER, 10, "notify/banner", context -> context.viewerId() != null
                && !contactMethods.usersWithoutVerifiedMethod(List.of(context.viewerId())).isEmpty()
                ? Map.of("unreachable", true) : Map.of());
    }

    @Bean
    SetupStep contactMethodStep(JdbcClient jdbc) {
        return SetupStep.of(60, "setup.contact", "setup.contact.hint", "/profile", () -> jdbc.sql(
                "select count(*) from contact_method where verified_at is not null and opted_out_at is null")
                .query(Long.class).single() > 0);
    }

    @Bean
    SetupStep testPageStep(JdbcClient jdbc) {
        return SetupStep.of(70, "setup.test-page", "setup.test-page.hint", "/services", () -> jdbc.sql(
                "select count(*) from notify_delivery where kind in ('PAGE', 'BUNDLE') and status in ('SENT', 'BUNDLED')")
                .query(Long.class).single() > 0);
    }
}
