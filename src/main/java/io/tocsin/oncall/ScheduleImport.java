package io.tocsin.oncall;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import io.tocsin.oncall.internal.ScheduleDrafts.LayerDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.RestrictionDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.ScheduleDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.ShiftLengthDraft;
import io.tocsin.oncall.internal.Schedules;
import io.tocsin.oncall.planning.Rotation;
import org.springframework.stereotype.Component;

/**
 * Writing schedules stated in Tocsin's planning model, for modules that bring schedules from elsewhere (the
 * importer, issue 20). Everything goes through the same checks, audit entries and transactions as the API: a
 * participant must be a member of the schedule's team, a name must be free. Joins the caller's transaction.
 */
@Component
public class ScheduleImport {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** One layer: a name and its rotation (zone, participants in order, length, start, hand-off, restrictions). */
    public record Layer(String name, Rotation rotation) {
    }

    /** A whole schedule; layers from lowest to highest priority (a higher layer wins where it has someone). */
    public record Definition(UUID teamId, String name, String description, ZoneId zone, List<Layer> layers) {

        public Definition {
            layers = List.copyOf(layers);
        }
    }

    private final Schedules schedules;

    ScheduleImport(Schedules schedules) {
        this.schedules = schedules;
    }

    public UUID create(Definition definition) {
        return schedules.create(draft(definition)).id();
    }

    /** Replaces name, description, zone and layers; the team stays. */
    public void update(UUID scheduleId, Definition definition) {
        schedules.update(scheduleId, draft(definition), null);
    }

    public boolean exists(UUID scheduleId) {
        return schedules.findSchedule(scheduleId).isPresent();
    }

    public UUID addOverride(UUID scheduleId, UUID userId, Instant start, Instant end, String reason) {
        return schedules.addOverride(scheduleId, userId, start, end, reason).id();
    }

    public void removeOverride(UUID scheduleId, UUID overrideId) {
        schedules.removeOverride(scheduleId, overrideId);
    }

    private static ScheduleDraft draft(Definition d) {
        var layers = d.layers().stream().map(ScheduleImport::layer).toList();
        return new ScheduleDraft(d.teamId(), d.name(), d.description(), d.zone().getId(), layers);
    }

    private static LayerDraft layer(Layer layer) {
        Rotation r = layer.rotation();
        var restrictions = r.restrictions().stream().map(x -> new RestrictionDraft(
                x.days().stream().map(Enum::name).toList(), time(x.from()), time(x.to()))).toList();
        return new LayerDraft(null, layer.name(), r.zone().getId(), r.participants(),
                new ShiftLengthDraft(r.length().amount(), r.length().unit().name()), r.startsAt(), time(r.handoff()),
                r.handoffDay(), restrictions);
    }

    private static String time(LocalTime t) {
        return t.format(HH_MM);
    }
}
