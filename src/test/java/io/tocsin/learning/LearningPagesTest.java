package io.tocsin.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;

/**
 * The learning pages a person reads without the API (R28, issue 12 points 5, 6 and 8): one's overdue postmortems and
 * action items on the dashboard, the overdue action-item list and the printable postmortem page.
 */
class LearningPagesTest extends LearningTestSupport {

    @Test
    void overdueFollowUpsReachTheirOwnersDashboardAndTheListsAndThePostmortemPrints() {
        var s = openIncident(3, "Ledger");
        s.managerApi().post("/api/v1/incidents/" + s.key() + "/resolve", Map.of("reason", "fixed")).expect(200);
        var today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String base = "/api/v1/incidents/" + s.key() + "/postmortem";
        s.managerApi().post(base, Map.of("dueOn", today.toString())).expect(201);
        s.managerApi().put(base + "/sections/summary", Map.of("body", "The ledger stopped booking for 12 minutes."))
                .expect(200);
        var item = new HashMap<String, Object>(Map.of("incident", s.key(), "title", "Alert on booking lag " + s.key(),
                "ownerId", s.manager().id().toString(), "kind", "DETECT", "dueOn", today.toString()));
        s.managerApi().post("/api/v1/action-items", item).expect(201);

        var session = new WebSession(baseUrl(), s.manager().email(), password(s.manager()));
        assertThat(session.get("/?lang=en").body()).doesNotContain("my-follow-ups");

        clock.setTo(today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(9)));
        String dashboard = session.get("/").body();
        assertThat(dashboard).contains("id=\"my-follow-ups\"", "Your follow-ups", "Overdue postmortems",
                "Overdue action items", "Alert on booking lag " + s.key(), "/incidents/" + s.key() + "/postmortem");

        assertThat(session.get("/action-items?view=overdue").body()).contains("Alert on booking lag " + s.key());
        assertThat(session.get("/action-items?view=mine").body()).contains("Alert on booking lag " + s.key());

        var print = session.get("/incidents/" + s.key() + "/postmortem/print");
        assertThat(print.statusCode()).isEqualTo(200);
        assertThat(print.body()).contains("Postmortem " + s.key(), "Key figures", "Summary",
                "The ledger stopped booking for 12 minutes.", "Root cause analysis", "Alert on booking lag " + s.key());
        assertThat(print.body()).doesNotContain("<script>", "style=\"");

        assertThat(session.get("/?lang=de").body()).contains("Ihre Nacharbeiten", "Überfällige Postmortems",
                "Überfällige Maßnahmen");
    }
}
