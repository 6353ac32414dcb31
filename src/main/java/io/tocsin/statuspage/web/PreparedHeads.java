package io.tocsin.statuspage.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tocsin.statuspage.internal.Snapshot;
import org.apache.tomcat.util.http.FastHttpDateFormat;
import org.apache.tomcat.util.http.MimeHeaders;

/**
 * The response headers of each public resource as ready bytes, built once per snapshot and handed to Tomcat as
 * bytes. A profile of StatusPageBenchmark showed Tomcat spending about a fifth of a public read encoding header
 * strings to ISO-8859-1 on every request; bytes it copies as they are. The headers are the same as
 * {@link PublicStatusValve#write}'s: validators, caching, CORS for JSON and the widget, nosniff, the CSP for HTML.
 */
final class PreparedHeads {

    /** Name, value, name, value... for a 304 and ahead of a body; then the entity's own (type, encoding). */
    record Head(byte[][] common, byte[][] entity, String etag, boolean gzip) {
    }

    private record Cache(Snapshot snapshot, Map<Snapshot.Resource, Head> plain, Map<Snapshot.Resource, Head> gzip) {
    }

    private final String cacheControl;
    private volatile Cache cache = new Cache(null, Map.of(), Map.of());

    PreparedHeads(String cacheControl) {
        this.cacheControl = cacheControl;
    }

    Head of(Snapshot snapshot, Snapshot.Resource resource, boolean gzip) {
        var c = cache;
        if (c.snapshot() != snapshot) {
            // A new snapshot: the old resources' heads go with it.
            c = new Cache(snapshot, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
            cache = c;
        }
        return (gzip ? c.gzip() : c.plain()).computeIfAbsent(resource, r -> build(r, gzip));
    }

    private Head build(Snapshot.Resource resource, boolean gzip) {
        String etag = gzip ? resource.gzipEtag() : resource.etag();
        var common = new ArrayList<String>();
        common.add("ETag");
        common.add(etag);
        common.add("Last-Modified");
        common.add(FastHttpDateFormat.formatDate(resource.lastModified()));
        common.add("Cache-Control");
        common.add(cacheControl);
        if (resource.compressible()) {
            common.add("Vary");
            common.add("Accept-Encoding");
        }
        String type = resource.contentType();
        if (type.startsWith("application/json") || type.startsWith("text/javascript")) {
            common.add("Access-Control-Allow-Origin");
            common.add("*");
        }
        common.add("X-Content-Type-Options");
        common.add("nosniff");
        if (type.startsWith("text/html")) {
            common.add("Content-Security-Policy");
            common.add(PublicStatusValve.CSP);
        }
        var entity = new ArrayList<String>();
        entity.add("Content-Type");
        entity.add(type);
        if (gzip) {
            entity.add("Content-Encoding");
            entity.add("gzip");
        }
        return new Head(bytes(common), bytes(entity), etag, gzip);
    }

    private static byte[][] bytes(java.util.List<String> strings) {
        var result = new byte[strings.size()][];
        for (int i = 0; i < result.length; i++) {
            result[i] = strings.get(i).getBytes(StandardCharsets.ISO_8859_1);
        }
        return result;
    }

    static void add(MimeHeaders headers, byte[][] pairs) {
        for (int i = 0; i < pairs.length; i += 2) {
            headers.addValue(pairs[i], 0, pairs[i].length).setBytes(pairs[i + 1], 0, pairs[i + 1].length);
        }
    }
}
