package io.tocsin.oncall.planning;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * One layer of a schedule: participants take turns of {@code length}, handing over at {@code handoff} (wall
 * clock in {@code zone}). The first participant starts at {@code startsAt}; the turns are counted from the
 * hand-off time on the local date of {@code startsAt}, so the first turn may be shorter or longer than the
 * others when the start is not at the hand-off time. Restrictions (none = always) limit when the layer counts.
 */
public record Rotation(ZoneId zone, List<UUID> participants, ShiftLength length, Instant startsAt,
        LocalTime handoff, List<Restriction> restrictions) {

    public Rotation {
        participants = List.copyOf(participants);
        restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
        if (handoff == null) {
            handoff = startsAt.atZone(zone).toLocalTime();
        }
    }
}
