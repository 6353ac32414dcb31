package io.tocsin.notify.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import io.tocsin.notify.internal.VapidKeys;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a browser needs to subscribe to Web Push: Tocsin's VAPID public key (RFC 8292). */
@RestController
@Tag(name = "My notifications")
class PushApiController {

    private final VapidKeys vapid;

    PushApiController(VapidKeys vapid) {
        this.vapid = vapid;
    }

    /** The {@code applicationServerKey} for {@code PushManager.subscribe}: unpadded base64url of a P-256 point. */
    record PublicKey(String publicKey) {
    }

    @GetMapping("/api/v1/notify/push/public-key")
    PublicKey publicKey() {
        return new PublicKey(vapid.publicKey());
    }
}
