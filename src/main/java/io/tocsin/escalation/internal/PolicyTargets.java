package io.tocsin.escalation.internal;

import java.util.List;
import java.util.UUID;

import io.tocsin.oncall.ScheduleReferences;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Tells the on-call module which escalation policies target a schedule, so it is not deleted under them. */
@Component
class PolicyTargets implements ScheduleReferences {

    private final JdbcClient jdbc;

    PolicyTargets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> referencesTo(UUID scheduleId) {
        return jdbc.sql("""
                select distinct p.name from escalation_target t join escalation_policy p on p.id = t.policy_id
                where t.target_type = ? and t.target_id = ? order by p.name""")
                .params(Policy.TargetType.SCHEDULE.name(), scheduleId).query(String.class).list();
    }

    @Override
    public String kind() {
        return "escalation policies";
    }
}
