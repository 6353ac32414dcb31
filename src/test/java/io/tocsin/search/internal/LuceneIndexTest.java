package io.tocsin.search.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index on disk (issue 18 point 1): an incident's documents are replaced together, English and German stemming,
 * highlighting that escapes HTML, contacts searchable only when asked, and what was committed survives a restart.
 */
class LuceneIndexTest {

    @TempDir
    Path dir;

    private static final UUID SERVICE = new UUID(7, 7);

    private static IncidentProfile profile(UUID id, String summary, boolean past) {
        return new IncidentProfile(id, "INC-" + id.getLeastSignificantBits(), summary, past ? "RESOLVED" : "FIXING", past,
                SERVICE, Set.of("src"), "", null, Instant.EPOCH, null);
    }

    private static SearchDocument doc(UUID incident, String id, String text, List<String> contacts) {
        return new SearchDocument(id, SearchDocument.DocType.TIMELINE, incident, "INC-1", "INC-1 · note", text,
                "/incidents/INC-1", Instant.EPOCH, contacts);
    }

    @Test
    void searchesReplacesAndSurvivesARestart() throws Exception {
        var id = new UUID(0, 1);
        try (var index = new LuceneIndex(FSDirectory.open(dir))) {
            var redacted = PersonalData.redact("Die Zertifikate sind abgelaufen <script>, ask ops@example.org");
            index.putIncident(profile(id, "Certificates expired", true), "h1", null,
                    List.of(doc(id, "timeline:1", redacted.text(), redacted.contacts())));
            index.commit();

            var german = index.search("Zertifikat", false, 10);
            assertThat(german).hasSize(1);
            assertThat(german.getFirst().snippet()).contains("<mark>Zertifikate</mark>").contains("&lt;script&gt;")
                    .doesNotContain("ops@example.org");
            assertThat(index.search("ops@example.org", false, 10)).isEmpty();
            assertThat(index.search("ops@example.org", true, 10)).hasSize(1);

            // Replacing the incident replaces all its documents: the old note is gone.
            index.putIncident(profile(id, "Certificates expired", true), "h2", null,
                    List.of(doc(id, "timeline:2", "rotated the signing keys", List.of())));
            index.commit();
            assertThat(index.search("Zertifikat", false, 10)).isEmpty();
            assertThat(index.search("rotating key", false, 10)).hasSize(1); // English stemming both ways
        }
        try (var reopened = new LuceneIndex(FSDirectory.open(dir))) {
            assertThat(reopened.indexedIncidents()).containsEntry(id, "h2");
            assertThat(reopened.search("signing", false, 10)).hasSize(1);
            reopened.removeIncident(id);
            reopened.commit();
            assertThat(reopened.indexedIncidents()).isEmpty();
        }
    }

    @Test
    void neighboursArePastIncidentsOnlyAndNeverTheQuestion() {
        var past = new UUID(0, 10);
        var open = new UUID(0, 11);
        var asking = new UUID(0, 12);
        try (var index = new LuceneIndex(new org.apache.lucene.store.ByteBuffersDirectory())) {
            var v = new float[LuceneIndex.DIMENSIONS];
            v[0] = 1;
            index.putIncident(profile(past, "Disk full on the database host", true), "a", v, List.of());
            index.putIncident(profile(open, "Disk full on the database host again", false), "b", v, List.of());
            index.putIncident(profile(asking, "Disk full on the database host now", true), "c", v, List.of());
            index.commit();
            assertThat(index.lexicalNeighbours("database host disk full", asking, 10))
                    .extracting(LuceneIndex.Neighbour::incidentId).containsExactly(past);
            assertThat(index.vectorNeighbours(v, asking, 10)).extracting(LuceneIndex.Neighbour::incidentId)
                    .containsExactly(past);
            assertThat(index.profile(past).orElseThrow().vector()).containsExactly(v);
        }
    }
}
