package io.tocsin.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Web Push ({@code tocsin.notify.push.*}): VAPID contact, message lifetime, and where the VAPID key's key lives. */
@ConfigurationProperties("tocsin.notify.push")
public class PushSettings {

    /** The VAPID {@code sub}: a {@code mailto:} or {@code https:} contact for push services; empty means the base URL. */
    private String subject = "";
    /** How long a push service keeps a page for a device that is offline ({@code TTL}). */
    private Duration ttl = Duration.ofHours(1);
    private Duration timeout = Duration.ofSeconds(10);
    /**
     * Secret the VAPID private key is encrypted with in the database (AES-GCM). Empty means a random key kept in
     * {@link #keyFile}, outside the database; a cluster must configure the same secret on every node.
     */
    private String keyEncryptionSecret = "";
    private String keyFile = "./data/push-key-encryption.key";
    /** Push endpoints on private or loopback addresses (a push server inside the network, tests). */
    private boolean allowPrivateEndpoints = false;
    /** Plain-HTTP push endpoints; push services speak HTTPS, so only for a local push server or tests. */
    private boolean allowHttpEndpoints = false;

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.compareTo(Duration.ofDays(28)) > 0) {
            throw new IllegalArgumentException("tocsin.notify.push.ttl must be 0 to 28 days");
        }
        this.ttl = ttl;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    public String getKeyEncryptionSecret() {
        return keyEncryptionSecret;
    }

    public void setKeyEncryptionSecret(String keyEncryptionSecret) {
        this.keyEncryptionSecret = keyEncryptionSecret;
    }

    public String getKeyFile() {
        return keyFile;
    }

    public void setKeyFile(String keyFile) {
        this.keyFile = keyFile;
    }

    public boolean isAllowPrivateEndpoints() {
        return allowPrivateEndpoints;
    }

    public void setAllowPrivateEndpoints(boolean allowPrivateEndpoints) {
        this.allowPrivateEndpoints = allowPrivateEndpoints;
    }

    public boolean isAllowHttpEndpoints() {
        return allowHttpEndpoints;
    }

    public void setAllowHttpEndpoints(boolean allowHttpEndpoints) {
        this.allowHttpEndpoints = allowHttpEndpoints;
    }
}
