package io.tocsin.importer.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tocsin.escalation.PolicyImport;

/** What both vendors' policies have in common once mapped: Tocsin's limits, and how long a level really lasts. */
public final class PolicyLevels {

    private PolicyLevels() {
    }

    /** A timeout within Tocsin's 1..1440 minutes, with a reason when it had to be cut. */
    public static int timeout(long minutes, String what, List<String> reasons) {
        if (minutes < 1) {
            reasons.add(what + " waits " + minutes + " minutes; Tocsin waits at least 1 minute");
            return 1;
        }
        if (minutes > PolicyImport.MAX_TIMEOUT_MINUTES) {
            reasons.add(what + " waits " + minutes + " minutes; Tocsin waits at most "
                    + PolicyImport.MAX_TIMEOUT_MINUTES);
            return PolicyImport.MAX_TIMEOUT_MINUTES;
        }
        return (int) minutes;
    }

    public static int repeats(long count, String sourceName, List<String> reasons) {
        if (count > PolicyImport.MAX_REPEATS) {
            reasons.add(sourceName + " repeats " + count + " times; Tocsin repeats at most " + PolicyImport.MAX_REPEATS);
            return PolicyImport.MAX_REPEATS;
        }
        return (int) Math.max(0, count);
    }

    /**
     * Each level with the attempts that make it last exactly its source timing (issue 20 point 1): a Tocsin level
     * moves on after its attempts, one repeat interval apart, or at its timeout, whichever comes first, so a level
     * given at least {@code timeout / repeatInterval} attempts moves on at its timeout, as the source does. A level
     * longer than the most attempts allow moves on sooner and is named, with the repeat interval that would make it
     * exact; the last level is named only when the policy repeats (without repeats nothing follows it).
     */
    public static List<PolicyImport.Level> withAttempts(List<PolicyImport.Level> levels, int repeatCount,
            PolicyImport.Timing timing, List<String> reasons) {
        var out = new ArrayList<PolicyImport.Level>();
        var longer = new ArrayList<String>();
        long intervalSeconds = Math.max(1, timing.repeatInterval().toSeconds());
        long longestMinutes = 0;
        for (int i = 0; i < levels.size(); i++) {
            var level = levels.get(i);
            long seconds = level.timeoutMinutes() * 60L;
            long needed = Math.max(1, (seconds + intervalSeconds - 1) / intervalSeconds);
            boolean timed = i < levels.size() - 1 || repeatCount > 0;
            if (needed > timing.maxAttempts() && timed) {
                longer.add("level " + (i + 1) + " (" + level.timeoutMinutes() + " min)");
                longestMinutes = Math.max(longestMinutes, level.timeoutMinutes());
            }
            out.add(new PolicyImport.Level(level.timeoutMinutes(), (int) Math.min(needed, timing.maxAttempts()),
                    level.targets()));
        }
        if (!longer.isEmpty()) {
            long exactSeconds = (longestMinutes * 60 + timing.maxAttempts() - 1) / timing.maxAttempts();
            reasons.add(String.join(", ", longer) + ": a Tocsin level moves on after at most " + timing.maxAttempts()
                    + " unanswered attempts " + span(timing.repeatInterval()) + " apart, after "
                    + span(timing.longestLevel()) + " (a tocsin.escalation.repeat-interval of "
                    + span(Duration.ofSeconds(exactSeconds)) + " or more makes it exact)");
        }
        return out;
    }

    /** "1 min", "90 s", "20 min". */
    static String span(Duration d) {
        long seconds = d.toSeconds();
        return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
    }
}
