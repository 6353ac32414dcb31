package io.tocsin.web;

import java.util.Comparator;
import java.util.List;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.shared.NavigationItem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * What the layout needs on every page: who is signed in and the navigation. Added after the controller, and only
 * when it renders a view: a {@code @ControllerAdvice} would also run for every REST and ingest request (a
 * {@code @RestController} is a {@code @Controller}), where nothing renders a layout.
 */
@Component
class LayoutModel implements HandlerInterceptor {

    private final List<NavigationItem> navigation;

    LayoutModel(List<NavigationItem> navigation) {
        this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
    }

    @Override
    public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
            ModelAndView view) {
        if (view == null || view.getView() instanceof RedirectView
                || (view.getViewName() != null && view.getViewName().startsWith("redirect:"))) {
            return;
        }
        var model = view.getModelMap();
        model.putIfAbsent("me", me());
        model.putIfAbsent("navigation", navigation());
        model.putIfAbsent("canRespond", canRespond());
        model.putIfAbsent("isAdmin", isAdmin());
    }

    TocsinPrincipal me() {
        return CurrentActor.principal().orElse(null);
    }

    List<NavigationItem> navigation() {
        var me = CurrentActor.principal().orElse(null);
        return navigation.stream().filter(n -> n.role() == null || (me != null && allowed(me.role(), Role.valueOf(n.role()))))
                .toList();
    }

    boolean canRespond() {
        return CurrentActor.principal().map(p -> p.role() != Role.STAKEHOLDER).orElse(false);
    }

    boolean isAdmin() {
        return CurrentActor.principal().map(p -> p.role() == Role.ADMIN).orElse(false);
    }

    private static boolean allowed(Role have, Role need) {
        return have.ordinal() <= need.ordinal();
    }
}
