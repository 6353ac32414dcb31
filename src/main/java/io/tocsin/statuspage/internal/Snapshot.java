package io.tocsin.statuspage.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import io.tocsin.statuspage.StatusPages;

/**
 * What every public read is served from: each page's rendered HTML (per language), JSON documents, stylesheet
 * and badge as ready bytes with their validators. Immutable; replaced whole when something changes.
 */
public record Snapshot(long version, LocalDate day, Instant builtAt, Map<String, Entry> bySlug,
        Map<String, String> slugByHost) {

    public static final Snapshot EMPTY = new Snapshot(-1, null, null, Map.of(), Map.of());

    public record Entry(StatusPages.Page page, PageModel model, Map<String, Resource> resources) {
    }

    /**
     * A response body with its content type, strong ETag and last change; {@code gzip} the same body compressed
     * once at build time (null where it would not pay), served with its own ETag to clients that accept it.
     */
    public record Resource(byte[] body, String contentType, String etag, long lastModified, byte[] gzip,
            String gzipEtag) {

        public boolean compressible() {
            return gzip != null;
        }
    }
}
