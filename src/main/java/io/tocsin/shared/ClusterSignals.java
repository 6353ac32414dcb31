package io.tocsin.shared;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the other nodes of a cluster that something they may hold changed: an incident a browser there is showing,
 * an integration key or alert rule they have cached (issue 17, point 5). On PostgreSQL a signal is a
 * {@code NOTIFY} sent in the caller's transaction, so the other nodes hear it only once the change is committed,
 * and in commit order; each node {@code LISTEN}s on one connection of its own and republishes what it hears as a
 * local {@link Signal} event for the modules' {@code @EventListener}s. A node ignores its own signals (it has acted
 * on the change already). On H2 (one node) signals go nowhere.
 * <p>
 * While the listening connection is down (a database outage) signals are missed; when it is back the node
 * publishes {@link #EVERYTHING}, and listeners drop all they cached and refresh every live page.
 */
@Component
public class ClusterSignals implements SmartLifecycle {

    /** A change on another node: a topic a module owns, and what changed (an id), or {@link #EVERYTHING}. */
    public record Signal(String topic, String subject) {

        public boolean everything() {
            return EVERYTHING.equals(topic);
        }

        public boolean is(String wanted) {
            return wanted.equals(topic);
        }
    }

    /** Published locally when signals may have been missed: treat everything as changed. */
    public static final String EVERYTHING = "*";
    static final String CHANNEL = "tocsin_cluster";
    private static final Logger log = LoggerFactory.getLogger(ClusterSignals.class);
    private static final int WAIT_MILLIS = 250;
    private static final Duration RECONNECT = Duration.ofSeconds(1);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ApplicationEventPublisher events;
    private final boolean postgres;
    private final String node = UUID.randomUUID().toString();
    private volatile boolean running;
    private volatile CountDownLatch stopped = new CountDownLatch(1);
    private Thread listener;

    ClusterSignals(JdbcClient jdbc, DataSource dataSource, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.events = events;
        this.postgres = Databases.postgres(dataSource);
    }

    /**
     * Tells the other nodes that {@code subject} of {@code topic} changed. Joins the caller's transaction: sent
     * when it commits, not at all if it rolls back. Topics and subjects must not contain {@code |}.
     */
    public void publish(String topic, String subject) {
        if (postgres) {
            jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, topic + "|" + subject + "|" + node)
                    .query((rs, n) -> 1).list();
        }
    }

    private void listen() {
        boolean first = true;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (var statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                if (!first) {
                    log.info("Listening to the other nodes again; refreshing whatever may have changed meanwhile");
                    events.publishEvent(new Signal(EVERYTHING, null));
                }
                first = false;
                var pg = connection.unwrap(PGConnection.class);
                while (running) {
                    var notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications == null) {
                        continue;
                    }
                    for (var n : notifications) {
                        deliver(n.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!first) {
                    log.warn("Lost the connection that listens to the other nodes ({}); reconnecting", e.toString());
                }
                first = false;
                try {
                    if (stopped.await(RECONNECT.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void deliver(String payload) {
        var parts = payload.split("\\|", -1);
        if (parts.length != 3 || parts[2].equals(node)) {
            return;
        }
        try {
            events.publishEvent(new Signal(parts[0], parts[1]));
        } catch (RuntimeException e) {
            log.warn("A listener failed on the cluster signal {}", payload, e);
        }
    }

    @Override
    public synchronized void start() {
        if (!postgres || running) {
            return;
        }
        running = true;
        stopped = new CountDownLatch(1);
        listener = Thread.ofPlatform().daemon().name("tocsin-cluster-signals").start(this::listen);
    }

    @Override
    public synchronized void stop() {
        running = false;
        stopped.countDown();
        if (listener != null) {
            try {
                listener.join(RECONNECT.toMillis() + WAIT_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
