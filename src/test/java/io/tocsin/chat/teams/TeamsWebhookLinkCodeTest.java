package io.tocsin.chat.teams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 14 point 3: a link code for Teams through webhooks is used once, also when the same code arrives in
 * several messages at the same moment (each on its own thread and transaction): exactly one links the account.
 */
class TeamsWebhookLinkCodeTest extends IntegrationTest {

    private static final int AT_ONCE = 8;

    @Autowired
    TeamsWebhookLinks links;

    @Test
    void aCodeRedeemedEightTimesAtOnceLinksOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            var user = UUID.randomUUID();
            String code = links.issue(user).code();
            var start = new CyclicBarrier(AT_ONCE);
            var pool = Executors.newFixedThreadPool(AT_ONCE);
            try {
                var answers = new ArrayList<Future<Optional<UUID>>>();
                for (int i = 0; i < AT_ONCE; i++) {
                    answers.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return links.redeem(code.toLowerCase());
                    }));
                }
                int linked = 0;
                for (var answer : answers) {
                    var got = answer.get(30, TimeUnit.SECONDS);
                    if (got.isPresent()) {
                        assertThat(got).contains(user);
                        linked++;
                    }
                }
                assertThat(linked).as("round %d: redemptions that linked", round).isOne();
                assertThat(links.redeem(code)).as("used up").isEmpty();
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
