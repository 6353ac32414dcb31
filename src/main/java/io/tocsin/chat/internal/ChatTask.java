package io.tocsin.chat.internal;

import java.util.Map;
import java.util.UUID;

/** One queued chat call. {@code payload} holds what the call needs beyond the incident (see {@link Kind}). */
record ChatTask(long id, String tool, Kind kind, UUID incidentId, Map<String, Object> payload, int attempts) {

    enum Kind {
        /** Create the incident's room, set its topic, invite its people, post the intro with buttons. */
        ROOM,
        /** Set the room's topic to the incident's current generated topic. */
        TOPIC,
        /** Invite {@code userId} (or {@code accountId}) to the room. */
        INVITE,
        /** Post a timeline event ({@code code}, {@code args}) to the room. */
        POST,
        /** Archive the room (after the incident closed). */
        ARCHIVE,
        /** Answer an interaction through its {@code responseUrl} with {@code text} and the incident's buttons. */
        RESPOND,
        /** Copy message {@code messageRef} of room {@code roomId} to the incident's timeline, by {@code accountId}. */
        PIN
    }

    String text(String name) {
        Object v = payload.get(name);
        return v == null ? null : v.toString();
    }
}
