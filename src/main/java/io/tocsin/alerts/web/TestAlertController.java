package io.tocsin.alerts.web;

import java.util.Map;
import java.util.UUID;

import io.tocsin.alerts.internal.TestAlerts;
import io.tocsin.catalog.Service;
import io.tocsin.identity.CurrentActor;
import io.tocsin.incidents.Incidents;
import io.tocsin.shared.UiPanel;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Send a test alert" on every service page (issue 13): a responder checks that the service's pages reach whoever
 * is on call, and lands on the incident the alert opened (or on the alert, if the service's rules open none).
 */
@Controller
class TestAlertController {

    private final TestAlerts testAlerts;
    private final Incidents incidents;
    private final MessageSource messages;

    TestAlertController(TestAlerts testAlerts, Incidents incidents, MessageSource messages) {
        this.testAlerts = testAlerts;
        this.incidents = incidents;
        this.messages = messages;
    }

    @Configuration(proxyBeanMethods = false)
    static class Panel {
        @Bean
        UiPanel testAlertPanel() {
            return UiPanel.of(UiPanel.SERVICE, 5, "alerts/test-alert-panel", context ->
                    context.subject() instanceof Service service ? Map.of("serviceId", service.id()) : Map.of());
        }
    }

    @PostMapping("/services/{id}/test-alert")
    String send(@PathVariable UUID id, RedirectAttributes redirect) {
        var locale = LocaleContextHolder.getLocale();
        String by = CurrentActor.get().name();
        var sent = testAlerts.send(id, messages.getMessage("alerts.test.summary", new Object[] {by}, locale), by);
        redirect.addFlashAttribute("flash", messages.getMessage("alerts.test.sent", null, locale));
        return sent.incidentId().flatMap(incidents::find)
                .map(incident -> "redirect:/incidents/" + incident.key())
                .orElse("redirect:/alerts/" + sent.alertId());
    }
}
