package io.tocsin.statuspage.internal;

import java.util.Collection;

import io.tocsin.statuspage.ComponentStatus;

/**
 * The page's overall status as Statuspage gives it: {@code indicator} none, minor, major or critical, from the
 * worst component state and the worst impact of the unresolved incidents, with its description.
 */
public record Indicator(String indicator, String description) {

    private static final String MAINTENANCE = "Service Under Maintenance";

    /** Its text in the page's messages ({@code statuspage.indicator.*}); maintenance has a text of its own. */
    public String messageKey() {
        return "statuspage.indicator." + indicator + (MAINTENANCE.equals(description) ? ".maintenance" : "");
    }

    public static Indicator of(Collection<ComponentStatus> components, Collection<String> openImpacts) {
        int level = 0;
        boolean maintenance = false;
        for (var c : components) {
            level = Math.max(level, switch (c) {
                case MAJOR_OUTAGE -> 3;
                case PARTIAL_OUTAGE -> 2;
                case DEGRADED_PERFORMANCE -> 1;
                case OPERATIONAL -> 0;
                case UNDER_MAINTENANCE -> 0;
            });
            maintenance |= c == ComponentStatus.UNDER_MAINTENANCE;
        }
        for (var impact : openImpacts) {
            level = Math.max(level, switch (impact) {
                case "critical" -> 3;
                case "major" -> 2;
                case "minor" -> 1;
                default -> 0;
            });
        }
        return switch (level) {
            case 3 -> new Indicator("critical", "Major System Outage");
            case 2 -> new Indicator("major", "Partial System Outage");
            case 1 -> new Indicator("minor", "Minor Service Outage");
            default -> maintenance ? new Indicator("none", MAINTENANCE)
                    : new Indicator("none", "All Systems Operational");
        };
    }
}
