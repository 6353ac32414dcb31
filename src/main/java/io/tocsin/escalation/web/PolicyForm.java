package io.tocsin.escalation.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import io.tocsin.escalation.internal.Policy;
import io.tocsin.escalation.internal.PolicyStore;
import org.springframework.util.MultiValueMap;

/**
 * The policy editor's form as submitted (R10): raw strings, so a refused form comes back exactly as typed. Fields:
 * {@code name}, {@code description}, {@code repeatCount}, {@code version}, and per level {@code levels[i].attempts},
 * {@code levels[i].timeoutMinutes}
 * and {@code levels[i].targets[j]} (values {@code USER:<id>}, {@code SCHEDULE:<id>}, {@code TEAM:<id>}; blank ones are
 * empty slots and dropped). Reordering, adding and removing are operations on the form ({@link #apply}), stored only
 * when the form is saved.
 */
record PolicyForm(String name, String description, String repeatCount, String version, List<LevelForm> levels,
        String teamId) {

    record LevelForm(String timeoutMinutes, String attempts, List<String> targets) {

        LevelForm {
            targets = List.copyOf(targets);
        }
    }

    private static final Pattern TIMEOUT = Pattern.compile("levels\\[(\\d{1,3})]\\.timeoutMinutes");
    private static final Pattern ATTEMPTS = Pattern.compile("levels\\[(\\d{1,3})]\\.attempts");
    private static final Pattern TARGET = Pattern.compile("levels\\[(\\d{1,3})]\\.targets\\[(\\d{1,3})]");

    /** What a new level starts with: the default timeout and attempts. */
    record Defaults(int timeoutMinutes, int attempts) {

        LevelForm level() {
            return new LevelForm(Integer.toString(timeoutMinutes), Integer.toString(attempts), List.of());
        }
    }

    PolicyForm {
        levels = List.copyOf(levels);
    }

    /** A new policy, for the team the person manages first (issue 15: its managers change it). */
    static PolicyForm blank(Defaults defaults, java.util.UUID teamId) {
        return new PolicyForm("", "", "0", null, List.of(defaults.level()), teamId == null ? "" : teamId.toString());
    }

    static PolicyForm of(Policy policy) {
        return new PolicyForm(policy.name(), policy.description() == null ? "" : policy.description(),
                Integer.toString(policy.repeatCount()), Long.toString(policy.version()),
                policy.levels().stream().map(l -> new LevelForm(Integer.toString(l.timeoutMinutes()),
                        Integer.toString(l.attempts()),
                        l.targets().stream().map(PolicyForm::value).toList())).toList(),
                policy.teamId() == null ? "" : policy.teamId().toString());
    }

    static PolicyForm parse(MultiValueMap<String, String> params) {
        var timeouts = new TreeMap<Integer, String>();
        var attempts = new TreeMap<Integer, String>();
        var targets = new TreeMap<Integer, TreeMap<Integer, String>>();
        params.forEach((key, values) -> {
            String value = values == null || values.isEmpty() || values.getFirst() == null ? "" : values.getFirst().strip();
            var timeout = TIMEOUT.matcher(key);
            var attempt = ATTEMPTS.matcher(key);
            var target = TARGET.matcher(key);
            if (timeout.matches()) {
                timeouts.put(Integer.parseInt(timeout.group(1)), value);
            } else if (attempt.matches()) {
                attempts.put(Integer.parseInt(attempt.group(1)), value);
            } else if (target.matches()) {
                var level = targets.computeIfAbsent(Integer.parseInt(target.group(1)), k -> new TreeMap<>());
                if (!value.isEmpty()) {
                    level.put(Integer.parseInt(target.group(2)), value);
                }
            }
        });
        var indices = new TreeSet<>(timeouts.keySet());
        indices.addAll(attempts.keySet());
        indices.addAll(targets.keySet());
        var levels = indices.stream().map(i -> new LevelForm(timeouts.getOrDefault(i, ""), attempts.getOrDefault(i, ""),
                List.copyOf(targets.getOrDefault(i, new TreeMap<>()).values()))).toList();
        return new PolicyForm(first(params, "name"), first(params, "description"), first(params, "repeatCount"),
                params.getFirst("version"), levels, first(params, "teamId"));
    }

    /**
     * One editing step: {@code add-level}, {@code remove-level:i}, {@code up:i}, {@code down:i},
     * {@code remove-target:i:j}; anything else (such as {@code add-target:i}) just shows the form again, with the
     * target just chosen in place and a fresh empty slot.
     */
    PolicyForm apply(String op, Defaults defaults) {
        var list = new ArrayList<>(levels);
        String[] parts = op.split(":");
        int i = parts.length > 1 ? index(parts[1]) : -1;
        boolean valid = i >= 0 && i < list.size();
        switch (parts[0]) {
            case "add-level" -> {
                if (list.size() < Policy.MAX_LEVELS) {
                    list.add(defaults.level());
                }
            }
            case "remove-level" -> {
                if (valid) {
                    list.remove(i);
                }
            }
            case "up" -> {
                if (valid && i > 0) {
                    Collections.swap(list, i, i - 1);
                }
            }
            case "down" -> {
                if (valid && i < list.size() - 1) {
                    Collections.swap(list, i, i + 1);
                }
            }
            case "remove-target" -> {
                int j = parts.length > 2 ? index(parts[2]) : -1;
                if (valid && j >= 0 && j < list.get(i).targets().size()) {
                    var targets = new ArrayList<>(list.get(i).targets());
                    targets.remove(j);
                    list.set(i, new LevelForm(list.get(i).timeoutMinutes(), list.get(i).attempts(), targets));
                }
            }
            default -> {
                // add-target: the chosen target is already in the form
            }
        }
        return new PolicyForm(name, description, repeatCount, version, list, teamId);
    }

    /** What the store checks; input that is not a number or not a target becomes a value the store refuses. */
    PolicyStore.Draft draft() {
        return new PolicyStore.Draft(name, description, number(repeatCount), levels.stream()
                .map(l -> new PolicyStore.LevelDraft(number(l.timeoutMinutes()), number(l.attempts()),
                        l.targets().stream().map(PolicyForm::target).toList()))
                .toList(), team());
    }

    /** The chosen owning team; none (or not an id) leaves the policy the organisation's. */
    private java.util.UUID team() {
        try {
            return teamId == null || teamId.isBlank() ? null : java.util.UUID.fromString(teamId.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    Long expectedVersion() {
        try {
            return version == null || version.isBlank() ? null : Long.valueOf(version.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String value(Policy.Target target) {
        return target.type().name() + ":" + target.id();
    }

    static Policy.Target target(String value) {
        int colon = value.indexOf(':');
        try {
            return new Policy.Target(Policy.TargetType.valueOf(value.substring(0, colon)),
                    UUID.fromString(value.substring(colon + 1)));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return new Policy.Target(null, null);
        }
    }

    /** Blank: the default; not a whole number: -1, which the store refuses with the field's own message. */
    private static Integer number(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int index(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String first(MultiValueMap<String, String> params, String key) {
        var value = params.getFirst(key);
        return value == null ? "" : value;
    }
}
