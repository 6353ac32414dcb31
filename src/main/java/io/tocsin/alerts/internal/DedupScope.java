package io.tocsin.alerts.internal;

/**
 * What a dedup key belongs to on a service. Heartbeats always deduplicate per heartbeat: their key is the same
 * word for every heartbeat of a service.
 */
public enum DedupScope {
    /** The integration it came through (the default; PagerDuty scopes {@code dedup_key} by routing key). */
    INTEGRATION,
    /** The whole service: the same key through two integrations is one alert with two sources. */
    SERVICE
}
