package io.tocsin.notify;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a notification is about, as modules tell each other (issue 10: a type, not a string). {@link #code()} is
 * how it is stored and shown on the wire ({@code alert}, {@code incident}, {@code postmortem}, {@code action-item},
 * {@code user}, {@code status-page}, {@code team}).
 */
public enum SubjectType {
    ALERT, INCIDENT, POSTMORTEM,
    /** A follow-up task of a postmortem that belongs to no incident. */
    ACTION_ITEM,
    /** A notice to a person about their own account (e.g. a push subscription about to expire). */
    USER,
    /** A mail to the subscribers of a public status page. */
    STATUS_PAGE,
    /** A mail about a team as a whole (its monthly report, issue 16). */
    TEAM;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The type of a stored or submitted code; {@link IllegalArgumentException} for anything else. */
    @JsonCreator
    public static SubjectType of(String code) {
        if (code != null) {
            for (var type : values()) {
                if (type.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
                    return type;
                }
            }
        }
        throw new IllegalArgumentException("unknown subject type: " + code);
    }

    @Override
    public String toString() {
        return code();
    }
}
