package io.tocsin.shared;

import java.time.Instant;

/** A pending durable timer: {@code kind} names its handler, {@code payload} is free text (often JSON) for it. */
public record Timer(String kind, String key, Instant dueAt, String payload, int attempts) {

    static Timer map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Timer(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getInt(5));
    }
}
