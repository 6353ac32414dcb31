package io.tocsin.oncall.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tocsin.catalog.Service;
import io.tocsin.identity.Identity;
import io.tocsin.identity.User;
import io.tocsin.oncall.Shift;
import io.tocsin.oncall.TimeRange;
import io.tocsin.oncall.internal.Schedule;
import io.tocsin.oncall.internal.Schedules;
import io.tocsin.shared.UiPanel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** "On call now and next" on the dashboard and on service pages, and the viewer's own state in the top bar. */
@Configuration(proxyBeanMethods = false)
class OnCallPanels {

    /** One schedule's current and next person for a panel. */
    record NowNext(Schedule schedule, User now, Shift nowShift, User next, Shift nextShift) {
    }

    static List<NowNext> nowNext(Schedules schedules, Identity identity, List<Schedule> list, Instant at) {
        var rows = new ArrayList<NowNext>();
        for (Schedule s : list) {
            var shifts = schedules.plan(s.id(), new TimeRange(at, at.plus(Schedules.lookaround(s)))).finalShifts();
            Shift now = shifts.stream().filter(sh -> sh.covers(at)).findFirst().orElse(null);
            Shift next = shifts.stream().filter(sh -> sh.start().isAfter(at)
                    && (now == null || !sh.userId().equals(now.userId()))).findFirst().orElse(null);
            Map<java.util.UUID, User> people = identity.usersById(java.util.stream.Stream.of(now, next)
                    .filter(java.util.Objects::nonNull).map(Shift::userId).toList());
            rows.add(new NowNext(s, now == null ? null : people.get(now.userId()), now,
                    next == null ? null : people.get(next.userId()), next));
        }
        return rows;
    }

    @Bean
    UiPanel onCallDashboardPanel(Schedules schedules, Identity identity, Clock clock) {
        return UiPanel.of(UiPanel.DASHBOARD, 20, "oncall/panel-now", ctx -> Map.of("rows",
                nowNext(schedules, identity, schedules.schedules().stream().limit(12).toList(), clock.instant())));
    }

    /** Issue 13: the viewer's current or next shift on the dashboard ("what next" for the person on call). */
    @Bean
    UiPanel myNextShiftDashboardPanel(io.tocsin.oncall.OnCall onCall, Clock clock) {
        return UiPanel.of(UiPanel.DASHBOARD, 25, "oncall/panel-my-shift", ctx -> {
            if (ctx.viewerId() == null) {
                return Map.of();
            }
            var now = clock.instant();
            var next = onCall.shiftsOf(ctx.viewerId(), new TimeRange(now, now.plus(java.time.Duration.ofDays(60))))
                    .stream().filter(s -> s.shift().end().isAfter(now)).findFirst();
            return next.<Map<String, Object>>map(s -> Map.of("shift", s, "now", s.shift().covers(now)))
                    .orElse(Map.of("none", true));
        });
    }

    @Bean
    UiPanel onCallServicePanel(Schedules schedules, Identity identity, Clock clock) {
        return UiPanel.of(UiPanel.SERVICE, 10, "oncall/panel-now", ctx -> Map.of("rows",
                ctx.subject() instanceof Service service && service.owningTeamId() != null
                        ? nowNext(schedules, identity, schedules.schedulesOfTeam(service.owningTeamId()), clock.instant())
                        : List.of()));
    }

    @Bean
    UiPanel onCallTopBarPanel(Schedules schedules, Clock clock) {
        return UiPanel.of(UiPanel.TOPBAR, 10, "oncall/panel-topbar", ctx -> {
            if (ctx.viewerId() == null) {
                return Map.of();
            }
            return schedules.onCallStretch(ctx.viewerId(), clock.instant())
                    .<Map<String, Object>>map(u -> Map.of("until", u.shift().end(), "scheduleId", u.scheduleId()))
                    .orElse(Map.of());
        });
    }
}
