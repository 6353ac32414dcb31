package io.tocsin.statuspage.web;

import io.tocsin.identity.CurrentActor;
import io.tocsin.statuspage.Visibility;
import io.tocsin.statuspage.internal.Snapshots;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;

/**
 * Private pages (issue 11 point 1): every read a public page has - the page, its Statuspage v2 JSON, theme,
 * badges, RSS and Atom feeds and widget - under {@code /status/{slug}/...} and, on the page's own host name, at
 * {@code /}, {@code /api/v2/...} and so on, from the same snapshot, but through the security chains: the UI chain
 * sends an anonymous browser to sign in and back to the address it asked for, the API chain answers
 * {@code /api/v2/} without a session or token with its 401. Of the signed-in, only addresses in the page's
 * access list of e-mail domains, if it has one, see it; everyone else gets the same 404 as for a page that does
 * not exist. Never stored by shared caches ({@code private, no-cache}). A handler mapping rather than a
 * controller, since the own host name is data, not a path: it goes ahead of the controllers, so {@code /} on a
 * private page's host is the page, not the dashboard, and it claims nothing else (public pages are the valve's,
 * subscriptions the subscription controllers').
 */
@Component
class PrivateStatusPages extends AbstractHandlerMapping {

    private final Snapshots snapshots;

    PrivateStatusPages(Snapshots snapshots) {
        this.snapshots = snapshots;
        setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        if (!("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            return null;
        }
        // The server name as the proxy forwarded it (Host, X-Forwarded-Host or Forwarded: forward-headers-strategy).
        var target = PublicStatusValve.resolve(snapshots.current(), request.getServerName(), request.getRequestURI(),
                request.getQueryString());
        if (target == null || target.entry().page().visibility() != Visibility.PRIVATE
                || target.resource().startsWith("subscriptions")) {
            return null;
        }
        return (HttpRequestHandler) (req, res) -> {
            var resource = allowed(target) ? target.entry().resources().get(target.resource()) : null;
            if (resource == null) {
                NotFoundPage.write(req, res);
            } else {
                PublicStatusValve.write(req, res, resource, "private, no-cache");
            }
        };
    }

    private static boolean allowed(PublicStatusValve.Target target) {
        return CurrentActor.principal().map(p -> target.entry().page().admits(p.email())).orElse(false);
    }
}
