package io.tocsin.importer.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the sources' APIs are ({@code tocsin.importer.*}). Fixed by the operator, never taken from a request, so an
 * import cannot be pointed at an internal address.
 */
@ConfigurationProperties("tocsin.importer")
public class ImporterSettings {

    /** Opsgenie's API (EU accounts: https://api.eu.opsgenie.com). */
    private String opsgenieUrl = "https://api.opsgenie.com";
    /** PagerDuty's REST API v2. */
    private String pagerdutyUrl = "https://api.pagerduty.com";
    /** How often a request answered 429 is tried again before the import gives up. */
    private int rateLimitRetries = 4;
    /** The longest Retry-After the importer waits for; a longer one ends the import with an error. */
    private Duration longestRetryAfter = Duration.ofSeconds(60);
    private Duration requestTimeout = Duration.ofSeconds(30);
    /**
     * The directory Opsgenie JSON export directories are read from (issue 20 point 3); an import names one below
     * it. Unset: imports from exports are off.
     */
    private String exportRoot;

    public String getExportRoot() {
        return exportRoot;
    }

    public void setExportRoot(String exportRoot) {
        this.exportRoot = exportRoot;
    }

    public String getOpsgenieUrl() {
        return opsgenieUrl;
    }

    public void setOpsgenieUrl(String opsgenieUrl) {
        this.opsgenieUrl = opsgenieUrl;
    }

    public String getPagerdutyUrl() {
        return pagerdutyUrl;
    }

    public void setPagerdutyUrl(String pagerdutyUrl) {
        this.pagerdutyUrl = pagerdutyUrl;
    }

    public int getRateLimitRetries() {
        return rateLimitRetries;
    }

    public void setRateLimitRetries(int rateLimitRetries) {
        this.rateLimitRetries = rateLimitRetries;
    }

    public Duration getLongestRetryAfter() {
        return longestRetryAfter;
    }

    public void setLongestRetryAfter(Duration longestRetryAfter) {
        this.longestRetryAfter = longestRetryAfter;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
