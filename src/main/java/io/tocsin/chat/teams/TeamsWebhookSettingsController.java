package io.tocsin.chat.teams;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.shared.InvalidInputException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Teams through webhooks (issue 14 point 3), administrators only ({@code /api/v1/chat/**}): the Workflows webhook
 * URL of each team or channel (sealed, never shown again: the URL is the credential), the channel incident
 * messages go to, and the outgoing webhook's security token (sealed).
 */
@RestController
class TeamsWebhookSettingsController {

    private final TeamsWebhookSettings settings;

    TeamsWebhookSettingsController(TeamsWebhookSettings settings) {
        this.settings = settings;
    }

    @Schema(name = "TeamsWebhookSettings")
    record View(boolean configured, java.util.List<String> channels, String incidentChannel, boolean outgoingKeySet) {
    }

    /**
     * {@code channels}: name to Workflows URL (an empty URL removes the channel); fields left out stay as they are;
     * an empty string clears.
     */
    @Schema(name = "TeamsWebhookSettingsChange")
    record Change(@Size(max = 50) Map<String, @Size(max = 2000) String> channels, @Size(max = 40) String incidentChannel,
            @Size(max = 200) String outgoingKey) {
    }

    @GetMapping("/api/v1/chat/teams-webhook/settings")
    View get() {
        return new View(settings.configured(), settings.channels(), settings.incidentChannel(),
                !settings.outgoingKey().isBlank());
    }

    @PutMapping("/api/v1/chat/teams-webhook/settings")
    @Transactional
    View put(@Valid @RequestBody Change change) {
        if (change.channels() != null) {
            change.channels().forEach((name, url) -> {
                if (name == null || !name.matches("[a-z0-9][a-z0-9_-]{0,39}")) {
                    throw new InvalidInputException("channels", "names are 1-40 lower-case letters, digits, - and _");
                }
                if (url != null && !url.isBlank() && !url.strip().matches("https?://[^\\s]+")) {
                    throw new InvalidInputException("channels." + name, "must be the workflow's http(s) webhook URL");
                }
            });
        }
        if (change.incidentChannel() != null && !change.incidentChannel().isEmpty()
                && !change.incidentChannel().matches("[a-z0-9][a-z0-9_-]{0,39}")) {
            throw new InvalidInputException("incidentChannel", "must be the name of a channel set here");
        }
        if (change.outgoingKey() != null && !change.outgoingKey().isEmpty()) {
            try {
                if (java.util.Base64.getDecoder().decode(change.outgoingKey().strip()).length < 16) {
                    throw new IllegalArgumentException("short");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("outgoingKey", "must be the security token Teams showed (base64)");
            }
        }
        if (change.channels() != null) {
            change.channels().forEach(settings::putUrl);
        }
        if (change.incidentChannel() != null) {
            settings.put("incident-channel", change.incidentChannel());
        }
        if (change.outgoingKey() != null) {
            settings.put("outgoing-key", change.outgoingKey());
        }
        return get();
    }
}
