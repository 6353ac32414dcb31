package io.tocsin.alerts.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.tocsin.alerts.AlertSeverity;
import io.tocsin.alerts.internal.format.Limits;
import io.tocsin.alerts.internal.format.Text;

import io.tocsin.catalog.Catalog;
import io.tocsin.shared.ClusterSignals;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.SecretBox;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Integrations and their keys. A key is shown once, when created or rotated; only its hash is kept. Looked-up
 * keys are cached for a short time because every ingest request needs one; rotation evicts the local entry at
 * once, other nodes notice within {@code tocsin.alerts.key-cache-ttl}.
 */
@Component
@Transactional
public class Integrations {

    public static final int MAX_RATE_LIMIT = 1_000_000;
    static final int MAX_SEVERITY_WORDS = 100;
    /** An RFC 9110 field name (token), as Grafana's header fields must be. */
    static final int MAX_ALLOWED_SENDERS = 100;
    /** An address ({@code local@domain}) or a whole domain ({@code @domain}); no spaces, no second {@code @}. */
    private static final Pattern SENDER = Pattern.compile("[^@\\s]{0,200}@[A-Za-z0-9.-]{1,253}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]{1,100}");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Catalog catalog;
    private final AlertRules rules;
    private final AuditLog audit;
    private final AlertsProperties properties;
    private final RateLimits rateLimits;
    private final JsonMapper json;
    private final SecretBox secrets;
    private final ConcurrentHashMap<String, Cached> byKeyHash = new ConcurrentHashMap<>();
    private final ClusterSignals cluster;

    /** The signal that an integration changed, so every node drops its cached key (issue 17, point 5). */
    static final String TOPIC = "alerts.integration";

    Integrations(JdbcClient jdbc, Clock clock, Catalog catalog, AlertRules rules, AuditLog audit,
            AlertsProperties properties, RateLimits rateLimits, JsonMapper json, SecretBox secrets,
            ClusterSignals cluster) {
        this.cluster = cluster;
        this.jdbc = jdbc;
        this.clock = clock;
        this.catalog = catalog;
        this.rules = rules;
        this.audit = audit;
        this.properties = properties;
        this.rateLimits = rateLimits;
        this.json = json;
        this.secrets = secrets;
    }

    /** Signing secrets are kept encrypted ({@link SecretBox}); this is where in the database they live. */
    static final String SECRET_CONTEXT = "alert_integration.signing_secret";

    /** Seals signing secrets written before encryption, or under a key since rotated, with the active key. */
    @EventListener(ApplicationReadyEvent.class)
    public void sealSecretsWithTheActiveKey() {
        jdbc.sql("select id, signing_secret from alert_integration where signing_secret is not null")
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2))).list().stream()
                .filter(row -> !secrets.isCurrent(row.getValue()))
                .forEach(row -> {
                    jdbc.sql("update alert_integration set signing_secret = ? where id = ?")
                            .params(sealed(secrets.open(row.getValue(), SECRET_CONTEXT)), row.getKey()).update();
                    byKeyHash.values().removeIf(c -> c.integration().id().equals(row.getKey()));
                });
    }

    private String sealed(String signingSecret) {
        return secrets.seal(blankToNull(signingSecret), SECRET_CONTEXT);
    }

    private record Cached(Integration integration, Instant until) {
    }

    /** An integration with its key in clear text: the only time anyone sees it. */
    public record WithKey(Integration integration, String key) {
    }

    /**
     * What an admin sets on an integration. {@code severityMap} (source word, priority or label value to
     * severity) and {@code missingSeverity} form the integration's own mapping; the header names apply to Grafana.
     */
    public record Draft(String name, IntegrationKind kind, String signingSecret, Integer rateLimitPerMinute,
            Map<String, AlertSeverity> severityMap, AlertSeverity missingSeverity, String signatureHeader,
            String timestampHeader, List<String> allowedSenders) {

        public Draft(String name, IntegrationKind kind, String signingSecret, Integer rateLimitPerMinute) {
            this(name, kind, signingSecret, rateLimitPerMinute, null, null, null, null, null);
        }
    }

    public WithKey create(UUID serviceId, Draft draft) {
        return create(serviceId, draft, SecretKeys.generate());
    }

    /**
     * An integration that accepts a key the sender already has (an imported PagerDuty routing key, issue 20), so
     * the sender only changes the host it sends to. The key is stored hashed like any other; a key another
     * integration has is refused.
     */
    public WithKey createWithKey(UUID serviceId, Draft draft, String key) {
        if (key == null || key.strip().length() < 16 || key.strip().length() > 200
                || !key.strip().chars().allMatch(c -> c > 32 && c < 127)) {
            throw new InvalidInputException("key", "16 to 200 printable characters");
        }
        if (jdbc.sql("select count(*) from alert_integration where key_hash = ?").param(SecretKeys.hash(key.strip()))
                .query(Long.class).single() > 0) {
            throw new ConflictException("integration-key-taken", "Another integration has this key");
        }
        return create(serviceId, draft, key.strip());
    }

    /** The integration a key belongs to, whatever its kind. */
    @Transactional(readOnly = true)
    public Optional<Integration> withKey(String key) {
        return key == null || key.isBlank() ? Optional.empty()
                : jdbc.sql("select * from alert_integration where key_hash = ?").param(SecretKeys.hash(key.strip()))
                        .query(this::map).optional();
    }

    private WithKey create(UUID serviceId, Draft draft, String key) {
        catalog.configurable(serviceId);
        if (draft.kind() == null) {
            throw new InvalidInputException("kind", "must be one of PAGERDUTY, ALERTMANAGER, OPSGENIE, GRAFANA, WEBHOOK");
        }
        check(draft);
        var id = UUID.randomUUID();
        var now = clock.instant();
        var actor = CurrentActor.get();
        jdbc.sql("""
                insert into alert_integration (id, service_id, name, kind, key_hash, key_hint, signing_secret,
                       rate_limit_per_minute, severity_map, missing_severity, signature_header, timestamp_header,
                       allowed_senders, created_at, created_by, version)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""")
                .params(id, serviceId, draft.name().strip(), draft.kind().name(), SecretKeys.hash(key),
                        SecretKeys.hint(key), sealed(draft.signingSecret()), draft.rateLimitPerMinute(),
                        severityMapText(draft.severityMap()), enumName(draft.missingSeverity()),
                        blankToNull(draft.signatureHeader()), blankToNull(draft.timestampHeader()),
                        sendersText(draft.allowedSenders()), Timestamp.from(now), actor.userId())
                .update();
        rules.ensure(serviceId);
        audit.record(actor, "integration.created", "integration", id, draft.kind() + " " + draft.name());
        return new WithKey(get(id), key);
    }

    /** A new key replaces the old one at once; the old key stops working. */
    public WithKey rotate(UUID serviceId, UUID id) {
        catalog.configurable(serviceId);
        var before = get(serviceId, id);
        String key = SecretKeys.generate();
        jdbc.sql("update alert_integration set key_hash = ?, key_hint = ?, key_rotated_at = ?, version = version + 1"
                + " where id = ?").params(SecretKeys.hash(key), SecretKeys.hint(key), Timestamp.from(clock.instant()), id)
                .update();
        forget(id);
        cluster.publish(TOPIC, id.toString());
        audit.record(CurrentActor.get(), "integration.key-rotated", "integration", id, before.name());
        return new WithKey(get(id), key);
    }

    public Integration update(UUID serviceId, UUID id, Draft draft) {
        catalog.configurable(serviceId);
        var before = get(serviceId, id);
        check(draft);
        jdbc.sql("""
                update alert_integration set name = ?, signing_secret = ?, rate_limit_per_minute = ?,
                       severity_map = ?, missing_severity = ?, signature_header = ?, timestamp_header = ?,
                       allowed_senders = ?, version = version + 1
                where id = ?""")
                .params(draft.name().strip(), sealed(draft.signingSecret()), draft.rateLimitPerMinute(),
                        severityMapText(draft.severityMap()), enumName(draft.missingSeverity()),
                        blankToNull(draft.signatureHeader()), blankToNull(draft.timestampHeader()),
                        sendersText(draft.allowedSenders()), id)
                .update();
        forget(id);
        cluster.publish(TOPIC, id.toString());
        var after = get(id);
        // Before and after of what changed (issue 15 point 4); the signing secret only as changed, never its value.
        audit.record(CurrentActor.get(), "integration.updated", "integration", id, io.tocsin.identity.Changes.of()
                .field("name", before.name(), after.name())
                .field("rateLimitPerMinute", before.rateLimitPerMinute(), after.rateLimitPerMinute())
                .field("severity", before.severity(), after.severity())
                .field("signatureHeader", before.signatureHeader(), after.signatureHeader())
                .field("timestampHeader", before.timestampHeader(), after.timestampHeader())
                .field("allowedSenders", before.allowedSenders(), after.allowedSenders())
                .secret("signingSecret", !java.util.Objects.equals(before.signingSecret(), after.signingSecret()))
                .toString());
        return after;
    }

    public void delete(UUID serviceId, UUID id) {
        catalog.configurable(serviceId);
        var integration = get(serviceId, id);
        jdbc.sql("delete from alert_integration where id = ?").param(id).update();
        forget(id);
        cluster.publish(TOPIC, id.toString());
        audit.record(CurrentActor.get(), "integration.deleted", "integration", id, integration.name());
    }

    @Transactional(readOnly = true)
    public List<Integration> ofService(UUID serviceId) {
        catalog.findService(serviceId).orElseThrow(() -> new NotFoundException("service", serviceId));
        return jdbc.sql("select * from alert_integration where service_id = ? order by created_at, name")
                .param(serviceId).query(this::map).list();
    }

    @Transactional(readOnly = true)
    public Integration get(UUID serviceId, UUID id) {
        return find(id).filter(i -> i.serviceId().equals(serviceId))
                .orElseThrow(() -> new NotFoundException("integration", id));
    }

    @Transactional(readOnly = true)
    public Optional<Integration> find(UUID id) {
        return jdbc.sql("select * from alert_integration where id = ?").param(id).query(this::map).optional();
    }

    private Integration get(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("integration", id));
    }

    /** Drops what this node cached of the integration: its key and its rate-limit bucket. */
    private void forget(UUID id) {
        byKeyHash.values().removeIf(c -> c.integration().id().equals(id));
        rateLimits.forget(id);
    }

    /** Another node changed an integration (or signals were missed): drop it (or everything) here too. */
    @org.springframework.context.event.EventListener
    void on(ClusterSignals.Signal signal) {
        if (signal.everything()) {
            byKeyHash.clear();
        } else if (signal.is(TOPIC)) {
            forget(UUID.fromString(signal.subject()));
        }
    }

    /** The integration a key belongs to, if it is of the expected kind. No transaction: one indexed read at most. */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public Optional<Integration> authenticate(String key, IntegrationKind kind) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Optional.empty();
        }
        String hash = SecretKeys.hash(key.strip());
        var now = clock.instant();
        var cached = byKeyHash.get(hash);
        if (cached == null || cached.until().isBefore(now)) {
            var found = jdbc.sql("select * from alert_integration where key_hash = ?").param(hash)
                    .query(this::map).optional();
            if (found.isEmpty()) {
                byKeyHash.remove(hash);
                return Optional.empty();
            }
            cached = new Cached(found.get(), now.plus(properties.getKeyCacheTtl()));
            byKeyHash.put(hash, cached);
        }
        var integration = cached.integration();
        return integration.kind() == kind ? Optional.of(integration) : Optional.empty();
    }

    private static void check(Draft draft) {
        var violations = new ArrayList<FieldViolation>();
        var limit = draft.rateLimitPerMinute();
        if (limit != null && (limit < 1 || limit > MAX_RATE_LIMIT)) {
            violations.add(new FieldViolation("rateLimitPerMinute", "must be 1 to " + MAX_RATE_LIMIT + " (or empty)"));
        }
        var map = draft.severityMap();
        if (map != null) {
            if (map.size() > MAX_SEVERITY_WORDS) {
                violations.add(new FieldViolation("severityMap", "at most " + MAX_SEVERITY_WORDS + " words"));
            }
            map.forEach((word, severity) -> {
                if (word == null || word.isBlank() || word.strip().length() > Limits.SOURCE_SEVERITY
                        || !Text.storable(word)) {
                    violations.add(new FieldViolation("severityMap", "words must be 1 to " + Limits.SOURCE_SEVERITY
                            + " characters"));
                } else if (severity == null) {
                    violations.add(new FieldViolation("severityMap." + word.strip(),
                            "must be one of CRITICAL, ERROR, WARNING, INFO"));
                }
            });
        }
        for (var header : new String[][] {{"signatureHeader", draft.signatureHeader()},
                {"timestampHeader", draft.timestampHeader()}}) {
            if (header[1] != null && !header[1].isBlank() && !HEADER_NAME.matcher(header[1].strip()).matches()) {
                violations.add(new FieldViolation(header[0], "must be an HTTP header name (letters, digits and"
                        + " !#$%&'*+-.^_`|~, at most 100 characters)"));
            }
        }
        var senders = draft.allowedSenders();
        if (senders != null) {
            if (senders.size() > MAX_ALLOWED_SENDERS
                    || senders.stream().mapToInt(x -> x == null ? 0 : x.strip().length() + 1).sum() > 4000) {
                violations.add(new FieldViolation("allowedSenders", "at most " + MAX_ALLOWED_SENDERS
                        + " senders, 4000 characters in all"));
            }
            for (var sender : senders) {
                if (sender == null || !SENDER.matcher(sender.strip()).matches()) {
                    violations.add(new FieldViolation("allowedSenders",
                            "each must be an e-mail address or @domain (at most 254 characters)"));
                    break;
                }
            }
            if (draft.kind() != null && draft.kind() != IntegrationKind.EMAIL && !senders.isEmpty()) {
                violations.add(new FieldViolation("allowedSenders", "only e-mail integrations have senders"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }

    /** The map as stored: words lower case and stripped, as {@link SeverityOverrides#decide} looks them up. */
    private String severityMapText(Map<String, AlertSeverity> map) {
        if (map == null || map.isEmpty()) {
            return null;
        }
        var normal = new TreeMap<String, AlertSeverity>();
        map.forEach((word, severity) -> normal.put(word.strip().toLowerCase(Locale.ROOT), severity));
        return json.writeValueAsString(normal);
    }

    /** The allow-list as stored: one sender a line, stripped, lower case, sorted, without repeats. */
    private static String sendersText(List<String> senders) {
        if (senders == null || senders.isEmpty()) {
            return null;
        }
        return String.join("\n", new java.util.TreeSet<>(senders.stream().map(x -> x.strip().toLowerCase(Locale.ROOT))
                .toList()));
    }

    private static String enumName(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private Integration map(ResultSet rs, int n) throws SQLException {
        var rotated = rs.getTimestamp("key_rotated_at");
        String mapText = rs.getString("severity_map");
        String missing = rs.getString("missing_severity");
        String senders = rs.getString("allowed_senders");
        Map<String, AlertSeverity> words = mapText == null ? Map.of()
                : json.readValue(mapText, new TypeReference<Map<String, AlertSeverity>>() {
                });
        var severity = words.isEmpty() && missing == null ? SeverityOverrides.NONE
                : new SeverityOverrides(words, missing == null ? null : AlertSeverity.valueOf(missing));
        return new Integration(rs.getObject("id", UUID.class), rs.getObject("service_id", UUID.class),
                rs.getString("name"), IntegrationKind.valueOf(rs.getString("kind")), rs.getString("key_hint"),
                secrets.open(rs.getString("signing_secret"), SECRET_CONTEXT), (Integer) rs.getObject("rate_limit_per_minute", Integer.class),
                severity, rs.getString("signature_header"), rs.getString("timestamp_header"),
                senders == null ? List.of() : List.of(senders.split("\n")), rs.getTimestamp("created_at").toInstant(), rotated == null ? null : rotated.toInstant(),
                rs.getLong("version"));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
