package io.tocsin.oncall;

import java.util.UUID;

/** One of a person's final shifts, with the schedule it belongs to. */
public record UserShift(UUID scheduleId, String scheduleName, Shift shift) {
}
