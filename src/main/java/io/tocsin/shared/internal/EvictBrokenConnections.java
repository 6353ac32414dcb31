package io.tocsin.shared.internal;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;
import io.tocsin.shared.DatabaseOutage;

/**
 * Tells the connection pool to drop a connection whose failure says the database was cut off, whatever SQL state the
 * driver gives it. Hikari evicts on the standard connection states (08xxx) only, and H2 reports a cut connection as
 * 90067: such a connection went back to the pool and, reused within Hikari's half-second validation bypass, failed
 * every request after the database was back (issue 17, point 3). Named in {@code application.yml}.
 */
public class EvictBrokenConnections implements SQLExceptionOverride {

    @java.lang.Override
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return DatabaseOutage.is(e) ? SQLExceptionOverride.Override.MUST_EVICT
                : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }
}
