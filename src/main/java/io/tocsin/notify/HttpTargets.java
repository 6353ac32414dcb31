package io.tocsin.notify;

import java.util.Locale;
import java.util.Optional;

import io.tocsin.notify.internal.WebhookTargetGuard;

/**
 * The SSRF guard of notify's webhooks, for modules that take a URL to POST to later (status page webhook
 * subscribers): what is wrong with a target, checked when it is registered; the outbox checks it again, and pins
 * the checked addresses, when it sends.
 */
public final class HttpTargets {

    private HttpTargets() {
    }

    /** Why the URL cannot be a target, or empty. {@code httpAllowed} false: only https. */
    public static Optional<String> problem(String url, boolean httpAllowed, boolean privateAllowed) {
        try {
            var uri = WebhookTargetGuard.parse(url);
            if (!httpAllowed && !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
                return Optional.of("must be an https URL");
            }
            if (uri.toString().length() > 2000) {
                return Optional.of("at most 2000 characters");
            }
            WebhookTargetGuard.system().check(url, privateAllowed);
            return Optional.empty();
        } catch (WebhookTargetGuard.Refused e) {
            return Optional.of(e.getMessage());
        }
    }
}
