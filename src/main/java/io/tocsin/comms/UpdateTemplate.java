package io.tocsin.comms;

import io.tocsin.shared.InvalidInputException;

/** A composer's template choice, written {@code AUDIENCE/KIND} (e.g. {@code INTERNAL/FOLLOW_UP}) in forms. */
public record UpdateTemplate(UpdateAudience audience, UpdateKind kind) {

    /** Parses a form's choice; null means an internal follow-up; anything else unknown is refused as "template". */
    public static UpdateTemplate parse(String choice) {
        var parts = (choice == null ? "INTERNAL/FOLLOW_UP" : choice).split("/");
        try {
            return new UpdateTemplate(UpdateAudience.valueOf(parts[0]),
                    UpdateKind.valueOf(parts.length > 1 ? parts[1] : "FOLLOW_UP"));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("template", "unknown template " + choice);
        }
    }
}
