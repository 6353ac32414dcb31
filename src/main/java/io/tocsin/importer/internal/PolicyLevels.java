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
     * A level escalates after its timeout or after the configured unanswered attempts, whichever comes first: a
     * level (but the last, whose timeout only spaces the repeats) waiting longer than that is named.
     */
    public static void checkLongestLevel(List<PolicyImport.Level> levels, Duration longestLevel, List<String> reasons) {
        var longer = new ArrayList<String>();
        for (int i = 0; i < levels.size() - 1; i++) {
            if (Duration.ofMinutes(levels.get(i).timeoutMinutes()).compareTo(longestLevel) > 0) {
                longer.add("level " + (i + 1) + " (" + levels.get(i).timeoutMinutes() + " min)");
            }
        }
        if (!longer.isEmpty()) {
            reasons.add(String.join(", ", longer) + ": Tocsin escalates after its unanswered attempts, after "
                    + longestLevel.toMinutes() + " minutes (tocsin.escalation.attempts-per-level and repeat-interval)");
        }
    }
}
