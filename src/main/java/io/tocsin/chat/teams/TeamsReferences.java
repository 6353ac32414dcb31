package io.tocsin.chat.teams;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where Tocsin can write to in Teams later (issue 14 point 3): the Bot Framework has no fixed API host, each
 * activity names its {@code serviceUrl}, and proactive messages must go back there. Kept per account (the last
 * conversation a person wrote to the bot from, for looking up their profile and for direct messages) and per
 * conversation (an incident's thread: its first activity shows the topic). Only addresses from authenticated
 * activities or the Bot Connector's own answers are stored.
 */
@Component
@Transactional
class TeamsReferences {

    enum Kind { ACCOUNT, CONVERSATION }

    record Reference(String serviceUrl, String conversationId, String rootActivity, String displayName, String tenantId) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    TeamsReferences(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void remember(Kind kind, String id, Reference ref) {
        // Delete and insert: the same on H2 and PostgreSQL; two nodes writing the same row keep either, both valid.
        jdbc.sql("delete from chat_teams_reference where ref_kind = ? and ref_id = ?").params(kind.name(), id).update();
        jdbc.sql("insert into chat_teams_reference (ref_kind, ref_id, service_url, conversation_id, root_activity,"
                + " display_name, tenant_id, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(kind.name(), id, cut(ref.serviceUrl(), 500), cut(ref.conversationId(), 300),
                        cut(ref.rootActivity(), 200), cut(ref.displayName(), 200), cut(ref.tenantId(), 100),
                        Timestamp.from(clock.instant()))
                .update();
    }

    @Transactional(readOnly = true)
    Optional<Reference> find(Kind kind, String id) {
        return jdbc.sql("select service_url, conversation_id, root_activity, display_name, tenant_id"
                + " from chat_teams_reference where ref_kind = ? and ref_id = ?").params(kind.name(), id)
                .query((rs, n) -> new Reference(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .optional();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
