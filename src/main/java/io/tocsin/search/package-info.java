/**
 * Search (R32; issue 18 points 1 and 2): full-text search over incidents, their timelines, updates, postmortems,
 * problems and alerts (Apache Lucene, English and German analysis, highlighted snippets), and similar past incidents
 * by hybrid ranking of BM25 and sentence embeddings computed in the JVM (all-MiniLM-L6-v2), with why, their fixes
 * and who helped. Each node keeps its own index under the data directory, fed after commit by the other modules'
 * events and rebuildable from the database. Other modules (assist) use {@link io.tocsin.search.SimilarIncidents}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Search")
package io.tocsin.search;
