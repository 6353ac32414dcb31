package io.tocsin.shared;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a failure caused by an unreachable database (no connection within the pool's timeout, a connection cut
 * while in use) from every other failure, so that request paths answer 503 with {@code Retry-After} instead of a
 * 500, and background work logs one line instead of a stack trace every interval (issue 17, point 3). Nothing of
 * the failed work was committed in that case: a retry is what fixes it.
 */
public final class DatabaseOutage {

    /** What a client is asked to wait before trying again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    /** H2's "connection is broken" and "IO exception" (its server is gone or the socket was cut). */
    private static final int H2_CONNECTION_BROKEN = 90067;
    private static final int H2_IO_EXCEPTION = 90028;
    private static final int H2_DATABASE_CLOSED = 90098;
    private static final int H2_REMOTE_CONNECTION = 90031;

    private DatabaseOutage() {
    }

    /** Whether {@code failure} or one of its causes says the database could not be reached. */
    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException) {
                return true;
            }
            // A failed rollback hides the failure that caused it (a statement on a connection that was cut).
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure && is(rollback.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException sql && (sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    || sql.getErrorCode() == H2_CONNECTION_BROKEN || sql.getErrorCode() == H2_IO_EXCEPTION
                    || sql.getErrorCode() == H2_DATABASE_CLOSED || sql.getErrorCode() == H2_REMOTE_CONNECTION)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code Retry-After} header value, in seconds. */
    public static String retryAfterSeconds() {
        return String.valueOf(RETRY_AFTER.toSeconds());
    }
}
