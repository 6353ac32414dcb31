package io.tocsin.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.oncall.TimeRange;
import io.tocsin.oncall.internal.ScheduleDrafts.LayerDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.RestrictionDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.ScheduleDraft;
import io.tocsin.oncall.internal.ScheduleDrafts.ShiftLengthDraft;
import io.tocsin.oncall.internal.Schedules;
import io.tocsin.oncall.planning.OverrideSpec;
import io.tocsin.oncall.planning.Restriction;
import io.tocsin.oncall.planning.Rotation;
import io.tocsin.oncall.planning.ScheduleDefinition;
import io.tocsin.oncall.planning.ShiftLength;
import io.tocsin.oncall.planning.ShiftPlanner;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * On-call calculator figures (issue "On-call schedules"): one year of final shifts for 3 layers, 30 participants
 * and 50 overrides (target under 20 ms), and who is on call now for 1,000 schedules (target under 50 ms in
 * total), both in memory and through the database with {@link Schedules#onCallAt}.
 */
class OnCallBenchmark extends IntegrationTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Autowired
    Schedules schedules;

    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    final ShiftPlanner planner = new ShiftPlanner();

    /** Wall-clock and CPU nanoseconds of each run, each array sorted. */
    static long[][] measure(int runs, Runnable run) {
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            run.run();
            wall[i] = System.nanoTime() - t0;
            cpu[i] = CPU.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new long[][] {wall, cpu};
    }

    /** The machine is shared: the load average tells how far wall-clock figures are from an idle machine. */
    static String load() {
        try {
            return "load average " + java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip()
                    + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (java.io.IOException e) {
            return "load average unknown";
        }
    }

    static ScheduleDefinition yearDefinition(List<UUID> people, Instant start, Random random) {
        var layers = List.of(
                new Rotation(BERLIN, people, ShiftLength.weeks(1), start, LocalTime.of(9, 0), List.of()),
                new Rotation(BERLIN, people, ShiftLength.days(1), start, LocalTime.of(8, 0),
                        List.of(new Restriction(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                                LocalTime.of(8, 0), LocalTime.of(18, 0)))),
                new Rotation(LOS_ANGELES, people, ShiftLength.hours(12), start, LocalTime.of(10, 0),
                        List.of(Restriction.daily(LocalTime.of(10, 0), LocalTime.of(22, 0)))));
        var overrides = new ArrayList<OverrideSpec>();
        for (int i = 0; i < 50; i++) {
            Instant from = start.plus(Duration.ofHours(random.nextInt(365 * 24)));
            overrides.add(new OverrideSpec(UUID.randomUUID(), people.get(random.nextInt(people.size())), from,
                    from.plus(Duration.ofHours(1 + random.nextInt(48)))));
        }
        return new ScheduleDefinition(layers, overrides);
    }

    @Test
    void oneYearOfFinalShiftsForThreeLayersThirtyPeopleFiftyOverrides() {
        var random = new Random(42);
        var people = IntStream.range(0, 30).mapToObj(i -> UUID.randomUUID()).toList();
        Instant start = Instant.parse("2027-01-04T08:00:00Z");
        var definition = yearDefinition(people, start, random);
        var year = new TimeRange(start, start.plus(Duration.ofDays(365)));

        for (int i = 0; i < 300; i++) {
            planner.plan(definition, year);
        }
        int runs = 200;
        var shiftCount = new int[1];
        long[][] measured = measure(runs, () -> shiftCount[0] = planner.plan(definition, year).finalShifts().size());
        long[] nanos = measured[0];
        long[] cpu = measured[1];
        int shifts = shiftCount[0];
        double median = nanos[runs / 2] / 1e6;
        System.out.printf("OnCallBenchmark: one year of final shifts, 3 layers, 30 participants, 50 overrides:"
                + " %d final shifts, wall median %.2f ms (p95 %.2f, max %.2f), CPU median %.2f ms (target < 20 ms: %s);"
                + " %s%n", shifts, median, nanos[(int) (runs * 0.95)] / 1e6, nanos[runs - 1] / 1e6,
                cpu[runs / 2] / 1e6, median < 20 ? "met" : "MISSED", load());
        assertThat(shifts).isGreaterThan(1000);
    }

    @Test
    void whoIsOnCallNowForAThousandSchedules() {
        var random = new Random(7);
        var people = IntStream.range(0, 30).mapToObj(i -> UUID.randomUUID()).toList();
        Instant start = Instant.parse("2027-01-04T08:00:00Z");
        var definitions = IntStream.range(0, 1000).mapToObj(i -> yearDefinition(people, start, random)).toList();
        Instant now = Instant.parse("2027-06-15T13:37:00Z");
        for (int w = 0; w < 20; w++) {
            definitions.forEach(d -> planner.onCallAt(d, now));
        }
        int rounds = 21;
        var answered = new long[1];
        long[][] measured = measure(rounds, () -> answered[0] = definitions.stream()
                .filter(d -> planner.onCallAt(d, now).isPresent()).count());
        long[] nanos = measured[0];
        long[] cpu = measured[1];
        long found = answered[0];
        double inMemory = nanos[rounds / 2] / 1e6;
        System.out.printf("OnCallBenchmark: who is on call now, 1,000 schedules (3 layers, 50 overrides each),"
                + " in memory: wall median %.2f ms total (min %.2f, max %.2f), CPU median %.2f ms over %d rounds"
                + " (target < 50 ms: %s), %d answered; %s%n", inMemory, nanos[0] / 1e6, nanos[rounds - 1] / 1e6,
                cpu[rounds / 2] / 1e6, rounds, inMemory < 50 ? "met" : "MISSED", found, load());
        assertThat(found).isEqualTo(1000);
    }

    @Test
    void whoIsOnCallNowForAThousandStoredSchedules() {
        String suffix = Long.toString(System.nanoTime());
        var team = identity.createTeam("Bench team " + suffix, null);
        var members = new ArrayList<UUID>();
        for (int i = 0; i < 10; i++) {
            var user = identity.createUser(new Identity.NewUser("Bench " + i, "bench" + i + "." + suffix + "@test.local",
                    "Europe/Berlin", "en", Role.RESPONDER, null));
            identity.putMember(team.id(), user.id(), false);
            members.add(user.id());
        }
        Instant start = clock.instant().minus(Duration.ofDays(30));
        var ids = new ArrayList<UUID>();
        long c0 = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            var layers = List.of(
                    new LayerDraft(null, "Weekly", null, members.subList(0, 5), new ShiftLengthDraft(1, "WEEKS"),
                            start, "09:00", null, List.of()),
                    new LayerDraft(null, "Office", null, members.subList(5, 10), new ShiftLengthDraft(1, "DAYS"),
                            start, "08:00", null, List.of(new RestrictionDraft(List.of("MON", "TUE", "WED", "THU", "FRI"),
                                    "08:00", "18:00"))));
            ids.add(schedules.create(new ScheduleDraft(team.id(), "Bench " + suffix + " " + i, null, "Europe/Berlin",
                    layers)).id());
        }
        double createSeconds = (System.nanoTime() - c0) / 1e9;
        for (int w = 0; w < 5; w++) {
            schedules.onCallAt(ids, clock.instant());
        }
        int runs = 21;
        long[] nanos = new long[runs];
        int answered = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            answered = schedules.onCallAt(ids, clock.instant()).size();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.println("OnCallBenchmark: " + load());
        System.out.printf("OnCallBenchmark: who is on call now, 1,000 stored schedules (2 layers each) on %s, check"
                + " versions, read overrides and compute: median %.1f ms, min %.1f ms, max %.1f ms (created in %.1f s)%n",
                System.getProperty("tocsin.test.db", "h2"), nanos[runs / 2] / 1e6, nanos[0] / 1e6,
                nanos[runs - 1] / 1e6, createSeconds);
        assertThat(answered).isEqualTo(1000);
    }
}
