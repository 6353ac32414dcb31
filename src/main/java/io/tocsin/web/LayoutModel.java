package io.tocsin.web;

import java.util.Comparator;
import java.util.List;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.shared.NavigationItem;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the layout needs on every page: who is signed in and the navigation. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

    private final List<NavigationItem> navigation;

    LayoutModel(List<NavigationItem> navigation) {
        this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
    }

    @ModelAttribute("me")
    TocsinPrincipal me() {
        return CurrentActor.principal().orElse(null);
    }

    @ModelAttribute("navigation")
    List<NavigationItem> navigation() {
        var me = CurrentActor.principal().orElse(null);
        return navigation.stream().filter(n -> n.role() == null || (me != null && allowed(me.role(), Role.valueOf(n.role()))))
                .toList();
    }

    @ModelAttribute("canRespond")
    boolean canRespond() {
        return CurrentActor.principal().map(p -> p.role() != Role.STAKEHOLDER).orElse(false);
    }

    @ModelAttribute("isAdmin")
    boolean isAdmin() {
        return CurrentActor.principal().map(p -> p.role() == Role.ADMIN).orElse(false);
    }

    private static boolean allowed(Role have, Role need) {
        return have.ordinal() <= need.ordinal();
    }
}
