package io.tocsin.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

import org.springframework.boot.SpringApplication;

/**
 * The database a test run uses, chosen by the system property {@code tocsin.test.db}: {@code h2} (default, an
 * in-memory database per application context) or {@code postgresql} (a fresh database per context on the local
 * server, dropped when the JVM exits). A requested PostgreSQL that cannot be reached fails the run: never a skip.
 * <p>
 * The drop is a Spring Boot shutdown handler, not a JVM shutdown hook of its own: JVM hooks run concurrently,
 * so the forced drop used to cut the connections of an application context that was still closing (Spring
 * Modulith reads the unfinished event publications on close), which then waited the pool's 30 s connection
 * timeout for a database that was gone. Boot runs its handlers only after it has closed every context.
 */
public record TestDatabase(String url, String user, String password) {

    public static final String PG_HOST = System.getProperty("tocsin.test.pg.host", "127.0.0.1");
    public static final int PG_PORT = Integer.getInteger("tocsin.test.pg.port", 5432);
    public static final String PG_USER = System.getProperty("tocsin.test.pg.user", "postgres");

    public static boolean postgres() {
        return "postgresql".equalsIgnoreCase(System.getProperty("tocsin.test.db", "h2"));
    }

    public static String kind() {
        return postgres() ? "postgresql" : "h2";
    }

    /** A new, empty database. */
    public static TestDatabase create() {
        String name = "tocsin_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        if (!postgres()) {
            return new TestDatabase("jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64;DB_CLOSE_DELAY=-1", "sa", "");
        }
        try (Connection admin = adminConnection()) {
            admin.createStatement().execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + PG_HOST + ":" + PG_PORT + " is required for"
                    + " -Dtocsin.test.db=postgresql but could not be used: " + e.getMessage(), e);
        }
        SpringApplication.getShutdownHandlers().add(() -> drop(name));
        return new TestDatabase("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + name, PG_USER, "");
    }

    /**
     * A new, empty database that the application reaches only through a {@link TcpProxy}, so a test can make it
     * unreachable and bring it back. PostgreSQL: the local server behind the proxy. H2: an H2 TCP server in this
     * JVM behind the proxy (the embedded database cannot be cut off from its application).
     */
    public static Proxied behindProxy() {
        if (postgres()) {
            var db = create();
            var proxy = TcpProxy.to(PG_HOST, PG_PORT);
            return new Proxied(new TestDatabase(db.url().replace(":" + PG_PORT + "/", ":" + proxy.port() + "/"),
                    db.user(), db.password()), proxy, null);
        }
        try {
            var server = org.h2.tools.Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            var proxy = TcpProxy.to("127.0.0.1", server.getPort());
            String name = "tocsin_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
            return new Proxied(new TestDatabase("jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64;DB_CLOSE_DELAY=-1", "sa", ""),
                    proxy, server);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start an H2 TCP server", e);
        }
    }

    /** A database behind a proxy; closing stops the proxy (and the H2 server). */
    public record Proxied(TestDatabase db, TcpProxy proxy, org.h2.tools.Server h2) implements AutoCloseable {
        @Override
        public void close() {
            proxy.close();
            if (h2 != null) {
                h2.stop();
            }
        }
    }

    /** A file-mode H2 database under {@code dir}, as a user's installation has it. */
    public static TestDatabase h2File(java.nio.file.Path dir) {
        return new TestDatabase("jdbc:h2:file:" + dir.resolve("tocsin").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;QUERY_CACHE_SIZE=64", "tocsin", "");
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres", PG_USER, "");
    }

    private static void drop(String name) {
        try (Connection admin = adminConnection()) {
            admin.createStatement().execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }
}
