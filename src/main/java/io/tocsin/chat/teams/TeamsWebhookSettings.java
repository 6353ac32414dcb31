package io.tocsin.chat.teams;

import java.util.Arrays;
import java.util.List;

import io.tocsin.chat.internal.ChatSettings;
import org.springframework.stereotype.Component;

/**
 * Teams without a bot (issue 14 point 3), stored as chat settings of the tool {@code teamswebhook}: per team or
 * channel a Workflows webhook URL ({@code channel.<name>.url-secret}, sealed at rest because the URL itself is the
 * credential, never shown back), the channel incident messages go to, and the outgoing webhook's security token
 * ({@code outgoing-key}, sealed). The names of the channels are kept in the clear so they can be listed.
 */
@Component
class TeamsWebhookSettings {

    static final String TOOL = "teamswebhook";

    private final ChatSettings settings;

    TeamsWebhookSettings(ChatSettings settings) {
        this.settings = settings;
    }

    List<String> channels() {
        return Arrays.stream(settings.get(TOOL, "channels", "").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }

    String url(String channel) {
        return settings.get(TOOL, "channel." + channel + ".url-secret", "");
    }

    void putUrl(String channel, String url) {
        settings.put(TOOL, "channel." + channel + ".url-secret", url);
        var names = new java.util.LinkedHashSet<>(channels());
        if (url == null || url.isBlank()) {
            names.remove(channel);
        } else {
            names.add(channel);
        }
        settings.put(TOOL, "channels", String.join(",", names));
    }

    /** Where incident messages go; blank: incidents get no messages (pages still go to the people's channels). */
    String incidentChannel() {
        return settings.get(TOOL, "incident-channel", "");
    }

    /** The outgoing webhook's security token as Teams shows it (base64); blank: commands are refused. */
    String outgoingKey() {
        return settings.get(TOOL, "outgoing-key", "");
    }

    void put(String name, String value) {
        settings.put(TOOL, name, value);
    }

    boolean configured() {
        return !channels().isEmpty();
    }
}
