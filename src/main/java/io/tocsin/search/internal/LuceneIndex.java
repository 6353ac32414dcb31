package io.tocsin.search.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.queries.mlt.MoreLikeThis;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.Directory;
import org.springframework.web.util.HtmlUtils;

/**
 * The Lucene index of one node: searchable documents (text in an English and a German field, each with its own
 * stemming and stop words, so either language is found without guessing it) and one profile document per
 * incident for similarity (its text in both analyses, service, alert sources, the embedding as a KNN vector).
 * All of an incident's documents are replaced together, atomically. Thread-safe.
 */
final class LuceneIndex implements AutoCloseable {

    static final int DIMENSIONS = 384;
    private static final String F_DOC = "doc";
    private static final String F_KIND = "kind";
    private static final String F_INCIDENT = "incident";
    private static final String F_KEY = "key";
    private static final String F_TITLE = "title";
    private static final String F_URL = "url";
    private static final String F_AT = "at";
    private static final String F_EN = "en";
    private static final String F_DE = "de";
    private static final String F_CONTACT = "contact";
    private static final String F_PAST = "past";
    private static final String F_SERVICE = "service";
    private static final String F_SOURCE = "source";
    private static final String F_PROFILE_EN = "pen";
    private static final String F_PROFILE_DE = "pde";
    private static final String F_VECTOR = "vec";
    private static final String F_VECTOR_STORED = "vecs";
    private static final String F_HASH = "hash";
    private static final String PROFILE = "PROFILE";

    private final Directory directory;
    private final Analyzer analyzer;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    LuceneIndex(Directory directory) {
        this.directory = directory;
        var english = new EnglishAnalyzer();
        var german = new GermanAnalyzer();
        this.analyzer = new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of(F_EN, english, F_PROFILE_EN, english,
                F_DE, german, F_PROFILE_DE, german));
        try {
            var config = new IndexWriterConfig(analyzer).setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64);
            this.writer = new IndexWriter(directory, config);
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index", e);
        }
    }

    /** A hit of a search, its snippet HTML-escaped with the matches in {@code <mark>}. */
    record Hit(String docId, SearchDocument.DocType type, UUID incidentId, String key, String title, String url,
            Instant at, String snippet, float score) {
    }

    /** What the index holds of an incident's profile: whether its text changed since, and its vector. */
    record StoredProfile(UUID incidentId, String hash, float[] vector, UUID serviceId, Set<String> sources) {
    }

    /** A neighbour found by one of the rankings, with what the hybrid ranking boosts on. */
    record Neighbour(UUID incidentId, UUID serviceId, Set<String> sources, float score) {
    }

    // ------------------------------------------------------------------ writing

    /** Replaces everything indexed for the incident. {@code vector} may be null (model not loaded yet). */
    void putIncident(IncidentProfile profile, String hash, float[] vector, List<SearchDocument> docs) {
        var all = new ArrayList<Document>(docs.size() + 1);
        all.add(profileDocument(profile, hash, vector));
        for (var d : docs) {
            all.add(document(d));
        }
        write(() -> writer.updateDocuments(new Term(F_INCIDENT, profile.incidentId().toString()), all));
    }

    /** Adds or replaces a document that belongs to no single incident (a problem). */
    void put(SearchDocument doc) {
        write(() -> writer.updateDocument(new Term(F_DOC, doc.docId()), document(doc)));
    }

    void removeIncident(UUID incidentId) {
        write(() -> writer.deleteDocuments(new Term(F_INCIDENT, incidentId.toString())));
    }

    void clear() {
        write(() -> writer.deleteAll());
    }

    /** Makes what was written visible to searches, without syncing it to disk (see {@link #commit}). */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was written durable and visible to searches. */
    void commit() {
        try {
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Document document(SearchDocument d) {
        var doc = new Document();
        doc.add(new StringField(F_DOC, d.docId(), Field.Store.YES));
        doc.add(new StringField(F_KIND, d.type().name(), Field.Store.YES));
        if (d.incidentId() != null && d.type() != SearchDocument.DocType.PROBLEM) {
            doc.add(new StringField(F_INCIDENT, d.incidentId().toString(), Field.Store.YES));
        }
        doc.add(new StoredField(F_KEY, nullToEmpty(d.key())));
        doc.add(new StoredField(F_TITLE, nullToEmpty(d.title())));
        doc.add(new StoredField(F_URL, nullToEmpty(d.url())));
        if (d.at() != null) {
            doc.add(new StoredField(F_AT, d.at().toEpochMilli()));
        }
        var text = nullToEmpty(d.title()) + "\n" + nullToEmpty(d.text());
        doc.add(new TextField(F_EN, text, Field.Store.YES));
        doc.add(new TextField(F_DE, text, Field.Store.YES));
        for (var c : d.contacts()) {
            doc.add(new StringField(F_CONTACT, PersonalData.normalize(c), Field.Store.NO));
        }
        return doc;
    }

    private Document profileDocument(IncidentProfile p, String hash, float[] vector) {
        var doc = new Document();
        doc.add(new StringField(F_DOC, "profile:" + p.incidentId(), Field.Store.YES));
        doc.add(new StringField(F_KIND, PROFILE, Field.Store.YES));
        doc.add(new StringField(F_INCIDENT, p.incidentId().toString(), Field.Store.YES));
        doc.add(new StringField(F_PAST, Boolean.toString(p.past()), Field.Store.NO));
        if (p.serviceId() != null) {
            doc.add(new StringField(F_SERVICE, p.serviceId().toString(), Field.Store.YES));
        }
        for (var s : p.alertSources()) {
            doc.add(new StringField(F_SOURCE, s, Field.Store.YES));
        }
        var text = p.summary() + "\n" + p.text();
        doc.add(new TextField(F_PROFILE_EN, text, Field.Store.NO));
        doc.add(new TextField(F_PROFILE_DE, text, Field.Store.NO));
        doc.add(new StoredField(F_HASH, hash));
        if (vector != null) {
            doc.add(new KnnFloatVectorField(F_VECTOR, vector, VectorSimilarityFunction.COSINE));
            doc.add(new StoredField(F_VECTOR_STORED, toBytes(vector)));
        }
        return doc;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Searches the box's text (Lucene syntax: phrases, AND/OR, prefix*; plain words must all occur). Contacts
     * (e-mail, phone) are matched only when {@code withContacts}.
     */
    List<Hit> search(String q, boolean withContacts, int limit) {
        Query text;
        try {
            text = parser().parse(q);
        } catch (ParseException | IllegalArgumentException e) {
            try {
                text = parser().parse(QueryParser.escape(q));
            } catch (ParseException again) {
                return List.of();
            }
        }
        var either = new BooleanQuery.Builder().add(text, Occur.SHOULD);
        if (withContacts) {
            for (var part : q.trim().split("\\s+")) {
                if (PersonalData.looksLikeContact(part)) {
                    either.add(new TermQuery(new Term(F_CONTACT, PersonalData.normalize(part))), Occur.SHOULD);
                }
            }
        }
        var query = new BooleanQuery.Builder().add(either.build(), Occur.MUST)
                .add(new TermQuery(new Term(F_KIND, PROFILE)), Occur.MUST_NOT).build();
        return withSearcher(searcher -> {
            var top = searcher.search(query, limit);
            var highlighter = UnifiedHighlighter.builder(searcher, analyzer)
                    .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                    .withMaxLength(20_000).build();
            var snippets = highlighter.highlightFields(new String[] {F_EN, F_DE}, query, top, new int[] {2, 2});
            var stored = searcher.storedFields();
            var hits = new ArrayList<Hit>();
            for (int i = 0; i < top.scoreDocs.length; i++) {
                var sd = top.scoreDocs[i];
                var d = stored.document(sd.doc);
                var snippet = firstNonBlank(snippets.get(F_EN)[i], snippets.get(F_DE)[i]);
                if (snippet == null) {
                    var plain = d.get(F_EN);
                    snippet = HtmlUtils.htmlEscape(plain.length() > 200 ? plain.substring(0, 200) + " …" : plain);
                }
                var at = d.getField(F_AT);
                var incident = d.get(F_INCIDENT);
                hits.add(new Hit(d.get(F_DOC), SearchDocument.DocType.valueOf(d.get(F_KIND)),
                        incident == null ? null : UUID.fromString(incident), d.get(F_KEY), d.get(F_TITLE),
                        d.get(F_URL), at == null ? null : Instant.ofEpochMilli(at.numericValue().longValue()),
                        snippet, sd.score));
            }
            return hits;
        });
    }

    private MultiFieldQueryParser parser() {
        var parser = new MultiFieldQueryParser(new String[] {F_EN, F_DE}, analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        return parser;
    }

    Optional<StoredProfile> profile(UUID incidentId) {
        return withSearcher(searcher -> {
            var query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(F_INCIDENT, incidentId.toString())), Occur.FILTER)
                    .add(new TermQuery(new Term(F_KIND, PROFILE)), Occur.FILTER).build();
            var top = searcher.search(query, 1);
            if (top.scoreDocs.length == 0) {
                return Optional.<StoredProfile>empty();
            }
            var d = searcher.storedFields().document(top.scoreDocs[0].doc);
            var bytes = d.getBinaryValue(F_VECTOR_STORED);
            var service = d.get(F_SERVICE);
            return Optional.of(new StoredProfile(incidentId, d.get(F_HASH),
                    bytes == null ? null : toFloats(bytes.bytes, bytes.offset, bytes.length),
                    service == null ? null : UUID.fromString(service), Set.of(d.getValues(F_SOURCE))));
        });
    }

    /** Past incidents whose profile shares the most distinctive words with {@code text} (BM25), best first. */
    List<Neighbour> lexicalNeighbours(String text, UUID except, int n) {
        return withSearcher(searcher -> {
            var mlt = new MoreLikeThis(searcher.getIndexReader());
            mlt.setAnalyzer(analyzer);
            mlt.setMinTermFreq(1);
            mlt.setMinDocFreq(1);
            mlt.setMinWordLen(3);
            mlt.setMaxQueryTerms(30);
            mlt.setBoost(true);
            var like = new BooleanQuery.Builder();
            mlt.setFieldNames(new String[] {F_PROFILE_EN});
            like.add(mlt.like(F_PROFILE_EN, new StringReader(text)), Occur.SHOULD);
            mlt.setFieldNames(new String[] {F_PROFILE_DE});
            like.add(mlt.like(F_PROFILE_DE, new StringReader(text)), Occur.SHOULD);
            var query = new BooleanQuery.Builder().add(like.build(), Occur.MUST).add(pastExcept(except), Occur.FILTER)
                    .build();
            return neighbours(searcher, searcher.search(query, n));
        });
    }

    /** Past incidents whose embedding is nearest to {@code vector} (cosine), best first. */
    List<Neighbour> vectorNeighbours(float[] vector, UUID except, int n) {
        return withSearcher(searcher -> neighbours(searcher,
                searcher.search(new KnnFloatVectorQuery(F_VECTOR, vector, n, pastExcept(except)), n)));
    }

    private Query pastExcept(UUID except) {
        var b = new BooleanQuery.Builder().add(new TermQuery(new Term(F_KIND, PROFILE)), Occur.FILTER)
                .add(new TermQuery(new Term(F_PAST, "true")), Occur.FILTER);
        if (except != null) {
            b.add(new TermQuery(new Term(F_INCIDENT, except.toString())), Occur.MUST_NOT);
        }
        return b.build();
    }

    private List<Neighbour> neighbours(IndexSearcher searcher, TopDocs top) throws IOException {
        var stored = searcher.storedFields();
        var out = new ArrayList<Neighbour>();
        for (var sd : top.scoreDocs) {
            var d = stored.document(sd.doc);
            var service = d.get(F_SERVICE);
            out.add(new Neighbour(UUID.fromString(d.get(F_INCIDENT)), service == null ? null : UUID.fromString(service),
                    new LinkedHashSet<>(List.of(d.getValues(F_SOURCE))), sd.score));
        }
        return out;
    }

    /** Incidents with a profile, and the hash of the text each was indexed from. */
    Map<UUID, String> indexedIncidents() {
        return withSearcher(searcher -> {
            var query = new TermQuery(new Term(F_KIND, PROFILE));
            var top = searcher.search(query, Math.max(1, searcher.count(query)));
            var out = new HashMap<UUID, String>();
            var stored = searcher.storedFields();
            for (var sd : top.scoreDocs) {
                var d = stored.document(sd.doc, Set.of(F_INCIDENT, F_HASH));
                out.put(UUID.fromString(d.get(F_INCIDENT)), d.get(F_HASH));
            }
            return out;
        });
    }

    /** Ids of the stand-alone documents (problems) in the index. */
    Set<String> documentIds(SearchDocument.DocType type) {
        return withSearcher(searcher -> {
            var query = new TermQuery(new Term(F_KIND, type.name()));
            var top = searcher.search(query, Math.max(1, searcher.count(query)));
            var out = new HashSet<String>();
            for (var sd : top.scoreDocs) {
                out.add(searcher.storedFields().document(sd.doc, Set.of(F_DOC)).get(F_DOC));
            }
            return out;
        });
    }

    void removeDocument(String docId) {
        write(() -> writer.deleteDocuments(new Term(F_DOC, docId)));
    }

    int documentCount() {
        return withSearcher(searcher -> searcher.count(new MatchAllDocsQuery()));
    }

    private interface IndexWrite {
        void run() throws IOException;
    }

    private static void write(IndexWrite work) {
        try {
            work.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            var searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && a.contains("<mark>")) {
            return a;
        }
        if (b != null && b.contains("<mark>")) {
            return b;
        }
        return null;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    static byte[] toBytes(float[] v) {
        var buffer = ByteBuffer.allocate(v.length * 4);
        for (float f : v) {
            buffer.putFloat(f);
        }
        return buffer.array();
    }

    static float[] toFloats(byte[] bytes, int offset, int length) {
        var buffer = ByteBuffer.wrap(bytes, offset, length);
        var v = new float[length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = buffer.getFloat();
        }
        return v;
    }
}
