package io.tocsin.chat.teams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.chat.internal.ChatSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Linking a Teams account without a bot (issue 14 point 3): an outgoing webhook knows who wrote (the signed
 * message's {@code from.aadObjectId}) but Teams gives it no e-mail address and no roster. So the person asks
 * Tocsin for a code on their profile and writes {@code @Tocsin link <code>} in Teams; the code is short-lived and
 * single-use, and stored only as its SHA-256 (as a chat setting, so every node sees it).
 */
@Component
@Transactional
class TeamsWebhookLinks {

    static final Duration TTL = Duration.ofMinutes(15);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChatSettings settings;
    private final Clock clock;

    TeamsWebhookLinks(ChatSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    record Code(String code, Instant expiresAt) {
    }

    Code issue(UUID userId) {
        var code = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        var expires = clock.instant().plus(TTL);
        settings.put(TeamsWebhookSettings.TOOL, name(code.toString()), userId + "|" + expires.getEpochSecond());
        return new Code(code.toString(), expires);
    }

    /** The user the code was issued to, if it is known and not expired; either way it is used up. */
    Optional<UUID> redeem(String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!normalized.matches("[A-Z0-9]{10}")) {
            return Optional.empty();
        }
        // Taken atomically: two messages with the same code at once link one account, not two.
        var taken = settings.take(TeamsWebhookSettings.TOOL, name(normalized));
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        var parts = taken.get().split("\\|");
        if (parts.length != 2 || !clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(parts[1])))) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(parts[0]));
    }

    private static String name(String code) {
        try {
            return "link." + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
