package io.tocsin.hotline;

import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The hotline ({@code tocsin.hotline.*}): point the Twilio number's voice webhook at {@code <base>/hooks/twilio/hotline}.
 * {@code schedule-id} answers "who is on call"; reports become incidents of {@code service-id} (empty: the unknown
 * service) with {@code severity}; the menu speaks {@code language} (en or de).
 */
@ConfigurationProperties("tocsin.hotline")
public class HotlineSettings {

    private UUID scheduleId;
    private UUID serviceId;
    private int severity = 3;
    private String language = "en";
    /** Longest recorded description, in seconds. */
    private int maxRecordingSeconds = 120;

    public UUID getScheduleId() {
        return scheduleId;
    }

    public void setScheduleId(UUID scheduleId) {
        this.scheduleId = scheduleId;
    }

    public UUID getServiceId() {
        return serviceId;
    }

    public void setServiceId(UUID serviceId) {
        this.serviceId = serviceId;
    }

    public int getSeverity() {
        return severity;
    }

    public void setSeverity(int severity) {
        if (severity < 1 || severity > 3) {
            throw new IllegalArgumentException("tocsin.hotline.severity must be 1, 2 or 3");
        }
        this.severity = severity;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public int getMaxRecordingSeconds() {
        return maxRecordingSeconds;
    }

    public void setMaxRecordingSeconds(int maxRecordingSeconds) {
        this.maxRecordingSeconds = maxRecordingSeconds;
    }
}
