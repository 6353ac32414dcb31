package io.tocsin.chat.teams;

import java.util.LinkedHashMap;

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
 * The Teams bot's settings through the API (issue 14 point 3), administrators only ({@code /api/v1/chat/**}):
 * the app id and secret of the bot's Entra ID registration (the secret sealed at rest, never shown again), the
 * tenant, the channel incident threads go to, the team people are looked up in, and the Bot Framework endpoints
 * (defaults are Microsoft's). This literal path is more specific than the generic {@code /chat/{tool}/settings},
 * which is shaped for bot-token tools.
 */
@RestController
class TeamsSettingsController {

    private final TeamsSettings settings;

    TeamsSettingsController(TeamsSettings settings) {
        this.settings = settings;
    }

    @Schema(name = "TeamsBotSettings")
    record View(boolean configured, String appId, boolean appSecretSet, String tenantId, String channelId, String teamId,
            String serviceUrl, String tokenUrl, String openIdUrl, String roomPattern) {
    }

    /** Fields left out stay as they are; an empty string returns to configuration (or the default). */
    @Schema(name = "TeamsBotSettingsChange")
    record Change(@Size(max = 100) String appId, @Size(max = 500) String appSecret, @Size(max = 100) String tenantId,
            @Size(max = 300) String channelId, @Size(max = 300) String teamId, @Size(max = 500) String serviceUrl,
            @Size(max = 500) String tokenUrl, @Size(max = 500) String openIdUrl, @Size(max = 80) String roomPattern) {
    }

    @GetMapping("/api/v1/chat/teams/settings")
    View get() {
        return new View(settings.configured(), settings.appId(), !settings.appSecret().isBlank(), settings.tenantId(),
                settings.channelId(), settings.teamId(), settings.serviceUrl(), settings.tokenUrl(), settings.openIdUrl(),
                settings.roomPattern());
    }

    @PutMapping("/api/v1/chat/teams/settings")
    @Transactional
    View put(@Valid @RequestBody Change change) {
        url("serviceUrl", change.serviceUrl());
        url("tokenUrl", change.tokenUrl());
        url("openIdUrl", change.openIdUrl());
        if (change.roomPattern() != null && !change.roomPattern().isEmpty()
                && !change.roomPattern().matches("[a-z0-9_{}-]*(\\{key}|\\{number})[a-z0-9_{}-]*")) {
            throw new InvalidInputException("roomPattern",
                    "use lower-case letters, digits, - and _ with {key} or {number}, e.g. inc-{number}");
        }
        if (change.tenantId() != null && !change.tenantId().isEmpty() && !change.tenantId().matches("[A-Za-z0-9.-]+")) {
            throw new InvalidInputException("tenantId", "must be a tenant id (a GUID) or a domain");
        }
        var values = new LinkedHashMap<String, String>();
        values.put("app-id", change.appId());
        values.put("app-secret", change.appSecret());
        values.put("tenant-id", change.tenantId());
        values.put("channel-id", change.channelId());
        values.put("team-id", change.teamId());
        values.put("service-url", change.serviceUrl());
        values.put("token-url", change.tokenUrl());
        values.put("openid-url", change.openIdUrl());
        values.put("room-pattern", change.roomPattern());
        values.forEach((name, value) -> {
            if (value != null) {
                settings.put(name, value);
            }
        });
        return get();
    }

    private static void url(String field, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        try {
            var uri = java.net.URI.create(text.strip());
            if (uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal
        }
        throw new InvalidInputException(field, "must be an http(s) URL");
    }
}
