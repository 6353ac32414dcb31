package io.tocsin.chat.teams;

import io.tocsin.chat.internal.ChatSettings;
import org.springframework.stereotype.Component;

/**
 * The Teams bot's settings (issue 14 point 3), stored as chat settings of the tool {@code teams} (API first,
 * then {@code tocsin.chat.teams.*}, then these defaults). The app secret is sealed at rest ({@code app-secret}
 * ends in {@code secret}) and never shown.
 */
@Component
class TeamsSettings {

    static final String TOOL = "teams";
    static final String DEFAULT_SERVICE_URL = "https://smba.trafficmanager.net/teams/";
    static final String DEFAULT_TOKEN_URL = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";
    static final String DEFAULT_OPENID_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    private final ChatSettings settings;

    TeamsSettings(ChatSettings settings) {
        this.settings = settings;
    }

    String appId() {
        return settings.get(TOOL, "app-id", "");
    }

    String appSecret() {
        return settings.get(TOOL, "app-secret", "");
    }

    /** The tenant of a single-tenant bot (its token comes from that tenant), or blank for a multi-tenant one. */
    String tenantId() {
        return settings.get(TOOL, "tenant-id", "");
    }

    /** The channel incidents get their thread in ({@code 19:...@thread.tacv2}); blank: no threads. */
    String channelId() {
        return settings.get(TOOL, "channel-id", "");
    }

    /** The team whose members are looked up by e-mail (UPN) for profile links; blank: link by writing to the bot. */
    String teamId() {
        return settings.get(TOOL, "team-id", "");
    }

    String serviceUrl() {
        return settings.get(TOOL, "service-url", DEFAULT_SERVICE_URL);
    }

    String tokenUrl() {
        String configured = settings.get(TOOL, "token-url", "");
        if (!configured.isBlank()) {
            return configured;
        }
        return tenantId().isBlank() ? DEFAULT_TOKEN_URL
                : DEFAULT_TOKEN_URL.replace("/botframework.com/", "/" + tenantId() + "/");
    }

    String openIdUrl() {
        return settings.get(TOOL, "openid-url", DEFAULT_OPENID_URL);
    }

    String roomPattern() {
        return settings.get(TOOL, "room-pattern", "{key}");
    }

    boolean configured() {
        return !appId().isBlank() && !appSecret().isBlank();
    }

    void put(String name, String value) {
        settings.put(TOOL, name, value);
    }
}
