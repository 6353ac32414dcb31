package io.tocsin.web;

import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.stream.Collectors;

import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Role;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.shared.NavigationItem;
import io.tocsin.shared.NavigationItem.Section;
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
        String path = request.getRequestURI().substring(request.getContextPath().length());
        model.putIfAbsent("navigation", navigation(path));
        model.putIfAbsent("canRespond", canRespond());
        model.putIfAbsent("isAdmin", isAdmin());
    }

    TocsinPrincipal me() {
        return CurrentActor.principal().orElse(null);
    }

    /** The entries the signed-in person may see, by section, and which of them is the current page's. */
    Navigation navigation(String currentPath) {
        var me = CurrentActor.principal().orElse(null);
        var visible = navigation.stream()
                .filter(n -> n.role() == null || (me != null && allowed(me.role(), Role.valueOf(n.role()))))
                .collect(Collectors.groupingBy(NavigationItem::section, () -> new EnumMap<>(Section.class),
                        Collectors.toList()));
        var more = visible.entrySet().stream()
                .filter(e -> e.getKey() != Section.MAIN && e.getKey() != Section.PERSONAL)
                .map(e -> new Group(e.getKey(), e.getValue())).toList();
        return new Navigation(visible.getOrDefault(Section.MAIN, List.of()),
                visible.getOrDefault(Section.PERSONAL, List.of()), more, currentPath);
    }

    /**
     * What the top bar shows: {@code main} in the bar, {@code more} as the groups of the "More" menu (in the order
     * of {@link Section}), {@code personal} in the user menu.
     */
    record Navigation(List<NavigationItem> main, List<NavigationItem> personal, List<Group> more, String currentPath) {

        public boolean isCurrent(NavigationItem item) {
            return item.isCurrent(currentPath);
        }

        /** Whether the current page is one of the "More" menu's, so the menu's button shows it. */
        public boolean moreIsCurrent() {
            return more.stream().flatMap(g -> g.items().stream()).anyMatch(this::isCurrent);
        }
    }

    record Group(Section section, List<NavigationItem> items) {
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
