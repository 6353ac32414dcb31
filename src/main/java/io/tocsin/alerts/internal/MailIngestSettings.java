package io.tocsin.alerts.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Alerts by e-mail ({@code tocsin.alerts.mail.*}): the IMAP mailbox Tocsin polls. Each e-mail integration's address
 * is the mailbox address with {@code +<integration key>} (plus addressing), e.g. {@code alerts+k3y@example.org}.
 */
@ConfigurationProperties("tocsin.alerts.mail")
public class MailIngestSettings {

    /** Poll in the background (tests poll by hand). */
    private boolean enabled = false;
    /** {@code imap} or {@code imaps}. */
    private String protocol = "imaps";
    private String host = "";
    private int port = 993;
    private String username = "";
    private String password = "";
    private String folder = "INBOX";
    private Duration pollInterval = Duration.ofSeconds(30);
    /** Larger mail is refused unread (deleted and logged). */
    private int maxBytes = 1024 * 1024;
    /** A header whose value is the dedup key (e.g. {@code X-Alert-Id}); empty: the subject without numbers. */
    private String dedupHeader = "";
    private Duration timeout = Duration.ofSeconds(30);

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        if (!"imap".equals(protocol) && !"imaps".equals(protocol)) {
            throw new IllegalArgumentException("tocsin.alerts.mail.protocol must be imap or imaps");
        }
        this.protocol = protocol;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getFolder() {
        return folder;
    }

    public void setFolder(String folder) {
        this.folder = folder;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public int getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public String getDedupHeader() {
        return dedupHeader;
    }

    public void setDedupHeader(String dedupHeader) {
        this.dedupHeader = dedupHeader;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
