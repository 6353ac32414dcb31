package io.tocsin.incidents;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which open incidents a person works through their roles, and whom roles there were given to by whom: what the
 * personal-data rule needs to know who is paging whom (issue 15 point 3, R16). Read-only.
 */
@Component
@Transactional(readOnly = true)
public class IncidentInvolvement {

    /**
     * One open incident the person works: {@code holdsRole} whether they hold a role on it now;
     * {@code givenRoleByThem} the people they gave a role there; {@code givenRoleByOthers} the people someone else
     * gave a role there (each was notified of it); {@code tookRoleThemselves} the others who joined by taking a
     * role themselves (nobody notified them). Released roles count: the person was reached all the same.
     */
    public record Involvement(UUID incidentId, boolean holdsRole, Set<UUID> givenRoleByThem,
            Set<UUID> givenRoleByOthers, Set<UUID> tookRoleThemselves) {
    }

    private final JdbcClient jdbc;

    IncidentInvolvement(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The open incidents (new or fixing) on which the person holds a role or gave somebody one. */
    public List<Involvement> openIncidentsWorkedBy(UUID userId) {
        record Row(UUID incident, UUID holder, UUID givenBy, boolean active) {
        }
        var rows = jdbc.sql("""
                select a.incident_id, a.user_id, a.assigned_by, a.released_at is null from role_assignment a
                join incident i on i.id = a.incident_id
                where i.status in ('NEW', 'FIXING') and a.incident_id in (
                    select b.incident_id from role_assignment b
                    where (b.user_id = ? and b.released_at is null) or b.assigned_by = ?)
                order by a.incident_id, a.seq""")
                .params(userId, userId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getBoolean(4)))
                .list();
        var byIncident = new LinkedHashMap<UUID, List<Row>>();
        rows.forEach(r -> byIncident.computeIfAbsent(r.incident(), k -> new java.util.ArrayList<>()).add(r));
        return byIncident.entrySet().stream().map(e -> {
            var byThem = new HashSet<UUID>();
            var byOthers = new HashSet<UUID>();
            var themselves = new HashSet<UUID>();
            boolean holds = false;
            for (var r : e.getValue()) {
                holds |= r.active() && r.holder().equals(userId);
                if (userId.equals(r.givenBy()) && !r.holder().equals(userId)) {
                    byThem.add(r.holder());
                } else if (!Objects.equals(r.givenBy(), r.holder())) {
                    byOthers.add(r.holder());
                } else if (!r.holder().equals(userId)) {
                    themselves.add(r.holder());
                }
            }
            themselves.removeAll(byThem);
            themselves.removeAll(byOthers);
            return new Involvement(e.getKey(), holds, Set.copyOf(byThem), Set.copyOf(byOthers), Set.copyOf(themselves));
        }).toList();
    }
}
