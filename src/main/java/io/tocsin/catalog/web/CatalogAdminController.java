package io.tocsin.catalog.web;

import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Creating services and products from the services page (role admin). */
@Controller
class CatalogAdminController {

    private final Catalog catalog;

    CatalogAdminController(Catalog catalog) {
        this.catalog = catalog;
    }

    @PostMapping("/admin/services")
    String createService(@RequestParam String name, @RequestParam(required = false) String description,
            @RequestParam(required = false) UUID owningTeamId, @RequestParam(defaultValue = "2") int tier,
            RedirectAttributes redirect) {
        try {
            var service = catalog.createService(new Catalog.ServiceDraft(name, description, owningTeamId, tier));
            return "redirect:/services/" + service.id();
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            return "redirect:/services";
        }
    }

    @PostMapping("/admin/products")
    String createProduct(@RequestParam String name, @RequestParam(required = false) String description,
            RedirectAttributes redirect) {
        try {
            catalog.createProduct(name, description);
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/services";
    }
}
