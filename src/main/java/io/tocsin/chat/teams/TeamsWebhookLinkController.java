package io.tocsin.chat.teams;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.identity.CurrentActor;
import io.tocsin.shared.ConflictException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in person's code for linking their Teams account through the outgoing webhook (issue 14 point 3):
 * they write {@code @Tocsin link <code>} in Teams within 15 minutes (see {@link TeamsWebhookLinks}).
 */
@RestController
class TeamsWebhookLinkController {

    private final TeamsWebhookLinks links;
    private final TeamsWebhookSettings settings;

    TeamsWebhookLinkController(TeamsWebhookLinks links, TeamsWebhookSettings settings) {
        this.links = links;
        this.settings = settings;
    }

    @Schema(name = "TeamsWebhookLinkCode")
    record View(String code, Instant expiresAt, String write) {
    }

    @PostMapping("/api/v1/me/chat-accounts/teamswebhook/code")
    View code() {
        if (settings.outgoingKey().isBlank()) {
            throw new ConflictException("chat-not-configured", "Teams' outgoing webhook is not set up in Tocsin");
        }
        var code = links.issue(CurrentActor.get().userId());
        return new View(code.code(), code.expiresAt(), "@Tocsin link " + code.code());
    }
}
