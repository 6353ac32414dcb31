package io.tocsin.shared;

import java.sql.SQLException;

import javax.sql.DataSource;

/** Which database a node runs on, for the few places whose SQL or cluster behaviour differs between the two. */
public final class Databases {

    private Databases() {
    }

    /** The product name the driver reports: "PostgreSQL" or "H2". */
    public static String product(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database this is", e);
        }
    }

    public static boolean postgres(DataSource dataSource) {
        return "PostgreSQL".equals(product(dataSource));
    }
}
