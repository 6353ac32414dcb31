package io.tocsin.escalation.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Configuration of escalation ({@code tocsin.escalation.*}); the defaults follow R10 and R11. */
@ConfigurationProperties("tocsin.escalation")
public class EscalationSettings {

    /** How often a person who has not answered is notified again (R11). */
    private Duration repeatInterval = Duration.ofMinutes(1);
    /** After this many unanswered attempts the run moves to the next level (R11). */
    private int attemptsPerLevel = 3;
    /** Timeout of a level when the policy does not say (R10). */
    private int defaultLevelTimeoutMinutes = 5;
    /** Severities at or above this number (less severe) wait for business hours (R13). */
    private int businessHoursFromSeverity = 3;

    public Duration getRepeatInterval() {
        return repeatInterval;
    }

    public void setRepeatInterval(Duration repeatInterval) {
        this.repeatInterval = repeatInterval;
    }

    public int getAttemptsPerLevel() {
        return attemptsPerLevel;
    }

    public void setAttemptsPerLevel(int attemptsPerLevel) {
        this.attemptsPerLevel = attemptsPerLevel;
    }

    public int getDefaultLevelTimeoutMinutes() {
        return defaultLevelTimeoutMinutes;
    }

    public void setDefaultLevelTimeoutMinutes(int defaultLevelTimeoutMinutes) {
        this.defaultLevelTimeoutMinutes = defaultLevelTimeoutMinutes;
    }

    public int getBusinessHoursFromSeverity() {
        return businessHoursFromSeverity;
    }

    public void setBusinessHoursFromSeverity(int businessHoursFromSeverity) {
        this.businessHoursFromSeverity = businessHoursFromSeverity;
    }
}
