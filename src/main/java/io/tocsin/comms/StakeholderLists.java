package io.tocsin.comms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.catalog.Catalog;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.notify.MailRecipient;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stakeholder distribution lists (R24): people and plain e-mail addresses, for one service or (without a service)
 * the whole organisation. Internal updates of major incidents go to the lists of the incident's service and to
 * the organisation's lists; employees subscribed to the service get them too. A list is stored only when every
 * member is valid, so sending never meets a broken address.
 */
@Component
@Transactional
public class StakeholderLists {

    public static final int MAX_MEMBERS = 500;

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Identity identity;
    private final AuditLog audit;
    private final Clock clock;
    private final CommsSettings settings;

    StakeholderLists(JdbcClient jdbc, Catalog catalog, Identity identity, AuditLog audit, Clock clock,
            CommsSettings settings) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.identity = identity;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    /** A person ({@code userId}) or a plain address ({@code email}); exactly one of them. */
    @Schema(name = "StakeholderListMember")
    public record Member(UUID userId, String email) {
    }

    /** A member as shown: the person's name and address, or the plain address. */
    @Schema(name = "StakeholderListMemberView")
    public record MemberView(UUID userId, String name, String email) {
    }

    public record StakeholderList(UUID id, String name, UUID serviceId, List<MemberView> members) {
    }

    public StakeholderList create(String name, UUID serviceId, List<Member> members) {
        var normalized = validate(name, serviceId, members);
        var id = UUID.randomUUID();
        var now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("insert into stakeholder_list (id, name, service_id, created_at, updated_at) values (?, ?, ?, ?, ?)")
                    .params(id, name.strip(), serviceId, now, now).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("list-exists", "a stakeholder list named '" + name.strip() + "' exists");
        }
        insertMembers(id, normalized);
        audit.record(CurrentActor.get(), "comms.list-created", "stakeholder_list", id, name.strip());
        return get(id);
    }

    public StakeholderList replace(UUID id, String name, UUID serviceId, List<Member> members) {
        get(id);
        var normalized = validate(name, serviceId, members);
        try {
            jdbc.sql("update stakeholder_list set name = ?, service_id = ?, updated_at = ? where id = ?")
                    .params(name.strip(), serviceId, Timestamp.from(clock.instant()), id).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("list-exists", "a stakeholder list named '" + name.strip() + "' exists");
        }
        jdbc.sql("delete from stakeholder_list_member where list_id = ?").param(id).update();
        insertMembers(id, normalized);
        audit.record(CurrentActor.get(), "comms.list-replaced", "stakeholder_list", id, name.strip());
        return get(id);
    }

    public void delete(UUID id) {
        var list = get(id);
        jdbc.sql("delete from stakeholder_list where id = ?").param(id).update();
        audit.record(CurrentActor.get(), "comms.list-deleted", "stakeholder_list", id, list.name());
    }

    @Transactional(readOnly = true)
    public StakeholderList get(UUID id) {
        return lists("where l.id = ?", id).stream().findFirst().orElseThrow(() -> new NotFoundException("stakeholder list", id));
    }

    @Transactional(readOnly = true)
    public List<StakeholderList> all() {
        return lists("", null);
    }

    /** The lists an incident of the service writes to: the service's own and the organisation-wide ones. */
    @Transactional(readOnly = true)
    public List<StakeholderList> forService(UUID serviceId) {
        return lists("where l.service_id = ? or l.service_id is null", serviceId);
    }

    /** Everyone on those lists, each address once, in their language (plain addresses in the default one). */
    @Transactional(readOnly = true)
    public List<MailRecipient> recipients(UUID serviceId) {
        var byAddress = new LinkedHashMap<String, MailRecipient>();
        for (var list : forService(serviceId)) {
            for (var m : list.members()) {
                var locale = m.userId() == null ? settings.getDefaultLocale() : identity.findUser(m.userId())
                        .filter(u -> u.active()).map(u -> u.locale()).orElse(null);
                if (locale != null) {
                    byAddress.putIfAbsent(m.email().toLowerCase(Locale.ROOT), new MailRecipient(m.email(), locale));
                }
            }
        }
        return List.copyOf(byAddress.values());
    }

    private List<Member> validate(String name, UUID serviceId, List<Member> members) {
        var violations = new ArrayList<FieldViolation>();
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            violations.add(new FieldViolation("name", "must be 1 to 200 characters"));
        }
        if (serviceId != null && catalog.findService(serviceId).isEmpty()) {
            violations.add(new FieldViolation("serviceId", "no service with id " + serviceId));
        }
        var list = members == null ? List.<Member>of() : members;
        if (list.size() > MAX_MEMBERS) {
            violations.add(new FieldViolation("members", "at most " + MAX_MEMBERS + " members"));
        }
        var normalized = new ArrayList<Member>();
        for (int i = 0; i < list.size(); i++) {
            var m = list.get(i);
            String field = "members[" + i + "]";
            if (m == null || (m.userId() == null) == (m.email() == null || m.email().isBlank())) {
                violations.add(new FieldViolation(field, "give either a userId or an email"));
                continue;
            }
            if (m.userId() != null) {
                if (identity.findUser(m.userId()).isEmpty()) {
                    violations.add(new FieldViolation(field + ".userId", "no user with id " + m.userId()));
                }
                normalized.add(new Member(m.userId(), null));
            } else {
                MailRecipient.problem(m.email()).ifPresentOrElse(
                        problem -> violations.add(new FieldViolation(field + ".email", problem)),
                        () -> normalized.add(new Member(null, m.email().strip())));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return normalized;
    }

    private void insertMembers(UUID listId, List<Member> members) {
        for (int i = 0; i < members.size(); i++) {
            jdbc.sql("insert into stakeholder_list_member (list_id, position, user_id, email) values (?, ?, ?, ?)")
                    .params(listId, i, members.get(i).userId(), members.get(i).email()).update();
        }
    }

    private List<StakeholderList> lists(String where, Object param) {
        var sql = jdbc.sql("select l.id, l.name, l.service_id from stakeholder_list l " + where + " order by l.name");
        var rows = (param == null ? sql : sql.param(param))
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)})
                .list();
        var result = new ArrayList<StakeholderList>();
        for (var row : rows) {
            UUID id = (UUID) row[0];
            var members = jdbc.sql("""
                    select m.user_id, u.name, coalesce(u.email, m.email) from stakeholder_list_member m
                    left join app_user u on u.id = m.user_id where m.list_id = ? order by m.position""")
                    .param(id).query((rs, n) -> new MemberView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                    .list();
            result.add(new StakeholderList(id, (String) row[1], (UUID) row[2], members));
        }
        return result;
    }
}
