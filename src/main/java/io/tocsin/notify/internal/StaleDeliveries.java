package io.tocsin.notify.internal;

import static io.tocsin.notify.internal.DeliveryRows.ts;

import java.time.Clock;
import java.util.UUID;

import io.tocsin.notify.NotifySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The crash window of the outbox: a delivery stays SENDING when its node died between claiming it and recording
 * the provider's answer. Once its lease has passed it goes out again, page or mail alike, because a missed message
 * is worse than a duplicate; the possible duplicate is logged and its attempt marked UNKNOWN.
 */
@Component
class StaleDeliveries {

    private static final Logger log = LoggerFactory.getLogger(StaleDeliveries.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final NotifySettings settings;

    StaleDeliveries(JdbcClient jdbc, Clock clock, NotifySettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    /** Deliveries a dead node left in SENDING go out again after the lease (possible duplicate, logged). */
    int recover() {
        var cutoff = clock.instant().minus(settings.getWorker().getSendingLease());
        var stale = jdbc.sql("select id from notify_delivery where status = 'SENDING' and claimed_at < ?")
                .param(ts(cutoff)).query(UUID.class).list();
        int recovered = 0;
        for (var id : stale) {
            int n = jdbc.sql("""
                    update notify_delivery set status = 'PENDING', not_before = ?,
                    last_error = 'no result recorded within the sending lease (node crashed?); sending again, possibly a duplicate'
                    where id = ? and status = 'SENDING' and claimed_at < ?""")
                    .params(ts(clock.instant()), id, ts(cutoff)).update();
            if (n > 0) {
                jdbc.sql("update notify_delivery_attempt set outcome = 'UNKNOWN', finished_at = ? where delivery_id = ?"
                        + " and outcome = 'SENDING'").params(ts(clock.instant()), id).update();
                log.warn("Delivery {} was left SENDING past its lease; it goes out again and may be a duplicate", id);
                recovered++;
            }
        }
        return recovered;
    }
}
