package io.tocsin.incidents.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Open live streams end when the application stops: each is a request that never finishes by itself, and the web
 * server's graceful shutdown would wait its whole timeout for them.
 */
class IncidentLiveUpdatesTest {

    @Test
    void stoppingEndsEveryStreamAndOpensNoNewOne() {
        var updates = new IncidentLiveUpdates(null);
        updates.start();
        UUID incident = UUID.randomUUID();
        updates.subscribe(incident);
        updates.subscribe(incident);
        assertThat(updates.subscriberCount(incident)).isEqualTo(2);

        updates.stop();

        assertThat(updates.isRunning()).isFalse();
        assertThat(updates.subscriberCount(incident)).isZero();
        updates.subscribe(incident);
        assertThat(updates.subscriberCount(incident)).isZero();
    }
}
