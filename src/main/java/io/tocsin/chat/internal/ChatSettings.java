package io.tocsin.chat.internal;

import java.sql.Timestamp;
import java.time.Clock;

import io.tocsin.identity.SecretBox;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Chat settings: what administrators set through the API ({@code chat_setting}, secrets sealed with
 * {@link SecretBox}) wins over configuration ({@code tocsin.chat.<tool>.<name>}), which wins over the default.
 * Names ending in {@code token}, {@code secret} or {@code key} are secrets: sealed at rest, never shown.
 */
@Component
@Transactional
public class ChatSettings {

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final Environment environment;
    private final Clock clock;

    ChatSettings(JdbcClient jdbc, SecretBox secrets, Environment environment, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.environment = environment;
        this.clock = clock;
    }

    static boolean secret(String name) {
        return name.endsWith("token") || name.endsWith("secret") || name.endsWith("key");
    }

    @Transactional(readOnly = true)
    public String get(String tool, String name, String fallback) {
        String key = tool + "." + name;
        var stored = java.util.Optional.ofNullable(stored().get(key));
        if (stored.isPresent()) {
            return secret(name) ? secrets.open(stored.get(), "chat_setting." + key) : stored.get();
        }
        return environment.getProperty("tocsin.chat." + key, fallback);
    }

    /**
     * Every stored setting, read once per transaction: an incident's change asks each chat tool whether it is
     * configured, several times in the transaction that declares it (on the path to the first page).
     */
    private java.util.Map<String, String> stored() {
        return io.tocsin.shared.TransactionMemo.get(MEMO, "all", () -> {
            var all = new java.util.HashMap<String, String>();
            jdbc.sql("select setting_name, setting_value from chat_setting")
                    .query(rs -> {
                        all.put(rs.getString(1), rs.getString(2));
                    });
            return all;
        });
    }

    private static final String MEMO = "chat-settings";

    public boolean flag(String tool, String name, boolean fallback) {
        return Boolean.parseBoolean(get(tool, name, Boolean.toString(fallback)));
    }

    /**
     * Removes a stored value and answers it, once: of two callers at the same moment only the one whose delete
     * removed the row gets it (single-use codes). Not for secrets, and never falls back to configuration.
     */
    public java.util.Optional<String> take(String tool, String name) {
        String key = tool + "." + name;
        io.tocsin.shared.TransactionMemo.forget(MEMO, "all");
        var stored = jdbc.sql("select setting_value from chat_setting where setting_name = ?").param(key)
                .query(String.class).optional();
        if (stored.isEmpty() || jdbc.sql("delete from chat_setting where setting_name = ? and setting_value = ?")
                .params(key, stored.get()).update() != 1) {
            return java.util.Optional.empty();
        }
        return stored;
    }

    /** Stores a value ({@code null} or blank: back to configuration). */
    public void put(String tool, String name, String value) {
        String key = tool + "." + name;
        io.tocsin.shared.TransactionMemo.forget(MEMO, "all");
        jdbc.sql("delete from chat_setting where setting_name = ?").param(key).update();
        if (value == null || value.isBlank()) {
            return;
        }
        String stored = secret(name) ? secrets.seal(value.strip(), "chat_setting." + key) : value.strip();
        jdbc.sql("insert into chat_setting (setting_name, setting_value, updated_at) values (?, ?, ?)")
                .params(key, stored, Timestamp.from(clock.instant())).update();
    }
}
