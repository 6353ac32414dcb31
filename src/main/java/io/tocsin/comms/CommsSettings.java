package io.tocsin.comms;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** What an organisation configures about incident communication. */
@ConfigurationProperties("tocsin.comms")
public class CommsSettings {

    /** How long until the next update is due, by severity (R23); the poster may name an earlier or later time. */
    private Map<Integer, Duration> cadence = new LinkedHashMap<>(Map.of(1, Duration.ofMinutes(30), 2,
            Duration.ofMinutes(60), 3, Duration.ofMinutes(120)));

    /** The video call of an incident (R17); {room} is the chat room name (inc-42), {key} the key (INC-42). */
    private String videoUrlPattern = "https://meet.jit.si/tocsin-{room}";

    /** Language of mails to plain addresses on stakeholder lists, and of the room topic. */
    private Locale defaultLocale = Locale.ENGLISH;

    public Duration cadence(int severity) {
        return cadence.getOrDefault(severity, Duration.ofMinutes(60));
    }

    public Map<Integer, Duration> getCadence() {
        return cadence;
    }

    public void setCadence(Map<Integer, Duration> cadence) {
        cadence.forEach((severity, interval) -> {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("tocsin.comms.cadence." + severity + " must be positive");
            }
        });
        this.cadence = new LinkedHashMap<>(this.cadence);
        this.cadence.putAll(cadence);
    }

    public String getVideoUrlPattern() {
        return videoUrlPattern;
    }

    public void setVideoUrlPattern(String videoUrlPattern) {
        this.videoUrlPattern = videoUrlPattern;
    }

    public Locale getDefaultLocale() {
        return defaultLocale;
    }

    public void setDefaultLocale(Locale defaultLocale) {
        this.defaultLocale = defaultLocale;
    }
}
