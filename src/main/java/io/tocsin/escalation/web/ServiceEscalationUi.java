package io.tocsin.escalation.web;

import java.util.HashMap;
import java.util.UUID;

import io.tocsin.catalog.Service;
import io.tocsin.escalation.internal.PolicyStore;
import io.tocsin.shared.UiPanel;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The service page's escalation box (R10, issue 5 point 9): which policy pages for the service, and for
 * administrators (like {@code PUT /api/v1/services/{id}/escalation-policy}; the path under {@code /admin} is
 * guarded for them) a picker to assign another one or none.
 */
@Controller
class ServiceEscalationUi {

    private final PolicyStore policies;
    private final MessageSource messages;

    ServiceEscalationUi(PolicyStore policies, MessageSource messages) {
        this.policies = policies;
        this.messages = messages;
    }

    @Bean
    static UiPanel serviceEscalationPanel(PolicyStore policies) {
        return UiPanel.of(UiPanel.SERVICE, 20, "escalation/service-panel", context -> {
            var model = new HashMap<String, Object>();
            if (context.subject() instanceof Service service) {
                model.put("serviceId", service.id());
                model.put("policy", policies.policyOf(service.id()).orElse(null));
                model.put("policies", policies.policies());
            }
            return model;
        });
    }

    @PostMapping("/admin/services/{serviceId}/escalation-policy")
    String assign(@PathVariable UUID serviceId, @RequestParam(required = false) UUID policyId,
            RedirectAttributes redirect) {
        if (policyId == null) {
            policies.unassign(serviceId);
        } else {
            policies.assign(serviceId, policyId);
        }
        redirect.addFlashAttribute("flash", messages.getMessage(policyId == null ? "escalation.ui.service.unassigned"
                : "escalation.ui.service.assigned", null, LocaleContextHolder.getLocale()));
        return "redirect:/services/" + serviceId;
    }
}
