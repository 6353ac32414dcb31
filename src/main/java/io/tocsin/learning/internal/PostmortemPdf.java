package io.tocsin.learning.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.tocsin.learning.PostmortemExport;
import org.openpdf.text.Chunk;
import org.openpdf.text.Document;
import org.openpdf.text.Font;
import org.openpdf.text.ListItem;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfWriter;

/**
 * Draws a postmortem document as PDF with OpenPDF. Liberation Sans is embedded (Identity-H), so German and any other
 * text prints and copies out as written, whatever fonts the reader's machine has.
 */
public final class PostmortemPdf {

    private static final BaseFont REGULAR = font("liberation/LiberationSans-Regular.ttf");
    private static final BaseFont BOLD = font("liberation/LiberationSans-Bold.ttf");

    private PostmortemPdf() {
    }

    private static BaseFont font(String resource) {
        try (var in = PostmortemPdf.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the class path");
            }
            return BaseFont.createFont(resource, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true, in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] render(PostmortemExport.Document d) {
        var out = new ByteArrayOutputStream();
        var title = new Font(BOLD, 16);
        var heading = new Font(BOLD, 12);
        var text = new Font(REGULAR, 10);
        var small = new Font(REGULAR, 9);
        try (var doc = new Document(PageSize.A4, 48, 48, 48, 48)) {
            PdfWriter.getInstance(doc, out);
            doc.addTitle(d.title());
            doc.addCreator("Tocsin");
            doc.open();
            doc.add(new Paragraph(d.title(), title));
            doc.add(Chunk.NEWLINE);
            for (Map.Entry<String, String> f : d.facts()) {
                doc.add(new Paragraph(f.getKey() + ": " + f.getValue(), text));
            }
            section(doc, figuresTitle(d), heading);
            var figures = new org.openpdf.text.List(false, 10);
            d.figures().forEach(f -> figures.add(new ListItem(f.getKey() + ": " + f.getValue(), small)));
            doc.add(figures);
            for (var s : d.sections()) {
                section(doc, s.title(), heading);
                if ("timeline".equals(s.code()) || "action-items".equals(s.code())) {
                    var list = new org.openpdf.text.List(false, 10);
                    ("timeline".equals(s.code()) ? d.timeline() : d.actionItems())
                            .forEach(line -> list.add(new ListItem(line, small)));
                    if (!list.isEmpty()) {
                        doc.add(list);
                    }
                }
                if (s.written()) {
                    for (String para : s.body().split("\\R\\R+")) {
                        doc.add(new Paragraph(para, text));
                    }
                } else if (!"timeline".equals(s.code()) && !"action-items".equals(s.code())) {
                    doc.add(new Paragraph("–", text));
                }
            }
        }
        return out.toByteArray();
    }

    private static String figuresTitle(PostmortemExport.Document d) {
        return "de".equals(d.locale().getLanguage()) ? "Kennzahlen" : "Key figures";
    }

    private static void section(Document doc, String title, Font font) {
        var p = new Paragraph(title, font);
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        doc.add(p);
    }
}
