package io.tocsin.comms.web;

import java.util.Comparator;
import java.util.Map;

import io.tocsin.comms.MessageTemplates;
import io.tocsin.comms.UpdateAudience;
import io.tocsin.comms.UpdateKind;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The organisation's own wording of the update templates, in English and German (administrators, R23). */
@Controller
class TemplateAdminController {

    private final MessageTemplates templates;

    TemplateAdminController(MessageTemplates templates) {
        this.templates = templates;
    }

    @Bean
    static NavigationItem templatesNavigation() {
        return new NavigationItem(Section.ADMINISTRATION, "nav.templates", "/admin/templates", 20, "ADMIN");
    }

    @GetMapping("/admin/templates")
    String page(Model model) {
        return page(model, null, Map.of());
    }

    @PostMapping("/admin/templates/{audience}/{kind}/{language}")
    String save(@PathVariable UpdateAudience audience, @PathVariable UpdateKind kind, @PathVariable String language,
            @RequestParam String title, @RequestParam String body, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        try {
            templates.save(audience, kind, language, title, body);
            redirect.addFlashAttribute("flash", "✓");
            return "redirect:/admin/templates#" + audience + "-" + kind + "-" + language;
        } catch (InvalidInputException e) {
            response.setStatus(422);
            return page(model, new MessageTemplates.Template(audience, kind, language, title, body, true), e.byField());
        }
    }

    @PostMapping("/admin/templates/{audience}/{kind}/{language}/reset")
    String reset(@PathVariable UpdateAudience audience, @PathVariable UpdateKind kind, @PathVariable String language) {
        templates.reset(audience, kind, language);
        return "redirect:/admin/templates#" + audience + "-" + kind + "-" + language;
    }

    private String page(Model model, MessageTemplates.Template failed, Map<String, String> errors) {
        var all = templates.all().stream()
                .map(t -> failed != null && t.audience() == failed.audience() && t.kind() == failed.kind()
                        && t.language().equals(failed.language()) ? failed : t)
                .sorted(Comparator.comparing((MessageTemplates.Template t) -> t.audience())
                        .thenComparing(MessageTemplates.Template::kind).thenComparing(MessageTemplates.Template::language))
                .toList();
        model.addAttribute("templates", all);
        model.addAttribute("failed", failed);
        model.addAttribute("errors", errors);
        return "comms/templates";
    }
}
