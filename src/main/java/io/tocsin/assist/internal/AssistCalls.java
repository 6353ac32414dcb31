package io.tocsin.assist.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tocsin.assist.DraftKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The log of assistant calls (issue 18 point 4): who, what kind, when, which endpoint and model, how long, how it
 * ended, how many tokens and how many redactions. The content sent and received is stored only while an
 * administrator has content logging on; otherwise those columns stay empty.
 */
@Component
public class AssistCalls {

    public enum Outcome {
        /** The model answered. */
        OK,
        /** The catch-up was assembled without a model: nothing left Tocsin. */
        EXTRACTIVE,
        OFF, NO_ENDPOINT, OVER_BUDGET, TIMEOUT, RATE_LIMITED, ENDPOINT_FAILED
    }

    public record Call(UUID id, Instant calledAt, UUID userId, String userName, DraftKind kind, String incidentKey,
            String endpointUrl, String model, long durationMs, Outcome outcome, Integer httpStatus, Integer promptTokens,
            Integer completionTokens, int redactions, String requestContent, String responseContent) {
    }

    private final JdbcClient jdbc;

    AssistCalls(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Recorded in its own transaction, so a failed draft still leaves its line. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void record(Call c) {
        jdbc.sql("insert into assist_call (id, called_at, user_id, user_name, kind, incident_key, endpoint_url, model,"
                + " duration_ms, outcome, http_status, prompt_tokens, completion_tokens, redactions, request_content,"
                + " response_content) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), Timestamp.from(c.calledAt()), c.userId(), c.userName(), c.kind().name(), c.incidentKey(),
                        c.endpointUrl(), c.model(), c.durationMs(), c.outcome().name(), c.httpStatus(), c.promptTokens(),
                        c.completionTokens(), c.redactions(), c.requestContent(), c.responseContent())
                .update();
    }

    public List<Call> latest(int limit, String incidentKey) {
        return jdbc.sql("select id, called_at, user_id, user_name, kind, incident_key, endpoint_url, model, duration_ms,"
                + " outcome, http_status, prompt_tokens, completion_tokens, redactions, request_content, response_content"
                + " from assist_call where (cast(? as varchar) is null or incident_key = ?)"
                + " order by called_at desc, seq desc limit ?")
                .params(incidentKey, incidentKey, limit)
                .query((rs, n) -> new Call(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                        rs.getObject(3, UUID.class), rs.getString(4), DraftKind.valueOf(rs.getString(5)), rs.getString(6),
                        rs.getString(7), rs.getString(8), rs.getLong(9), Outcome.valueOf(rs.getString(10)),
                        (Integer) rs.getObject(11), (Integer) rs.getObject(12), (Integer) rs.getObject(13), rs.getInt(14),
                        rs.getString(15), rs.getString(16)))
                .list();
    }
}
