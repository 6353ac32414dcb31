package io.tocsin.incidents;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Fatigue watch (R20): how long someone may work on an incident before the incident manager plans a handover. */
@ConfigurationProperties("tocsin.roles")
public class RoleSettings {

    private Duration fatigueAfter = Duration.ofHours(4);

    public Duration getFatigueAfter() {
        return fatigueAfter;
    }

    public void setFatigueAfter(Duration fatigueAfter) {
        if (fatigueAfter == null || fatigueAfter.isNegative() || fatigueAfter.isZero()) {
            throw new IllegalArgumentException("tocsin.roles.fatigue-after must be positive");
        }
        this.fatigueAfter = fatigueAfter;
    }
}
