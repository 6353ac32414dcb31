package io.tocsin.statuspage;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What webhook subscribers may register (issue 11 point 6): https only and no private, loopback or link-local
 * target (the SSRF guard of notify's webhooks) unless an administrator allows it here, e.g. for a receiver on
 * the same network, or tests; and after how many failed deliveries in a row a subscriber is disabled.
 */
@Component
public class WebhookSettings {

    private volatile boolean allowHttp;
    private volatile boolean allowPrivateTargets;
    private volatile int disableAfter;

    WebhookSettings(@Value("${tocsin.statuspage.webhooks.allow-http:false}") boolean allowHttp,
            @Value("${tocsin.statuspage.webhooks.allow-private-targets:false}") boolean allowPrivateTargets,
            @Value("${tocsin.statuspage.webhooks.disable-after:5}") int disableAfter) {
        this.allowHttp = allowHttp;
        this.allowPrivateTargets = allowPrivateTargets;
        this.disableAfter = Math.max(1, disableAfter);
    }

    public boolean allowHttp() {
        return allowHttp;
    }

    public void setAllowHttp(boolean allowHttp) {
        this.allowHttp = allowHttp;
    }

    public boolean allowPrivateTargets() {
        return allowPrivateTargets;
    }

    public void setAllowPrivateTargets(boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
    }

    public int disableAfter() {
        return disableAfter;
    }

    public void setDisableAfter(int disableAfter) {
        this.disableAfter = Math.max(1, disableAfter);
    }
}
