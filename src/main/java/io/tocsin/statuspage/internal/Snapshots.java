package io.tocsin.statuspage.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import io.tocsin.shared.BackgroundPoller;
import io.tocsin.statuspage.ComponentStatus;
import io.tocsin.statuspage.PublicIncidents;
import io.tocsin.statuspage.StatusPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The in-memory snapshot every public read is served from (issue 11 point 8). It is rebuilt right after a change
 * commits on this node, and when the pages' version in the database has moved (a change on another node: polled
 * every {@code tocsin.statuspage.poll-interval-ms}, 250 ms by default), when the day turns (uptime bars) and once a
 * minute. A rebuild that fails - the database is unreachable - keeps the last snapshot serving.
 */
@Component
public class Snapshots implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Snapshots.class);
    public static final int DAYS = 90;
    /** The embeddable widget (issue 11 point 7): the same small script for every page. */
    static final byte[] WIDGET = classpath("statuspage/widget.js");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ObjectProvider<StatusPages> pages;
    private final ObjectProvider<PublicIncidents> incidents;
    private final PublicRenderer renderer;
    private final Feeds feeds;
    private final org.springframework.context.MessageSource messages;
    private final String baseUrl;
    private final BackgroundPoller poller;
    private final AtomicReference<Snapshot> current = new AtomicReference<>(Snapshot.EMPTY);
    private volatile boolean running;

    Snapshots(JdbcClient jdbc, Clock clock, ObjectProvider<StatusPages> pages, ObjectProvider<PublicIncidents> incidents,
            PublicRenderer renderer, Feeds feeds, org.springframework.context.MessageSource messages, @Value("${tocsin.base-url:http://localhost:8080}") String baseUrl,
            @Value("${tocsin.statuspage.poll-interval-ms:250}") long pollMillis) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.pages = pages;
        this.incidents = incidents;
        this.renderer = renderer;
        this.feeds = feeds;
        this.messages = messages;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.poller = new BackgroundPoller("statuspage-snapshot", pollMillis, this::refreshIfStale);
    }

    /** The snapshot in force: never null, never touches the database. */
    public Snapshot current() {
        return current.get();
    }

    /** Rebuilds now; on failure the previous snapshot stays. Returns whether it worked. */
    public synchronized boolean rebuild() {
        try {
            current.set(build());
            return true;
        } catch (RuntimeException e) {
            log.warn("Status page snapshot not rebuilt; serving the one built at {}: {}", current.get().builtAt(),
                    e.toString());
            return false;
        }
    }

    void refreshIfStale() {
        var snapshot = current.get();
        long version = version();
        var now = clock.instant();
        if (version != snapshot.version() || snapshot.builtAt() == null
                || !LocalDate.ofInstant(now, ZoneOffset.UTC).equals(snapshot.day())
                || Duration.between(snapshot.builtAt(), now).toSeconds() >= 60) {
            rebuild();
        }
    }

    private long version() {
        return jdbc.sql("select version from status_page_version where singleton = 1").query(Long.class).single();
    }

    private Snapshot build() {
        long version = version();
        var now = clock.instant();
        var since = now.minus(Duration.ofDays(DAYS + 1));
        var allIncidents = incidents.getObject().since(since);
        var bySlug = new HashMap<String, Snapshot.Entry>();
        var byHost = new HashMap<String, String>();
        for (var page : pages.getObject().pages()) {
            var model = model(page, allIncidents.stream().filter(i -> i.pageId().equals(page.id())).toList(), now);
            bySlug.put(page.slug(), new Snapshot.Entry(page, model, resources(model)));
            if (page.customHost() != null) {
                byHost.put(page.customHost(), page.slug());
            }
        }
        return new Snapshot(version, LocalDate.ofInstant(now, ZoneOffset.UTC), now, Map.copyOf(bySlug),
                Map.copyOf(byHost));
    }

    /** The model of one page as of now; also used for previews of a publication. */
    public PageModel model(StatusPages.Page page, List<PublicIncidents.PublicIncident> pageIncidents, Instant now) {
        var p = pages.getObject();
        var zone = ZoneId.of(page.timeZone());
        var views = new ArrayList<PageModel.ComponentView>();
        var windowStart = now.minus(Duration.ofDays(DAYS + 1));
        var latest = page.updatedAt();
        for (var c : p.components(page.id())) {
            var changes = new ArrayList<UptimeBars.Change>();
            jdbc.sql("""
                    select status, changed_at from status_component_change where component_id = ? and changed_at < ?
                    order by changed_at desc, id desc limit 1""")
                    .params(c.id(), Timestamp.from(windowStart))
                    .query((rs, n) -> new UptimeBars.Change(windowStart, ComponentStatus.valueOf(rs.getString(1))))
                    .optional().ifPresent(changes::add);
            p.history(c.id(), windowStart).forEach(h -> changes.add(new UptimeBars.Change(h.at(), h.status())));
            var days = UptimeBars.days(changes, now, zone, DAYS);
            views.add(new PageModel.ComponentView(c, days, UptimeBars.overall(days)));
            latest = max(latest, c.updatedAt());
        }
        for (var i : pageIncidents) {
            latest = max(latest, i.updatedAt());
        }
        var visible = views.stream().map(v -> v.component().status()).toList();
        var indicator = Indicator.of(visible, pageIncidents.stream().filter(i -> !i.maintenance() && !i.status().ends())
                .map(PublicIncidents.PublicIncident::impact).toList());
        String url = page.customHost() != null ? "https://" + page.customHost() : baseUrl + "/status/" + page.slug();
        return new PageModel(page, url, p.groups(page.id()), List.copyOf(views), pageIncidents, indicator, latest, now);
    }

    private Map<String, Snapshot.Resource> resources(PageModel model) {
        var r = new LinkedHashMap<String, Snapshot.Resource>();
        long modified = model.updatedAt().toEpochMilli();
        for (var language : StatusPages.LANGUAGES) {
            r.put("html:" + language, resource(renderer.html(model, language), "text/html;charset=UTF-8", modified));
        }
        var json = new StatuspageJson(model);
        for (var doc : StatuspageJson.DOCUMENTS) {
            r.put("api/v2/" + doc, resource(json.document(doc), "application/json", modified));
        }
        r.put("widget.js", resource(WIDGET, "text/javascript;charset=UTF-8", modified));
        r.put("theme.css", resource(Badges.theme(model.page().accentColor()), "text/css;charset=UTF-8", modified));
        // Feeds and badges in each language: plain in the page's, "<name>:<lang>" for ?lang= (issue 11 point 1).
        for (var language : StatusPages.LANGUAGES) {
            var locale = java.util.Locale.forLanguageTag(language);
            var localized = new LinkedHashMap<String, Snapshot.Resource>();
            localized.put("history.rss", resource(feeds.rss(model, language), "application/rss+xml;charset=UTF-8",
                    modified));
            localized.put("history.atom", resource(feeds.atom(model, language), "application/atom+xml;charset=UTF-8",
                    modified));
            String indicator = model.indicator().messageKey();
            localized.put("badge.svg", resource(Badges.svg(model.page().name(), model.indicator().indicator(),
                    messages.getMessage(indicator, null, locale)), "image/svg+xml", modified));
            for (var c : model.components()) {
                String state = c.component().status().wire();
                localized.put("components/" + c.component().id() + "/badge.svg", resource(Badges.svg(
                        c.component().name(), state, messages.getMessage("statuspage.component." + state, null,
                                locale)), "image/svg+xml", modified));
            }
            localized.forEach((name, resource) -> {
                r.put(name + ":" + language, resource);
                if (language.equals(model.page().language())) {
                    r.put(name, resource);
                }
            });
        }
        return Map.copyOf(r);
    }

    private static Snapshot.Resource resource(byte[] body, String type, long modified) {
        String tag = sha256(body).substring(0, 32);
        byte[] gzip = body.length >= 1024 ? gzip(body) : null;
        if (gzip != null && gzip.length >= body.length * 9 / 10) {
            gzip = null;
        }
        return new Snapshot.Resource(body, type, "\"" + tag + "\"", modified - modified % 1000, gzip,
                gzip == null ? null : "\"" + tag + "-gz\"");
    }

    /** Compressed once per snapshot at the best level, so no request ever compresses. */
    static byte[] gzip(byte[] body) {
        var out = new java.io.ByteArrayOutputStream(body.length / 4 + 64);
        try (var zip = new java.util.zip.GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            zip.write(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] classpath(String path) {
        try (var in = Snapshots.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    @Override
    public void start() {
        rebuild();
        poller.start();
        running = true;
    }

    @Override
    public void stop() {
        poller.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // After the database and Flyway, before the web server takes requests.
        return Integer.MAX_VALUE - 2000;
    }

}
