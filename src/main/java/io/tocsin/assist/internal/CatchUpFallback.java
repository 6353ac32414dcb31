package io.tocsin.assist.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.tocsin.incidents.TimelineEntryKind;
import io.tocsin.shared.HumanTime;

/**
 * The catch-up without a model (issue 18 point 3): assembled from what the incident already says, nothing
 * invented and nothing leaving Tocsin. The headline (key, severity, status, summary, age), who holds which role,
 * the latest update, and the key timeline entries: decisions and changes first (the newest four), then the newest
 * two other entries written by people and the newest two system entries, shown oldest first. Pure: the wording
 * comes from {@code words} (the message bundle in the reader's language).
 */
public final class CatchUpFallback {

    public static final int DECISIONS = 4;
    public static final int OTHER_PEOPLE = 2;
    public static final int SYSTEM = 2;
    public static final int UPDATE_CHARS = 600;
    public static final int ENTRY_CHARS = 240;

    /** Looks up a message of the assist bundle. */
    @FunctionalInterface
    public interface Words {
        String get(String code, Object... args);
    }

    public record Entry(long id, Instant at, TimelineEntryKind kind, String actorName, String text) {
    }

    public record Update(Instant postedAt, String postedBy, String title, String body) {
    }

    /** Roles are in the incident's order, each with the names of its holders. */
    public record Facts(String key, int severity, String statusLabel, String summary, Instant declaredAt,
            Update latest, Map<String, List<String>> roles, List<Entry> entries) {
    }

    private CatchUpFallback() {
    }

    public static List<Entry> keyEntries(List<Entry> entries) {
        var chosen = new ArrayList<Entry>();
        var newestFirst = entries.stream().sorted(Comparator.comparing(Entry::at).thenComparing(Entry::id).reversed())
                .toList();
        var decisive = Set.of(TimelineEntryKind.DECISION, TimelineEntryKind.CHANGE);
        newestFirst.stream().filter(e -> decisive.contains(e.kind())).limit(DECISIONS).forEach(chosen::add);
        newestFirst.stream().filter(e -> e.kind().typedByPeople() && !decisive.contains(e.kind())).limit(OTHER_PEOPLE)
                .forEach(chosen::add);
        newestFirst.stream().filter(e -> e.kind() == TimelineEntryKind.SYSTEM).limit(SYSTEM).forEach(chosen::add);
        chosen.sort(Comparator.comparing(Entry::at).thenComparing(Entry::id));
        return chosen;
    }

    public static String write(Facts f, Instant now, Locale locale, ZoneId zone, Words words) {
        var time = DateTimeFormatter.ofPattern("HH:mm", locale).withZone(zone);
        var out = new StringBuilder();
        out.append(words.get("assist.catchup.headline", f.key(), f.severity(), f.statusLabel(), f.summary(),
                time.format(f.declaredAt()), HumanTime.duration(Duration.between(f.declaredAt(), now), locale)));
        out.append('\n');
        var held = f.roles().entrySet().stream().filter(r -> !r.getValue().isEmpty())
                .map(r -> r.getKey() + ": " + String.join(", ", r.getValue())).toList();
        out.append(held.isEmpty() ? words.get("assist.catchup.no-roles") : words.get("assist.catchup.roles",
                String.join("; ", held)));
        out.append('\n');
        if (f.latest() == null) {
            out.append(words.get("assist.catchup.no-update"));
        } else {
            out.append(words.get("assist.catchup.latest", time.format(f.latest().postedAt()), f.latest().postedBy(),
                    f.latest().title(), cut(oneLine(f.latest().body()), UPDATE_CHARS)));
        }
        var key = keyEntries(f.entries());
        if (!key.isEmpty()) {
            out.append('\n').append(words.get("assist.catchup.entries"));
            for (var e : key) {
                out.append("\n- ").append(time.format(e.at())).append(' ')
                        .append(words.get("assist.kind." + e.kind().name()));
                if (e.actorName() != null && e.kind().typedByPeople()) {
                    out.append(" (").append(e.actorName()).append(')');
                }
                out.append(": ").append(cut(oneLine(e.text()), ENTRY_CHARS));
            }
        }
        return out.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1).stripTrailing() + "…";
    }
}
