package io.tocsin.search.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tocsin.search.*}: where this node keeps its index ({@code directory}: a path, by default
 * {@code ./data/search} beside the embedded database, or {@code memory}), when the embedding model loads
 * ({@code embeddings}: {@code background} after start-up, {@code lazy} at the first use, {@code off}: words only),
 * how long incidents must have stopped changing before a changed text is embedded ({@code embed-after-quiet}: while
 * they change, alerts are arriving and pages going out, which come first on a small server), and how often the index
 * looks for changes no event announces (problems, postmortem sections).
 */
@ConfigurationProperties("tocsin.search")
public class SearchSettings {

    public enum Embeddings {
        BACKGROUND, LAZY, OFF
    }

    private String directory = "./data/search";
    private Embeddings embeddings = Embeddings.BACKGROUND;
    private Duration catchUpEvery = Duration.ofMinutes(1);
    private Duration embedAfterQuiet = Duration.ofSeconds(1);

    public Duration getEmbedAfterQuiet() {
        return embedAfterQuiet;
    }

    public void setEmbedAfterQuiet(Duration embedAfterQuiet) {
        this.embedAfterQuiet = embedAfterQuiet;
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public Embeddings getEmbeddings() {
        return embeddings;
    }

    public void setEmbeddings(Embeddings embeddings) {
        this.embeddings = embeddings;
    }

    public Duration getCatchUpEvery() {
        return catchUpEvery;
    }

    public void setCatchUpEvery(Duration catchUpEvery) {
        this.catchUpEvery = catchUpEvery;
    }
}
