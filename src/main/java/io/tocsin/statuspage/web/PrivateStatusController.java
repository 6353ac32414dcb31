package io.tocsin.statuspage.web;

import java.io.IOException;
import java.util.Locale;

import io.tocsin.identity.CurrentActor;
import io.tocsin.statuspage.Visibility;
import io.tocsin.statuspage.internal.Snapshots;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Private pages (issue 11 point 1): the same snapshot, for signed-in people only (the UI's security chain asks
 * everyone else to sign in), and of those only addresses of the page's access list of e-mail domains, if it has
 * one. Never cached by shared caches.
 */
@Controller
class PrivateStatusController {

    private final Snapshots snapshots;

    PrivateStatusController(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @GetMapping({"/status/{slug}", "/status/{slug}/theme.css", "/status/{slug}/badge.svg",
            "/status/{slug}/api/v2/*.json", "/status/{slug}/api/v2/*/*.json", "/status/{slug}/components/*/badge.svg"})
    void read(@PathVariable String slug, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var target = PublicStatusValve.resolve(snapshots.current(), null, request.getRequestURI(),
                request.getQueryString());
        if (target == null || target.entry().page().visibility() != Visibility.PRIVATE || !allowed(target)) {
            PublicStatusValve.notFound(response);
            return;
        }
        var resource = target.entry().resources().get(target.resource());
        if (resource == null) {
            PublicStatusValve.notFound(response);
            return;
        }
        PublicStatusValve.write(request, response, resource, "private, no-cache");
    }

    private static boolean allowed(PublicStatusValve.Target target) {
        var domains = target.entry().page().allowedDomains();
        if (domains.isEmpty()) {
            return true;
        }
        String email = CurrentActor.principal().map(p -> p.email().toLowerCase(Locale.ROOT)).orElse("");
        return domains.stream().anyMatch(d -> email.endsWith("@" + d));
    }
}
