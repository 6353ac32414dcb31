package io.tocsin.alerts.internal.format;

import java.util.LinkedHashMap;
import java.util.Set;
import java.util.UUID;

import io.tocsin.alerts.internal.Signal;
import io.tocsin.alerts.internal.SeverityOverrides;
import tools.jackson.databind.JsonNode;

/**
 * Opsgenie Alert API v2 bodies: create, the optional body of acknowledge and close, and the message and
 * description updates that Alertmanager's {@code update_alerts: true} sends. Fields are held to Opsgenie's
 * documented limits by cutting (noted on the alert), never by refusing: Alertmanager treats a 4xx as final and
 * does not shorten descriptions itself, so a refusal would lose the alert.
 */
public final class OpsgenieFormat {

    private static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");
    private static final String[] KEPT = {"details", "tags", "responders", "actions"};
    private static final String[] ARRAYS = {"responders", "tags", "actions"};

    /** A new message or description, with what had to be changed to store it. */
    public record Update(String text, Adjustments adjustments) {
    }

    /** Who acted and why, from the optional body of acknowledge and close. */
    public record Action(String user, String source, String note) {
    }

    /** How a path names an alert ({@code identifierType}, default {@code id}). */
    public sealed interface Identifier {
        record ById(UUID id) implements Identifier {
        }

        record ByAlias(String alias) implements Identifier {
        }

        record ByTiny(long tinyId) implements Identifier {
        }

        /** Well-formed type, but no alert can have this identifier (not a UUID, not a number). */
        record Unknown() implements Identifier {
        }
    }

    private final Json json;

    public OpsgenieFormat(Json json) {
        this.json = json;
    }

    public Mapped<Signal> create(JsonNode root, SeverityOverrides overrides) {
        var in = new Payload();
        String message = in.nonBlank(root, "message", "message", Integer.MAX_VALUE);
        if (message == null) {
            in.error("message", "Message can not be empty.");
        }
        String alias = in.string(root, "alias", "alias");
        alias = alias == null || alias.isBlank() ? null : Text.key(alias, Limits.OPSGENIE_ALIAS, "alias", in.adjustments);
        String description = in.text(root, "description", "description", Limits.OPSGENIE_DESCRIPTION);
        String source = in.text(root, "source", "source", Limits.OPSGENIE_SOURCE);
        String entity = in.text(root, "entity", "entity", Limits.OPSGENIE_ENTITY);
        String user = in.text(root, "user", "user", Limits.OPSGENIE_USER);
        String note = in.text(root, "note", "note", Limits.OPSGENIE_NOTE);
        String priority = in.string(root, "priority", "priority");
        if (priority != null && !PRIORITIES.contains(priority)) {
            in.error("priority", "should be one of [P1, P2, P3, P4, P5]");
        }
        for (String f : ARRAYS) {
            in.array(root, f, f);
        }
        in.object(root, "details", "details");
        if (!in.ok()) {
            return Mapped.of(null, in.errors);
        }
        // Opsgenie keeps at most 130 characters of the message (Alertmanager cuts it to that itself).
        String summary = Text.fit(message, Limits.OPSGENIE_MESSAGE, "message", in.adjustments);
        var details = new LinkedHashMap<String, Object>();
        putText(details, "description", description);
        for (String f : KEPT) {
            if (root.has(f)) {
                details.put(f, root.get(f));
            }
        }
        putText(details, "entity", entity);
        putText(details, "user", user);
        putText(details, "note", note);
        String from = source != null ? source : entity == null ? null : Text.fit(entity, Limits.SOURCE, "entity",
                in.adjustments);
        // A missing priority is Opsgenie's P3; the integration may say what a missing one means to it.
        return Mapped.of(new Signal("opsgenie", alias, summary, from, priority == null ? "P3" : priority,
                overrides.decide(priority), json.details(details, in.adjustments, Limits.DETAILS), null, null),
                in.errors);
    }

    /** The optional body of acknowledge and close; {@code root} is null for an empty body. */
    public Mapped<Action> action(JsonNode root) {
        if (root == null) {
            return Mapped.of(new Action(null, null, null), java.util.List.of());
        }
        var in = new Payload();
        String user = in.nonBlank(root, "user", "user", Limits.OPSGENIE_USER);
        String source = in.text(root, "source", "source", Limits.OPSGENIE_SOURCE);
        String note = in.text(root, "note", "note", Limits.OPSGENIE_NOTE);
        return Mapped.of(new Action(user, source, note), in.errors);
    }

    /** A new message ({@code PUT .../message}): required, as Opsgenie says; cut to 130 characters. */
    public Mapped<Update> message(JsonNode root) {
        var in = new Payload();
        String message = in.nonBlank(root, "message", "message", Integer.MAX_VALUE);
        if (message == null) {
            in.error("message", "Message can not be empty.");
            return Mapped.of(null, in.errors);
        }
        String summary = Text.fit(message, Limits.OPSGENIE_MESSAGE, "message", in.adjustments);
        return Mapped.of(new Update(summary, in.adjustments), in.errors);
    }

    /**
     * A new description ({@code PUT .../description}); not mandatory (Opsgenie), so an empty body clears it, as
     * Alertmanager sends {@code {}} when its description template renders empty. Cut to 15,000 characters.
     */
    public Mapped<Update> description(JsonNode root) {
        var in = new Payload();
        String description = in.text(root, "description", "description", Limits.OPSGENIE_DESCRIPTION);
        return Mapped.of(new Update(description == null || description.isEmpty() ? null : description,
                in.adjustments), in.errors);
    }

    /** The alert an identifier names, or the error Opsgenie gives for an unknown {@code identifierType}. */
    public static Mapped<Identifier> identifier(String identifier, String type) {
        var adjustments = new Adjustments();
        return switch (type) {
            case "alias" -> new Mapped.Accepted<>(new Identifier.ByAlias(Text.key(identifier, Limits.OPSGENIE_ALIAS,
                    "alias", adjustments)));
            case "id" -> {
                try {
                    yield new Mapped.Accepted<>(new Identifier.ById(UUID.fromString(identifier)));
                } catch (IllegalArgumentException e) {
                    yield new Mapped.Accepted<>(new Identifier.Unknown());
                }
            }
            case "tiny" -> {
                try {
                    yield new Mapped.Accepted<>(new Identifier.ByTiny(Long.parseLong(identifier)));
                } catch (NumberFormatException e) {
                    yield new Mapped.Accepted<>(new Identifier.Unknown());
                }
            }
            default -> new Mapped.Refused<>(java.util.List.of(new FieldError("identifierType",
                    "should be one of [id, alias, tiny]")));
        };
    }

    private static void putText(LinkedHashMap<String, Object> details, String field, String value) {
        if (value != null) {
            details.put(field, value);
        }
    }
}
