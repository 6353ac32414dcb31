package io.tocsin.alerts;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.tocsin.alerts.internal.Heartbeats;
import io.tocsin.alerts.internal.Integration;
import io.tocsin.alerts.internal.IntegrationKind;
import io.tocsin.alerts.internal.Integrations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing integrations and heartbeats from elsewhere (the importer, issue 20) with the same checks and audit
 * entries as the API. Joins the caller's transaction, so an import that fails rolls these back too.
 */
@Component
@Transactional
public class AlertSourceImport {

    /** The wire formats an import makes integrations for: the senders keep speaking them. */
    public enum Format {
        /** PagerDuty Events API v2 ({@code POST /v2/enqueue}, {@code routing_key} in the body). */
        PAGERDUTY("/v2/enqueue"),
        /** Opsgenie's Alert API ({@code POST /v2/alerts}, {@code Authorization: GenieKey <key>}). */
        OPSGENIE("/v2/alerts");

        private final String path;

        Format(String path) {
            this.path = path;
        }

        /** Where the sender posts, below Tocsin's base URL. */
        public String path() {
            return path;
        }
    }

    /** An integration as the importer sees it; {@code keyHint} is the key's last characters. */
    public record IntegrationInfo(UUID id, UUID serviceId, String name, Format format, String keyHint) {
    }

    /** A made integration; {@code key} is in clear text only here, null when the sender's own key was kept. */
    public record NewIntegration(IntegrationInfo integration, String key) {
    }

    /** A heartbeat as the importer sees it. */
    public record HeartbeatInfo(UUID id, UUID serviceId, String name, Duration interval, Duration grace) {
    }

    /** A made heartbeat; its ping path carries the secret token and is shown only here. */
    public record NewHeartbeat(HeartbeatInfo heartbeat, String pingPath) {
    }

    private final Integrations integrations;
    private final Heartbeats heartbeats;

    AlertSourceImport(Integrations integrations, Heartbeats heartbeats) {
        this.integrations = integrations;
        this.heartbeats = heartbeats;
    }

    /**
     * An integration on the service; with {@code keptKey} it takes the key the sender already sends (PagerDuty's
     * routing key, so the sender only swaps the host), else a new key is made and returned once.
     */
    public NewIntegration createIntegration(UUID serviceId, String name, Format format, String keptKey) {
        var draft = new Integrations.Draft(name, kind(format), null, null);
        if (keptKey != null) {
            return new NewIntegration(info(integrations.createWithKey(serviceId, draft, keptKey).integration()), null);
        }
        var made = integrations.create(serviceId, draft);
        return new NewIntegration(info(made.integration()), made.key());
    }

    @Transactional(readOnly = true)
    public Optional<IntegrationInfo> integration(UUID id) {
        return integrations.find(id).filter(i -> format(i.kind()) != null).map(AlertSourceImport::info);
    }

    /** The integration that already takes this key, whatever made it. */
    @Transactional(readOnly = true)
    public Optional<IntegrationInfo> integrationWithKey(String key) {
        return integrations.withKey(key).filter(i -> format(i.kind()) != null).map(AlertSourceImport::info);
    }

    /** A new name; everything else (key, settings) stays. */
    public void renameIntegration(UUID id, String name) {
        var i = integrations.find(id).orElseThrow(() -> new io.tocsin.shared.NotFoundException("integration", id));
        integrations.update(i.serviceId(), id, new Integrations.Draft(name, i.kind(), i.signingSecret(),
                i.rateLimitPerMinute(), i.severity() == null ? null : i.severity().words(),
                i.severity() == null ? null : i.severity().whenMissing(), i.signatureHeader(), i.timestampHeader(),
                i.allowedSenders()));
    }

    /**
     * A heartbeat on the service that is armed by its first ping: until the job pings Tocsin instead of the old
     * tool, it raises no alert.
     */
    public NewHeartbeat createHeartbeat(UUID serviceId, String name, Duration interval, Duration grace) {
        var made = heartbeats.create(serviceId, name, interval, grace, false);
        return new NewHeartbeat(info(made.heartbeat()), "/heartbeats/" + made.token());
    }

    @Transactional(readOnly = true)
    public Optional<HeartbeatInfo> heartbeat(UUID id) {
        return heartbeats.find(id).map(AlertSourceImport::info);
    }

    /** A new name, interval or grace; the ping URL stays. */
    public void updateHeartbeat(UUID id, String name, Duration interval, Duration grace) {
        heartbeats.update(id, name, interval, grace);
    }

    private static IntegrationKind kind(Format format) {
        return format == Format.PAGERDUTY ? IntegrationKind.PAGERDUTY : IntegrationKind.OPSGENIE;
    }

    private static Format format(IntegrationKind kind) {
        return switch (kind) {
            case PAGERDUTY -> Format.PAGERDUTY;
            case OPSGENIE -> Format.OPSGENIE;
            default -> null;
        };
    }

    private static IntegrationInfo info(Integration i) {
        return new IntegrationInfo(i.id(), i.serviceId(), i.name(), format(i.kind()), i.keyHint());
    }

    private static HeartbeatInfo info(Heartbeats.Heartbeat h) {
        return new HeartbeatInfo(h.id(), h.serviceId(), h.name(), h.interval(), h.grace());
    }
}
