package io.tocsin.oncall.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import io.tocsin.oncall.planning.Restriction;
import io.tocsin.oncall.planning.Rotation;
import io.tocsin.oncall.planning.ShiftLength;

/**
 * One layer of a schedule as stored: a rotation with a name and an id that survives edits of the schedule.
 * {@code handoffDay} is the day of the month of a monthly rotation, null for the others.
 */
public record Layer(UUID id, String name, ZoneId zone, List<UUID> participants, ShiftLength length,
        Instant startsAt, LocalTime handoff, Integer handoffDay, List<Restriction> restrictions) {

    public Layer {
        participants = List.copyOf(participants);
        restrictions = List.copyOf(restrictions);
    }

    public Rotation rotation() {
        return new Rotation(zone, participants, length, startsAt, handoff, handoffDay, restrictions);
    }

    /** The same layer under another id (a replaced layer keeps the id it had). */
    Layer withId(UUID newId) {
        return new Layer(newId, name, zone, participants, length, startsAt, handoff, handoffDay, restrictions);
    }
}
