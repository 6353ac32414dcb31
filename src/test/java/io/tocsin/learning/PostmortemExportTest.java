package io.tocsin.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Exports (R28 "templates and export", issue 12 point 6): the Markdown carries the facts, key figures, every section
 * with the imported timeline and the action items; the PDF's text, extracted back with PDFBox, has the German
 * section titles and umlauts as written, from an embedded font.
 */
class PostmortemExportTest extends LearningTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void markdownHasTheSectionsTimelineAndActionItems() {
        var s = resolvedIncident(2, "Webshop", Duration.ofMinutes(25));
        String base = "/api/v1/incidents/" + s.key() + "/postmortem";
        s.managerApi().put(base + "/sections/summary", Map.of("body", "The webshop was down for 25 minutes.")).expect(200);
        s.managerApi().post("/api/v1/action-items", Map.of("incident", s.key(), "title", "Add a smoke test",
                "ownerId", s.manager().id().toString(), "kind", "DETECT")).expect(201);

        var md = s.managerApi().get(base + "/export.md").expect(200);
        assertThat(md.contentType()).startsWith("text/markdown");
        assertThat(md.header("Content-Disposition")).contains("postmortem-" + s.key() + ".md");
        String text = md.body();
        assertThat(text).startsWith("# Postmortem " + s.key() + ": Webshop fails");
        assertThat(text).contains("## Key figures", "- Time to detect: 2 min", "## Summary",
                "The webshop was down for 25 minutes.", "## Root cause analysis", "_Not written yet._");
        assertThat(text).contains("Deployed Webshop 4.3.0 (ci) (change)");
        assertThat(text.indexOf("Deployed Webshop")).isLessThan(text.indexOf("[Impact start]"));
        assertThat(text).containsPattern("- \\[Open\\] Add a smoke test · Detect · Mia Manager · \\d{4}-\\d\\d-\\d\\d");
    }

    @Test
    void thePdfHasTheGermanSectionsAndUmlautsInAnEmbeddedFont() throws Exception {
        var s = openIncident(3, "Kasse");
        s.managerApi().post("/api/v1/incidents/" + s.key() + "/resolve", Map.of()).expect(200);
        String base = "/api/v1/incidents/" + s.key() + "/postmortem";
        s.managerApi().post(base, Map.of("language", "de")).expect(201);
        s.managerApi().put(base + "/sections/root-cause", Map.of("body",
                "Größere Änderungen an der Zahlungsschnittstelle wurden ohne Überprüfung ausgerollt.\n\n"
                        + "Beitragende Faktoren: müde Bereitschaft, fehlende Warnungen.")).expect(200);

        byte[] pdf = download(base + "/export.pdf", s);
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        try (var doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Postmortem " + s.key(), "Zusammenfassung", "Auswirkungen", "Zeitleiste",
                    "Erkennung", "Ursachenanalyse", "Prozess", "Maßnahmen", "Kennzahlen", "Zeit bis zur Erkennung");
            assertThat(text).contains("Größere Änderungen an der Zahlungsschnittstelle wurden ohne Überprüfung",
                    "müde Bereitschaft", "Beginn der Auswirkung", "Deployed Kasse 4.3.0");
            var fonts = new ArrayList<PDFont>();
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    fonts.add(page.getResources().getFont(name));
                }
            }
            assertThat(fonts).isNotEmpty().allMatch(PDFont::isEmbedded);
            assertThat(fonts).anyMatch(f -> f.getName().contains("LiberationSans"));
        }
    }

    private byte[] download(String path, Setup s) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + tokenFor(s.manager().id())).GET().build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/pdf");
        return response.body();
    }
}
