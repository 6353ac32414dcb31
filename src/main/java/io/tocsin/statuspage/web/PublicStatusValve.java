package io.tocsin.statuspage.web;

import java.io.IOException;
import java.util.Locale;

import io.tocsin.statuspage.StatusPages;
import io.tocsin.statuspage.Visibility;
import io.tocsin.statuspage.internal.Snapshot;
import io.tocsin.statuspage.internal.Snapshots;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Serves every public read of a public page straight from the snapshot (issue 11 point 8) as a Tomcat engine
 * valve, ahead of the whole servlet pipeline: no filter chain, no observation, no session, no security context,
 * no MVC, no database - the cheapest path Tomcat offers after parsing the request (the page must stand up to every
 * customer refreshing it at once, StatusPageBenchmark). It serves the HTML, feeds and badges in the visitor's language ({@code ?lang=de}, else the page's), the Statuspage v2 JSON
 * (CORS open), the stylesheet and the badges, with strong ETags, Last-Modified and a short Cache-Control. No
 * database access, so it keeps answering when the database is gone. The same under {@code /status/{slug}} and,
 * on a page's own host name (Host header), at {@code /}, {@code /api/v2/...}, {@code /badge.svg} and so on. An
 * unknown page, or a resource a public page lacks, gets {@link NotFoundPage}. Everything else - private pages
 * ({@link PrivateStatusPages}), subscriptions, other paths - goes on down the chain.
 */
final class PublicStatusValve extends ValveBase {

    static final String PREFIX = "/status/";

    /** Resolved on the first request: the web server is built before the application's beans. */
    private final ObjectProvider<Snapshots> provider;
    private volatile Snapshots snapshots;
    private final PreparedHeads heads = new PreparedHeads("public, max-age=10");

    PublicStatusValve(ObjectProvider<Snapshots> provider) {
        super(true);
        this.provider = provider;
    }

    /** Which page and which resource of it a request is for, or null. */
    record Target(Snapshot.Entry entry, String resource) {
    }

    static Target resolve(Snapshot snapshot, String host, String path, String query) {
        String slug = null;
        String rest = null;
        if (host != null) {
            String h = host.toLowerCase(Locale.ROOT);
            int colon = h.lastIndexOf(':');
            if (colon > 0 && h.indexOf(']') < colon) {
                h = h.substring(0, colon);
            }
            String hostSlug = snapshot.slugByHost().get(h);
            if (hostSlug != null && (path.equals("/") || path.startsWith("/api/v2/") || path.equals("/theme.css")
                    || path.equals("/badge.svg") || path.startsWith("/components/") || path.equals("/history.rss")
                    || path.equals("/history.atom") || path.equals("/widget.js"))) {
                slug = hostSlug;
                rest = path.substring(1);
            }
        }
        if (slug == null && path.startsWith(PREFIX)) {
            String tail = path.substring(PREFIX.length());
            int slash = tail.indexOf('/');
            slug = slash < 0 ? tail : tail.substring(0, slash);
            rest = slash < 0 ? "" : tail.substring(slash + 1);
        }
        if (slug == null) {
            return null;
        }
        var entry = snapshot.bySlug().get(slug);
        if (entry == null) {
            return null;
        }
        String resource = rest.isEmpty() ? "html:" + language(query, entry.page()) : rest;
        if (!rest.isEmpty() && query != null) {
            // Feeds and badges in the visitor's language; other resources have one variant.
            String localized = rest + ":" + language(query, entry.page());
            if (entry.resources().containsKey(localized)) {
                resource = localized;
            }
        }
        return new Target(entry, resource);
    }

    static String language(String query, StatusPages.Page page) {
        String asked = askedLanguage(query);
        return asked != null ? asked : page.language();
    }

    /** "de" or "en" when the query asks for one with {@code lang=}, else null. */
    static String askedLanguage(String query) {
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.equals("lang=de") || pair.equals("lang=en")) {
                    return pair.substring(5);
                }
            }
        }
        return null;
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        if (!served(request, response)) {
            getNext().invoke(request, response);
        }
    }

    private boolean served(Request request, Response response) throws IOException {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method))) {
            return false;
        }
        var snapshots = snapshots();
        if (snapshots == null) {
            return false;
        }
        // The proxy in front of an own host name passes the original host in Host or X-Forwarded-Host.
        String host = request.getHeader("X-Forwarded-Host");
        if (host == null) {
            host = request.getHeader("Host");
        } else if (host.indexOf(',') >= 0) {
            host = host.substring(0, host.indexOf(',')).strip();
        }
        var snapshot = snapshots.current();
        var target = resolve(snapshot, host, request.getRequestURI(), request.getQueryString());
        if (target == null && unknownPage(snapshots, request.getRequestURI())) {
            NotFoundPage.write(request, response);
            return true;
        }
        if (target == null || target.entry().page().visibility() != Visibility.PUBLIC) {
            return false;
        }
        var resource = target.entry().resources().get(target.resource());
        if (resource == null) {
            if (target.resource().startsWith("subscriptions")) {
                return false;
            }
            NotFoundPage.write(request, response);
            return true;
        }
        writePrepared(request, response, resource, heads.of(snapshot, resource,
                resource.compressible() && acceptsGzip(request.getHeader("Accept-Encoding"))));
        return true;
    }

    /** {@link #write} with the head as prepared bytes ({@link PreparedHeads}): the same answer, less work. */
    private static void writePrepared(Request request, Response response, Snapshot.Resource resource,
            PreparedHeads.Head head) throws IOException {
        var headers = response.getCoyoteResponse().getMimeHeaders();
        PreparedHeads.add(headers, head.common());
        if (notModified(request, resource, head.etag())) {
            response.setStatus(304);
            return;
        }
        PreparedHeads.add(headers, head.entity());
        byte[] body = head.gzip() ? resource.gzip() : resource.body();
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    private Snapshots snapshots() {
        var s = snapshots;
        if (s == null) {
            s = provider.getIfAvailable();
            snapshots = s;
        }
        return s;
    }

    /** A path under /status/ that names no page and nothing the application serves there itself. */
    private static boolean unknownPage(Snapshots snapshots, String path) {
        if (!path.startsWith(PREFIX)) {
            return false;
        }
        String tail = path.substring(PREFIX.length());
        int slash = tail.indexOf('/');
        String slug = slash < 0 ? tail : tail.substring(0, slash);
        return !StatusPages.RESERVED_SLUGS.contains(slug) && !snapshots.current().bySlug().containsKey(slug);
    }

    static void write(HttpServletRequest request, HttpServletResponse response, Snapshot.Resource resource,
            String cacheControl) throws IOException {
        boolean gzip = resource.compressible() && acceptsGzip(request.getHeader("Accept-Encoding"));
        String etag = gzip ? resource.gzipEtag() : resource.etag();
        response.setHeader("ETag", etag);
        response.setDateHeader("Last-Modified", resource.lastModified());
        response.setHeader("Cache-Control", cacheControl);
        if (resource.compressible()) {
            response.setHeader("Vary", "Accept-Encoding");
        }
        if (resource.contentType().startsWith("application/json") || resource.contentType().startsWith("text/javascript")) {
            response.setHeader("Access-Control-Allow-Origin", "*");
        }
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (resource.contentType().startsWith("text/html")) {
            response.setHeader("Content-Security-Policy", CSP);
        }
        if (notModified(request, resource, etag)) {
            response.setStatus(304);
            return;
        }
        byte[] body = gzip ? resource.gzip() : resource.body();
        response.setContentType(resource.contentType());
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /** Whether the client's copy is current: If-None-Match names the ETag, else If-Modified-Since is not older. */
    private static boolean notModified(HttpServletRequest request, Snapshot.Resource resource, String etag) {
        String match = request.getHeader("If-None-Match");
        if (match != null) {
            return match.equals(etag) || match.equals("*")
                    || java.util.Arrays.stream(match.split(",")).map(String::strip).anyMatch(etag::equals);
        }
        long since = request.getDateHeader("If-Modified-Since");
        return since >= 0 && resource.lastModified() <= since;
    }

    static final String CSP = "default-src 'self'; img-src 'self' https: data:;"
            + " script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'";

    /** Whether an Accept-Encoding header takes gzip (and does not refuse it with q=0). */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        for (String part : header.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.equals("gzip") || p.equals("*")) {
                return true;
            }
            if (p.startsWith("gzip;") || p.startsWith("*;")) {
                String q = p.substring(p.indexOf(';') + 1).replace(" ", "");
                return !(q.equals("q=0") || q.equals("q=0.0") || q.equals("q=0.00") || q.equals("q=0.000"));
            }
        }
        return false;
    }
}
