package io.tocsin.alerts.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the alerts module ({@code tocsin.alerts.*}); the defaults suit a normal installation. */
@ConfigurationProperties("tocsin.alerts")
public class AlertsProperties {

    /** Events per minute one integration key may send before 429/503; an integration can override it. */
    private int rateLimitPerMinute = 6_000;
    /**
     * On PostgreSQL, keep the rate-limit buckets in the database so that all nodes share one allowance per key
     * (issue 17). Off: each node keeps its own buckets in memory (N nodes then allow up to N times the limit).
     */
    private boolean sharedRateLimits = true;

    public boolean isSharedRateLimits() {
        return sharedRateLimits;
    }

    public void setSharedRateLimits(boolean sharedRateLimits) {
        this.sharedRateLimits = sharedRateLimits;
    }
    /** Largest accepted ingest body, as PagerDuty allows. */
    private int maxBodyBytes = 512 * 1024;
    /** How long a looked-up integration key is trusted before it is read again (rotation on other nodes). */
    private Duration keyCacheTtl = Duration.ofSeconds(30);
    /**
     * Threads that commit ingest events in groups (one transaction per burst); each holds a database connection
     * while it writes. 0 commits every event in its own transaction on the request thread.
     */
    private int ingestWriters = 4;
    /**
     * How far a signed Grafana timestamp may be from now (either way) before the signature is refused as a
     * replay (issue 10).
     */
    private Duration grafanaReplayWindow = Duration.ofMinutes(5);

    public Duration getGrafanaReplayWindow() {
        return grafanaReplayWindow;
    }

    public void setGrafanaReplayWindow(Duration grafanaReplayWindow) {
        this.grafanaReplayWindow = grafanaReplayWindow;
    }

    public int getIngestWriters() {
        return ingestWriters;
    }

    public void setIngestWriters(int ingestWriters) {
        this.ingestWriters = ingestWriters;
    }

    public int getRateLimitPerMinute() {
        return rateLimitPerMinute;
    }

    public void setRateLimitPerMinute(int rateLimitPerMinute) {
        this.rateLimitPerMinute = rateLimitPerMinute;
    }

    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    public void setMaxBodyBytes(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public Duration getKeyCacheTtl() {
        return keyCacheTtl;
    }

    public void setKeyCacheTtl(Duration keyCacheTtl) {
        this.keyCacheTtl = keyCacheTtl;
    }
}
