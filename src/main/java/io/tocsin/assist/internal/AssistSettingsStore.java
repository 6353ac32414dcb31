package io.tocsin.assist.internal;

import java.net.URI;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.UUID;

import io.tocsin.identity.SecretBox;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organisation's assistant settings (issue 18 points 3 and 4): one row, written by the migration with the
 * defaults (off, no endpoint). The endpoint key is sealed with {@link SecretBox} and never read back
 * through the API, only whether one is set.
 */
@Component
public class AssistSettingsStore {

    static final String ROW = "org";
    static final String KEY_CONTEXT = "assist_settings.api_key";
    public static final int DEFAULT_CALLS_PER_HOUR = 60;
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;
    public static final int MAX_CALLS_PER_HOUR = 100_000;
    public static final int MAX_TIMEOUT_SECONDS = 300;

    public record Settings(boolean enabled, String endpointUrl, String model, boolean apiKeySet, int callsPerHour,
            int timeoutSeconds, boolean logContent, Instant updatedAt) {

        public boolean hasEndpoint() {
            return endpointUrl != null && model != null;
        }
    }

    /** A change; null leaves a field as it is; an empty {@code apiKey} removes the key. */
    public record Change(Boolean enabled, String endpointUrl, String model, String apiKey, Integer callsPerHour,
            Integer timeoutSeconds, Boolean logContent) {
    }

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final Clock clock;
    private final AssistBudget budget;

    AssistSettingsStore(JdbcClient jdbc, SecretBox secrets, Clock clock, AssistBudget budget) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.budget = budget;
    }

    /** Model calls taken from this hour's budget, across all nodes. */
    public int callsThisHour() {
        return budget.used(clock.instant());
    }

    public Settings current() {
        return jdbc.sql("select enabled, endpoint_url, model, api_key, calls_per_hour, timeout_seconds, log_content,"
                + " updated_at from assist_settings where id = ?").param(ROW)
                .query((rs, n) -> new Settings(rs.getBoolean(1), rs.getString(2), rs.getString(3), rs.getString(4) != null,
                        rs.getInt(5), rs.getInt(6), rs.getBoolean(7), rs.getTimestamp(8).toInstant()))
                .optional().orElse(new Settings(false, null, null, false, DEFAULT_CALLS_PER_HOUR,
                        DEFAULT_TIMEOUT_SECONDS, false, null));
    }

    /** The endpoint key in plain text, for the call only. */
    String apiKey() {
        return jdbc.sql("select api_key from assist_settings where id = ?").param(ROW).query(String.class).optional()
                .map(sealed -> secrets.open(sealed, KEY_CONTEXT)).orElse(null);
    }

    @Transactional
    public Settings update(Change change, UUID by) {
        var now = current();
        var problems = new ArrayList<FieldViolation>();
        String url = change.endpointUrl() == null ? now.endpointUrl() : blankToNull(change.endpointUrl());
        if (url != null) {
            url = url.strip();
            try {
                var uri = URI.create(url);
                if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                        || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                        || uri.getRawFragment() != null) {
                    problems.add(new FieldViolation("endpointUrl", "must be an http or https URL without credentials,"
                            + " query or fragment, e.g. http://localhost:11434/v1"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new FieldViolation("endpointUrl", "is not a URL"));
            }
            if (url.length() > 1000) {
                problems.add(new FieldViolation("endpointUrl", "must be at most 1000 characters"));
            }
        }
        String model = change.model() == null ? now.model() : blankToNull(change.model());
        if (model != null && (model.strip().length() > 200 || model.strip().isEmpty())) {
            problems.add(new FieldViolation("model", "must be 1-200 characters"));
        }
        int calls = change.callsPerHour() == null ? now.callsPerHour() : change.callsPerHour();
        if (calls < 1 || calls > MAX_CALLS_PER_HOUR) {
            problems.add(new FieldViolation("callsPerHour", "must be between 1 and " + MAX_CALLS_PER_HOUR));
        }
        int timeout = change.timeoutSeconds() == null ? now.timeoutSeconds() : change.timeoutSeconds();
        if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
            problems.add(new FieldViolation("timeoutSeconds", "must be between 1 and " + MAX_TIMEOUT_SECONDS));
        }
        if (change.apiKey() != null && change.apiKey().length() > 500) {
            problems.add(new FieldViolation("apiKey", "must be at most 500 characters"));
        }
        if ((url == null) != (model == null)) {
            problems.add(new FieldViolation(url == null ? "endpointUrl" : "model",
                    "an endpoint needs both its URL and a model"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean enabled = change.enabled() == null ? now.enabled() : change.enabled();
        boolean logContent = change.logContent() == null ? now.logContent() : change.logContent();
        var at = Timestamp.from(clock.instant());
        String existingKey = jdbc.sql("select api_key from assist_settings where id = ?").param(ROW)
                .query(String.class).optional().orElse(null);
        String key = change.apiKey() == null ? existingKey
                : change.apiKey().isBlank() ? null : secrets.seal(change.apiKey().strip(), KEY_CONTEXT);
        String m = model == null ? null : model.strip();
        jdbc.sql("update assist_settings set enabled = ?, endpoint_url = ?, model = ?, api_key = ?,"
                + " calls_per_hour = ?, timeout_seconds = ?, log_content = ?, updated_at = ?, updated_by = ? where id = ?")
                .params(enabled, url, m, key, calls, timeout, logContent, at, by, ROW).update();
        return current();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
