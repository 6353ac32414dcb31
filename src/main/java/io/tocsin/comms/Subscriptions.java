package io.tocsin.comms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.tocsin.catalog.Catalog;
import io.tocsin.identity.Identity;
import io.tocsin.notify.MailRecipient;
import io.tocsin.shared.InvalidInputException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Employees subscribe to a service and get the internal updates of its incidents by e-mail (R24). */
@Component
@Transactional
public class Subscriptions {

    private final JdbcClient jdbc;
    private final Catalog catalog;
    private final Identity identity;
    private final Clock clock;

    Subscriptions(JdbcClient jdbc, Catalog catalog, Identity identity, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.identity = identity;
        this.clock = clock;
    }

    /** Idempotent: subscribing twice is one subscription. */
    public void subscribe(UUID userId, UUID serviceId) {
        if (serviceId == null || catalog.findService(serviceId).isEmpty()) {
            throw new InvalidInputException("serviceId", "no service with id " + serviceId);
        }
        if (isSubscribed(userId, serviceId)) {
            return;
        }
        try {
            jdbc.sql("insert into service_subscription (user_id, service_id, created_at) values (?, ?, ?)")
                    .params(userId, serviceId, Timestamp.from(clock.instant())).update();
        } catch (DuplicateKeyException raced) {
            // subscribed by a parallel request: the same outcome
        }
    }

    public void unsubscribe(UUID userId, UUID serviceId) {
        jdbc.sql("delete from service_subscription where user_id = ? and service_id = ?").params(userId, serviceId).update();
    }

    @Transactional(readOnly = true)
    public boolean isSubscribed(UUID userId, UUID serviceId) {
        return jdbc.sql("select count(*) from service_subscription where user_id = ? and service_id = ?")
                .params(userId, serviceId).query(Long.class).single() > 0;
    }

    @Transactional(readOnly = true)
    public List<UUID> servicesOf(UUID userId) {
        return jdbc.sql("select service_id from service_subscription where user_id = ? order by created_at")
                .param(userId).query(UUID.class).list();
    }

    /** Active subscribers of the service, in their language. */
    @Transactional(readOnly = true)
    public List<MailRecipient> recipients(UUID serviceId) {
        var ids = jdbc.sql("select user_id from service_subscription where service_id = ?").param(serviceId)
                .query(UUID.class).list();
        return identity.usersById(ids).values().stream().filter(u -> u.active())
                .map(u -> new MailRecipient(u.email(), u.locale())).toList();
    }
}
