package io.tocsin.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import org.springframework.stereotype.Component;

/**
 * Renders every contributed {@link ReportSection} for one query, the sections side by side (issue 16 point 4): each
 * reads its own table, so the page takes as long as its slowest section rather than the sum of all. The sections
 * get everything they need (period, filters, language, whether the reader sees people) as arguments, so they depend
 * on no request-bound context of the calling thread.
 */
@Component
public class ReportSections {

    /** A section and what it rendered. */
    public record Shown(ReportSection section, ReportSection.Rendered rendered) {

        public List<ReportTable> tables() {
            return rendered.tables();
        }
    }

    private final List<ReportSection> sections;
    // Virtual threads: the sections mostly wait on the database; a handful per page view.
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    ReportSections(List<ReportSection> sections) {
        this.sections = sections.stream().sorted(Comparator.comparingInt(ReportSection::order)).toList();
    }

    /** The sections in their order. */
    public List<ReportSection> all() {
        return sections;
    }

    /** Every section rendered, in order; the first failure of a section is rethrown as it was. */
    public List<Shown> render(ReportQuery query, ReportSection.Reader reader) {
        var futures = new ArrayList<CompletableFuture<Shown>>();
        for (var s : sections) {
            futures.add(CompletableFuture.supplyAsync(() -> new Shown(s, s.render(query, reader)), executor));
        }
        var shown = new ArrayList<Shown>();
        for (var f : futures) {
            try {
                shown.add(f.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        return shown;
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }
}
