package io.tocsin.chat.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Size;
import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.chat.ChatAdapter;
import io.tocsin.chat.ChatException;
import io.tocsin.chat.internal.ChatAccounts;
import io.tocsin.chat.internal.ChatSettings;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Chat set-up through the API: administrators set a tool's credentials (sealed at rest, never shown again) and
 * options; each person links their own chat account by their e-mail address (issue 14).
 */
@RestController
@RequestMapping("/api/v1")
class ChatApiController {

    private final List<ChatAdapter> adapters;
    private final ChatSettings settings;
    private final ChatAccounts accounts;
    private final Identity identity;

    ChatApiController(List<ChatAdapter> adapters, ChatSettings settings, ChatAccounts accounts, Identity identity) {
        this.adapters = adapters;
        this.settings = settings;
        this.accounts = accounts;
        this.identity = identity;
    }

    private ChatAdapter adapter(String tool) {
        return adapters.stream().filter(a -> a.tool().equals(tool)).findFirst()
                .orElseThrow(() -> new NotFoundException("chat tool", tool));
    }

    /** A chat tool's settings; secrets only as "set" or not. */
    @Schema(name = "ChatToolSettings")
    record ToolSettings(String tool, boolean configured, boolean botTokenSet, boolean signingSecretSet, String apiUrl,
            String roomPattern, boolean archiveOnClose, String pinEmoji, boolean commandTokenSet, String teamId,
            String callbackUrl) {
    }

    /** What an administrator changes; fields left out stay as they are, an empty string returns to configuration. */
    @Schema(name = "ChatToolSettingsChange")
    record SettingsChange(@Size(max = 500) String botToken, @Size(max = 200) String signingSecret,
            @Size(max = 2000) String apiUrl, @Size(max = 80) String roomPattern, Boolean archiveOnClose,
            @Size(max = 100) String pinEmoji, @Size(max = 200) String commandToken, @Size(max = 64) String teamId,
            @Size(max = 2000) String callbackUrl) {
    }

    @GetMapping("/chat/{tool}/settings")
    ToolSettings get(@PathVariable String tool) {
        var a = adapter(tool);
        return new ToolSettings(a.tool(), a.configured(), !settings.get(tool, "bot-token", "").isBlank(),
                !settings.get(tool, "signing-secret", "").isBlank(), settings.get(tool, "api-url", null),
                settings.get(tool, "room-pattern", "{key}"), settings.flag(tool, "archive-on-close", true),
                settings.get(tool, "pin-emoji", "pushpin"), !settings.get(tool, "command-token", "").isBlank(),
                settings.get(tool, "team-id", null), settings.get(tool, "callback-url", null));
    }

    @PutMapping("/chat/{tool}/settings")
    @org.springframework.transaction.annotation.Transactional
    ToolSettings put(@PathVariable String tool, @jakarta.validation.Valid @RequestBody SettingsChange change) {
        adapter(tool);
        if (change.apiUrl() != null && !change.apiUrl().isEmpty() && !httpUrl(change.apiUrl())) {
            throw new io.tocsin.shared.InvalidInputException("apiUrl", "must be an http(s) URL");
        }
        if (change.callbackUrl() != null && !change.callbackUrl().isEmpty() && !httpUrl(change.callbackUrl())) {
            throw new io.tocsin.shared.InvalidInputException("callbackUrl", "must be an http(s) URL");
        }
        // Mattermost ids are 26 lower-case letters and digits.
        if (change.teamId() != null && !change.teamId().isEmpty() && !change.teamId().strip().matches("[a-z0-9]{26}")) {
            throw new io.tocsin.shared.InvalidInputException("teamId", "must be a Mattermost team id (26 letters and digits)");
        }
        // A room name is lower-case letters, digits, '-' and '_' in every chat tool; the pattern must name the incident.
        if (change.roomPattern() != null && !change.roomPattern().isEmpty()
                && !change.roomPattern().matches("[a-z0-9_{}-]*(\\{key}|\\{number})[a-z0-9_{}-]*")) {
            throw new io.tocsin.shared.InvalidInputException("roomPattern",
                    "use lower-case letters, digits, - and _ with {key} or {number}, e.g. inc-{number}");
        }
        var values = new LinkedHashMap<String, String>();
        values.put("bot-token", change.botToken());
        values.put("signing-secret", change.signingSecret());
        values.put("api-url", change.apiUrl());
        values.put("room-pattern", change.roomPattern());
        values.put("archive-on-close", change.archiveOnClose() == null ? null : change.archiveOnClose().toString());
        values.put("pin-emoji", change.pinEmoji());
        values.put("command-token", change.commandToken());
        values.put("team-id", change.teamId());
        values.put("callback-url", change.callbackUrl());
        values.forEach((name, value) -> {
            if (value != null) {
                settings.put(tool, name, value);
            }
        });
        return get(tool);
    }

    private static boolean httpUrl(String text) {
        try {
            var uri = java.net.URI.create(text.strip());
            return uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme())
                    || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Schema(name = "ChatAccountLink")
    record Linked(String tool, String accountId) {
    }

    /** Links the caller's account in the tool: the one with the caller's e-mail address. */
    @PostMapping("/me/chat-accounts/{tool}")
    Linked link(@PathVariable String tool) {
        var a = adapter(tool);
        if (!a.configured()) {
            throw new ConflictException("chat-not-configured", a.displayName() + " is not set up in Tocsin");
        }
        var me = identity.user(CurrentActor.get().userId());
        try {
            var account = a.accountByEmail(me.email()).orElseThrow(() -> new NotFoundException(
                    a.displayName() + " account with e-mail address", me.email()));
            accounts.link(a, account, me.id(), "profile");
            return new Linked(tool, account);
        } catch (ChatException e) {
            throw new ConflictException("chat-unreachable", a.displayName() + " could not be reached: " + e.getMessage());
        }
    }

    @GetMapping("/me/chat-accounts")
    Map<String, String> mine() {
        var me = CurrentActor.get().userId();
        var result = new LinkedHashMap<String, String>();
        adapters.forEach(a -> accounts.linkedAccount(a.tool(), me).ifPresent(id -> result.put(a.tool(), id)));
        return result;
    }
}
