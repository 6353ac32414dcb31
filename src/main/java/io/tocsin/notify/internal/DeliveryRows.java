package io.tocsin.notify.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import io.tocsin.notify.SubjectType;
import io.tocsin.notify.ContactMethodType;
import io.tocsin.notify.Delivery;
import io.tocsin.notify.DeliveryAttempt;
import io.tocsin.notify.DeliveryKind;
import io.tocsin.notify.DeliveryStatus;

/** SQL column lists and row mappers shared by the outbox, the worker and the log. */
public final class DeliveryRows {

    /** A verification code waits in the outbox encrypted ({@code SecretBox}) and is erased once sent or failed. */
    public static final String CODE_CONTEXT = "notify_delivery.verification_code";
    /** The context a signed HTTP body's secret is sealed under. */
    public static final String HTTP_SECRET_CONTEXT = "notify_http_body.secret";

    public static final String COLUMNS = """
            id, idempotency_key, kind, user_id, contact_method_id, channel, destination, subject_type, subject_id,
            subject_key, severity, summary, title, status, not_before, created_at, claimed_at, sent_at, provider_id, attempts,
            last_error, bundle_id, bundle_size, reply_ref""";

    private DeliveryRows() {
    }

    public static Delivery map(ResultSet rs, int n) throws SQLException {
        return new Delivery(rs.getObject("id", UUID.class), rs.getString("idempotency_key"),
                DeliveryKind.valueOf(rs.getString("kind")), rs.getObject("user_id", UUID.class),
                rs.getObject("contact_method_id", UUID.class), ContactMethodType.valueOf(rs.getString("channel")),
                rs.getString("destination"), subjectType(rs.getString("subject_type")), rs.getString("subject_id"),
                rs.getString("subject_key"), (Integer) rs.getObject("severity"), rs.getString("summary"), rs.getString("title"),
                DeliveryStatus.valueOf(rs.getString("status")), instant(rs, "not_before"), instant(rs, "created_at"),
                instant(rs, "claimed_at"), instant(rs, "sent_at"), rs.getString("provider_id"), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getObject("bundle_id", UUID.class),
                (Integer) rs.getObject("bundle_size"), (Integer) rs.getObject("reply_ref"));
    }

    public static DeliveryAttempt mapAttempt(ResultSet rs, int n) throws SQLException {
        return new DeliveryAttempt(rs.getObject("delivery_id", UUID.class), rs.getInt("attempt"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getString("outcome"),
                rs.getString("provider_id"), rs.getString("error"));
    }

    /** A stored subject type (null for a delivery about no subject, such as a verification code). */
    public static SubjectType subjectType(String code) {
        return code == null ? null : SubjectType.of(code);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    public static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
