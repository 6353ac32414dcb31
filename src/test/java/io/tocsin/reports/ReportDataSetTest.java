package io.tocsin.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.Identity;
import io.tocsin.identity.Role;
import io.tocsin.incidents.Priority;
import io.tocsin.learning.ActionItemChanged;
import io.tocsin.learning.ActionItemStatus;
import io.tocsin.learning.PostmortemEvents;
import io.tocsin.notify.Answer;
import io.tocsin.notify.AnswerAction;
import io.tocsin.notify.AnswerOutcome;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.DeliveryEvents;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.DeliveryStatus;
import io.tocsin.notify.NotificationAnswered;
import io.tocsin.notify.SubjectType;
import io.tocsin.reports.internal.ReportFeed;
import io.tocsin.reports.internal.ReportStore;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Reports on a generated data set with known answers (issue 16 "Shown by"; R20, R26, R30), on H2 and PostgreSQL
 * ({@code -Dtocsin.test.db}): a year (2025) of incidents of one new team, pages to five people in five time zones
 * (Berlin, Los Angeles, Tokyo, Sydney, UTC; both DST changes included), deliveries, answers, shifts, postmortems
 * and action items, written through the same feed the events use. Every expected figure (counts, medians, p90, night
 * and weekend pages per person, fairness) is computed here, independently, from the generated records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportDataSetTest extends IntegrationTest {

    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-01T00:00:00Z");
    static final ZoneId UTC = ZoneId.of("UTC");

    @Autowired
    ReportStore store;

    @Autowired
    ReportFeed feed;

    @Autowired
    Reports reports;

    @Autowired
    Catalog catalog;

    @Autowired
    Identity ids;

    UUID team;
    List<UUID> services = new ArrayList<>();
    record Person(UUID id, ZoneId zone) {
    }
    List<Person> people = new ArrayList<>();
    record Inc(UUID id, UUID service, int severity, Priority priority, Instant declared, Instant assigned,
            Instant impact, Instant detected, Instant resolved) {
    }
    List<Inc> incidents = new ArrayList<>();
    record Page(UUID user, UUID incident, Instant at, Instant acked) {
    }
    Map<String, Page> pages = new HashMap<>();
    record Sent(UUID id, ContactMethodType channel, Instant queued, DeliveryStatus status, Instant sentAt,
            Instant answered, Inc incident) {
    }
    List<Sent> deliveries = new ArrayList<>();
    Map<UUID, double[]> hours = new HashMap<>();
    Map<UUID, Integer> shiftCounts = new HashMap<>();
    long expectedOnTime;


    @BeforeAll
    void generate() {
        var random = new Random(16);
        String suffix = Long.toString(System.nanoTime());
        team = ids.createTeam("Reports data set " + suffix, null).id();
        for (int i = 0; i < 3; i++) {
            services.add(catalog.createService(new Catalog.ServiceDraft("report-svc-" + i + "-" + suffix, null, team, null))
                    .id());
        }
        for (var zone : List.of("Europe/Berlin", "America/Los_Angeles", "Asia/Tokyo", "Australia/Sydney", "UTC")) {
            var u = ids.createUser(new Identity.NewUser("Person " + zone + " " + suffix, zone.replace('/', '.').toLowerCase()
                    + "." + suffix + "@test.local", zone, "en", Role.RESPONDER, "password-for-reports-1"));
            people.add(new Person(u.id(), ZoneId.of(zone)));
        }
        long yearSeconds = Duration.between(FROM, TO).toSeconds();
        for (int i = 0; i < 400; i++) {
            var declared = FROM.plusSeconds((long) (random.nextDouble() * (yearSeconds - 86_400)));
            Instant impact = random.nextInt(3) == 0 ? null : declared.minusSeconds(60 + random.nextInt(7200));
            Instant detected = random.nextInt(4) == 0 ? null
                    : (impact == null ? declared.minusSeconds(random.nextInt(600)) : impact.plusSeconds(random.nextInt(
                            (int) Duration.between(impact, declared).toSeconds() + 1)));
            Instant assigned = random.nextInt(10) == 0 ? null : declared.plusSeconds(random.nextInt(3600));
            Instant resolved = random.nextInt(8) == 0 ? null : declared.plusSeconds(300 + random.nextInt(40_000));
            var inc = new Inc(UUID.randomUUID(), services.get(random.nextInt(3)), 1 + random.nextInt(3),
                    Priority.values()[random.nextInt(5)], declared, assigned, impact, detected, resolved);
            incidents.add(inc);
            store.putIncident(new ReportStore.IncidentRow(inc.id(), "RPT-" + i + "-" + suffix, inc.service(), team,
                    inc.severity(), inc.priority().name(), declared, assigned, impact, detected, resolved));
        }
        // Pages at chosen instants around both DST changes, then random ones; some repeated (other methods).
        var special = List.of(Instant.parse("2025-03-30T05:30:00Z"), Instant.parse("2025-03-30T04:30:00Z"),
                Instant.parse("2025-10-26T05:30:00Z"), Instant.parse("2025-10-26T06:00:00Z"),
                Instant.parse("2025-03-09T05:30:00Z"), Instant.parse("2025-11-02T14:30:00Z"),
                Instant.parse("2025-04-05T15:30:00Z"), Instant.parse("2025-10-04T16:30:00Z"));
        var channels = ContactMethodType.values();
        for (int i = 0; i < 1200; i++) {
            var person = people.get(random.nextInt(people.size()));
            var inc = incidents.get(random.nextInt(incidents.size()));
            var at = i < special.size() * people.size() ? special.get(i % special.size())
                    : FROM.plusSeconds((long) (random.nextDouble() * (yearSeconds - 86_400)));
            if (i < special.size() * people.size()) {
                person = people.get(i / special.size());
            }
            var channel = channels[random.nextInt(channels.length)];
            var delivery = UUID.randomUUID();
            feed.apply(new DeliveryEvents.Queued(delivery, DeliveryKind.PAGE, person.id(), channel, SubjectType.INCIDENT,
                    inc.id().toString(), at));
            String key = person.id() + "/" + inc.id();
            var earlier = pages.get(key);
            if (earlier == null) {
                pages.put(key, new Page(person.id(), inc.id(), at, null));
            }
            DeliveryStatus status = random.nextInt(10) == 0 ? DeliveryStatus.FAILED : DeliveryStatus.SENT;
            Instant sentAt = at.plusSeconds(random.nextInt(20));
            feed.apply(new DeliveryEvents.Finished(delivery, status, sentAt));
            Instant answered = null;
            if (status == DeliveryStatus.SENT && random.nextInt(3) > 0) {
                answered = sentAt.plusSeconds(5 + random.nextInt(1800));
                feed.apply(new NotificationAnswered(new Answer(SubjectType.INCIDENT, inc.id().toString(), null,
                        AnswerAction.ACKNOWLEDGE, person.id(), channel, delivery, answered), AnswerOutcome.APPLIED));
                var page = pages.get(key);
                if (page.acked() == null && !answered.isBefore(page.at())) {
                    pages.put(key, new Page(page.user(), page.incident(), page.at(), answered));
                }
            }
            deliveries.add(new Sent(delivery, channel, at, status, status == DeliveryStatus.SENT ? sentAt : null, answered,
                    inc));
        }
        // Shifts: a week each in turn, for the whole year and a bit beyond its edges.
        var schedule = UUID.randomUUID();
        int turn = 0;
        for (var start = FROM.minus(Duration.ofDays(3)); start.isBefore(TO.plus(Duration.ofDays(3)));
                start = start.plus(Duration.ofDays(7))) {
            var person = people.get(turn++ % people.size());
            var end = start.plus(Duration.ofDays(7));
            store.putShift(schedule, person.id(), team, start, end);
            var s = start.isBefore(FROM) ? FROM : start;
            var e = end.isAfter(TO) ? TO : end;
            if (e.isAfter(s)) {
                hours.computeIfAbsent(person.id(), k -> new double[1])[0] += Duration.between(s, e).toSeconds() / 3600.0;
                shiftCounts.merge(person.id(), 1, Integer::sum);
            }
        }
        // Postmortems for severity 1 incidents and their action items.
        for (var inc : incidents) {
            if (inc.severity() != 1 || inc.resolved() == null) {
                continue;
            }
            var pm = UUID.randomUUID();
            var dueOn = inc.resolved().atZone(UTC).toLocalDate().plusDays(7);
            feed.apply(new PostmortemEvents.Drafted(pm, inc.id(), "K", people.getFirst().id(), dueOn, inc.resolved()));
            int publishAfterDays = random.nextInt(12);
            if (publishAfterDays < 11) {
                var published = inc.resolved().plus(Duration.ofDays(publishAfterDays));
                feed.apply(new PostmortemEvents.Published(pm, inc.id(), "K", 1, published));
                // On time: before the start of the day after the due date, in the organisation's zone.
                if (published.isBefore(dueOn.plusDays(1).atStartOfDay(learningZone()).toInstant())) {
                    expectedOnTime++;
                }
            }
            var item = UUID.randomUUID();
            var st = ActionItemStatus.values()[random.nextInt(4)];
            feed.apply(new ActionItemChanged(item, inc.id(), inc.service(), team, st, dueOn,
                    dueOn.plusDays(1).atStartOfDay(UTC).toInstant(), inc.resolved(),
                    st == ActionItemStatus.DONE ? inc.resolved().plus(Duration.ofDays(2)) : null, inc.resolved()));
        }
    }

    @Autowired
    io.tocsin.learning.LearningSettings learningSettings;

    ZoneId learningZone() {
        return learningSettings.getZone();
    }

    ReportQuery query(UUID service, Set<Integer> severities, Set<Priority> priorities) {
        return new ReportQuery(FROM, TO, team, service, severities, priorities, UTC);
    }

    static Duration nearestRank(List<Duration> values, int p) {
        if (values.isEmpty()) {
            return null;
        }
        var sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p * sorted.size() / 100.0);
        return sorted.get(rank - 1);
    }

    @Test
    void incidentCountsMediansAndP90MatchTheGeneratedRecords() {
        for (var filter : List.of(query(null, Set.of(), Set.of()), query(services.get(1), Set.of(), Set.of()),
                query(null, Set.of(1, 3), Set.of()), query(null, Set.of(), Set.of(Priority.P1, Priority.P2)))) {
            var selected = incidents.stream()
                    .filter(i -> filter.serviceId() == null || filter.serviceId().equals(i.service()))
                    .filter(i -> filter.severities().isEmpty() || filter.severities().contains(i.severity()))
                    .filter(i -> filter.priorities().isEmpty() || filter.priorities().contains(i.priority()))
                    .toList();
            var f = reports.incidents(filter).figures();
            assertThat(f.total()).isEqualTo(selected.size());
            for (int sev = 1; sev <= 3; sev++) {
                int s = sev;
                assertThat(f.bySeverity().get(sev)).isEqualTo(selected.stream().filter(i -> i.severity() == s).count());
            }
            for (var service : services) {
                long n = selected.stream().filter(i -> i.service().equals(service)).count();
                assertThat(f.byService().getOrDefault(service, 0L)).isEqualTo(n);
            }
            assertThat(f.byWeek().stream().mapToLong(IncidentFigures.Week::incidents).sum()).isEqualTo(selected.size());
            assertThat(f.byWeek().getFirst().starts()).isEqualTo(java.time.LocalDate.of(2024, 12, 30));
            assertThat(f.byWeek()).allMatch(w -> w.starts().getDayOfWeek() == DayOfWeek.MONDAY);

            var ttd = selected.stream().filter(i -> i.impact() != null && i.detected() != null)
                    .map(i -> Duration.between(i.impact(), i.detected())).toList();
            var tta = selected.stream().filter(i -> i.assigned() != null)
                    .map(i -> Duration.between(i.declared(), i.assigned())).toList();
            var ttr = selected.stream().filter(i -> i.resolved() != null).map(i -> Duration.between(
                    i.impact() != null ? i.impact() : i.detected() != null ? i.detected() : i.declared(), i.resolved()))
                    .toList();
            var impact = selected.stream().filter(i -> i.resolved() != null && i.impact() != null)
                    .map(i -> Duration.between(i.impact(), i.resolved())).toList();
            assertThat(ttd.size()).isLessThan(selected.size()); // unknown TTD exists and is left out
            assertThat(f.timeToDetect().count()).isEqualTo(ttd.size());
            assertThat(f.timeToDetect().median()).isEqualTo(nearestRank(ttd, 50));
            assertThat(f.timeToDetect().p90()).isEqualTo(nearestRank(ttd, 90));
            assertThat(f.timeToAcknowledge().median()).isEqualTo(nearestRank(tta, 50));
            assertThat(f.timeToAcknowledge().p90()).isEqualTo(nearestRank(tta, 90));
            assertThat(f.timeToRecover().count()).isEqualTo(ttr.size());
            assertThat(f.timeToRecover().median()).isEqualTo(nearestRank(ttr, 50));
            assertThat(f.timeToRecover().p90()).isEqualTo(nearestRank(ttr, 90));
            assertThat(f.customerImpact().median()).isEqualTo(nearestRank(impact, 50));
            assertThat(f.customerImpact().p90()).isEqualTo(nearestRank(impact, 90));
            long underFiveMinutes = ttr.stream().filter(d -> d.compareTo(Duration.ofMinutes(5)) < 0).count();
            assertThat(f.timeToRecover().bins().getFirst().count()).isEqualTo(underFiveMinutes);
            // The distributions are aggregated in the database: each must equal the pure computation on the
            // generated durations, mean, maximum and every histogram bin included.
            assertThat(f.timeToAcknowledge()).isEqualTo(Distribution.of(tta));
            assertThat(f.timeToDetect()).isEqualTo(Distribution.of(ttd));
            assertThat(f.timeToRecover()).isEqualTo(Distribution.of(ttr));
            assertThat(f.customerImpact()).isEqualTo(Distribution.of(impact));
            assertThat(f.timeToRecover().max()).isEqualTo(ttr.stream().max(Comparator.naturalOrder()).orElseThrow());
        }
    }

    @Test
    void nightAndWeekendPagesPerPersonAcrossTimeZonesAndDst() {
        var teams = reports.onCall(query(null, Set.of(), Set.of())).teams();
        assertThat(teams).hasSize(1);
        var t = teams.getFirst();
        assertThat(t.teamId()).isEqualTo(team);
        assertThat(t.people()).hasSize(people.size());
        var pageCounts = new ArrayList<Long>();
        for (var person : people) {
            var mine = pages.values().stream().filter(p -> p.user().equals(person.id())).toList();
            long night = mine.stream().filter(p -> {
                int hour = p.at().atZone(person.zone()).getHour();
                return hour >= 22 || hour < 7;
            }).count();
            long weekend = mine.stream().filter(p -> {
                var day = p.at().atZone(person.zone()).getDayOfWeek();
                return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
            }).count();
            var acked = mine.stream().filter(p -> p.acked() != null).toList();
            long ackSeconds = acked.stream().mapToLong(p -> Duration.between(p.at(), p.acked()).toSeconds()).sum();
            var row = t.people().stream().filter(p -> p.userId().equals(person.id())).findFirst().orElseThrow();
            assertThat(row.pages()).as(person.zone().getId()).isEqualTo(mine.size());
            assertThat(row.nightPages()).as(person.zone().getId()).isEqualTo(night);
            assertThat(row.weekendPages()).as(person.zone().getId()).isEqualTo(weekend);
            assertThat(row.meanTimeToAck()).isEqualTo(Duration.ofSeconds(Math.round((double) ackSeconds / acked.size())));
            assertThat(row.shifts()).isEqualTo(shiftCounts.get(person.id()));
            assertThat(row.hoursOnCall()).isCloseTo(hours.get(person.id())[0], org.assertj.core.data.Offset.offset(1e-6));
            assertThat(row.interruptionsPerShift()).isCloseTo((double) mine.size() / shiftCounts.get(person.id()),
                    org.assertj.core.data.Offset.offset(1e-9));
            pageCounts.add((long) mine.size());
        }
        // The DST pages of the Berlin person: 07:30 CEST (not night) and 06:30 CEST (night) on 30 March,
        // 06:30 CET (night) and 07:00 CET (not night) on 26 October, all on Sundays.
        double mean = pageCounts.stream().mapToLong(Long::longValue).average().orElseThrow();
        double sd = Math.sqrt(pageCounts.stream().mapToDouble(n -> (n - mean) * (n - mean)).sum() / pageCounts.size());
        assertThat(t.pages().coefficientOfVariation()).isCloseTo(sd / mean, org.assertj.core.data.Offset.offset(1e-9));
        long max = pageCounts.stream().max(Comparator.naturalOrder()).orElseThrow();
        long min = pageCounts.stream().min(Comparator.naturalOrder()).orElseThrow();
        assertThat(t.pages().maxMinRatio()).isCloseTo((double) max / min, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void repeatedPagesAboutOneIncidentAreOnePage() {
        long distinct = new HashSet<>(pages.keySet()).size();
        long total = reports.onCall(query(null, Set.of(), Set.of())).teams().getFirst().people().stream()
                .mapToLong(OnCallFigures.Person::pages).sum();
        assertThat(total).isEqualTo(distinct).isLessThan(1200);
    }

    @Test
    void deliveryPerChannelWithMedianTimeToAnswer() {
        var filter = query(null, Set.of(2), Set.of());
        var report = reports.notifications(filter);
        for (var channel : ContactMethodType.values()) {
            var mine = deliveries.stream().filter(d -> d.channel() == channel && d.incident().severity() == 2).toList();
            var row = report.channels().stream().filter(c -> c.channel().equals(channel.name())).findFirst();
            if (mine.isEmpty()) {
                assertThat(row).isEmpty();
                continue;
            }
            var r = row.orElseThrow();
            assertThat(r.queued()).isEqualTo(mine.size());
            assertThat(r.sent()).isEqualTo(mine.stream().filter(d -> d.status() == DeliveryStatus.SENT).count());
            assertThat(r.delivered()).isEqualTo(r.sent());
            assertThat(r.failed()).isEqualTo(mine.stream().filter(d -> d.status() == DeliveryStatus.FAILED).count());
            var answers = mine.stream().filter(d -> d.answered() != null)
                    .map(d -> Duration.between(d.sentAt(), d.answered())).toList();
            assertThat(r.answered()).isEqualTo(answers.size());
            assertThat(r.medianTimeToAnswer()).isEqualTo(nearestRank(answers, 50));
        }
    }

    @Test
    void postmortemsOnTimeAndActionItemsOpenAndOverdue() {
        var r = reports.learning(query(null, Set.of(), Set.of()));
        var sev1 = incidents.stream().filter(i -> i.severity() == 1 && i.resolved() != null).toList();
        assertThat(r.postmortems()).isEqualTo(sev1.size());
        assertThat(r.actionItems()).isEqualTo(sev1.size());
        assertThat(r.published()).isLessThanOrEqualTo(r.postmortems());
        assertThat(r.publishedOnTime()).isLessThanOrEqualTo(r.published());
        // The data set lies in 2025, before the test clock: every unpublished one is overdue, every open item too.
        assertThat(r.overdue()).isEqualTo(r.postmortems() - r.published());
        assertThat(r.actionItemsOverdue()).isEqualTo(r.actionItemsOpen());
        assertThat(r.publishedOnTime()).isEqualTo(expectedOnTime);
        assertThat(expectedOnTime).isPositive().isLessThan(r.published());
    }
}
