package io.tocsin.search.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A changed incident is searchable by its words at once, and its text is embedded only once incidents have stopped
 * changing ({@code tocsin.search.embed-after-quiet}): embedding takes a core, and while incidents change, pages are
 * going out (issue 10, no regression in EscalationBenchmark; issue 18 point 1).
 */
class EmbeddingWaitsForQuietTest extends IntegrationTest {

    @Autowired
    SearchIndexer indexer;

    @Autowired
    SearchSettings settings;

    @Test
    void anIncidentIsIndexedByItsWordsAtOnceAndEmbeddedWhenChangesStop() {
        var before = settings.getEmbedAfterQuiet();
        try {
            settings.setEmbedAfterQuiet(Duration.ofHours(1));
            var id = UUID.fromString(admin().post("/api/v1/incidents", Map.of("summary", "Ledger replication lag",
                    "severity", 3)).expect(201).json().get("id").asString());

            var words = await().atMost(Duration.ofSeconds(20)).until(() -> indexer.index().profile(id).orElse(null),
                    p -> p != null);
            assertThat(words.vector()).as("no vector while incidents are changing").isNull();
            assertThat(words.hash()).as("left blank, so a catch-up embeds it should this node stop first").isEmpty();
            assertThat(indexer.idle()).as("the vector is still owed").isFalse();

            settings.setEmbedAfterQuiet(Duration.ZERO);
            var embedded = await().atMost(Duration.ofSeconds(60)).until(() -> indexer.index().profile(id).orElseThrow(),
                    p -> p.vector() != null);
            assertThat(embedded.vector()).hasSize(384);
            assertThat(embedded.hash()).isNotEmpty();
            await().atMost(Duration.ofSeconds(10)).until(indexer::idle);
        } finally {
            settings.setEmbedAfterQuiet(before);
        }
    }
}
