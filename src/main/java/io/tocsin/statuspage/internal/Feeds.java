package io.tocsin.statuspage.internal;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.tocsin.statuspage.PublicIncidents.PublicIncident;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The RSS 2.0 and Atom feeds of a page (issue 11 point 6), {@code /status/{slug}/history.rss} and
 * {@code history.atom} as Statuspage names them: one entry per public incident or maintenance of the past 90
 * days, newest change first, its updates as sanitized HTML ({@link Markdown}) in the page's language. Rendered
 * into the snapshot with the rest of the page, so a feed reader's poll costs no database query.
 */
@Component
public class Feeds {

    static final int MAX_ENTRIES = 50;
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private final MessageSource messages;

    Feeds(MessageSource messages) {
        this.messages = messages;
    }

    public byte[] rss(PageModel model) {
        return rss(model, model.page().language());
    }

    /** The RSS feed in the given language ({@code ?lang=}, issue 11 point 1). */
    public byte[] rss(PageModel model, String language) {
        var locale = Locale.forLanguageTag(language);
        return write(xml -> {
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeStartElement("channel");
            element(xml, "title", title(model, locale));
            element(xml, "link", model.url());
            element(xml, "description", title(model, locale));
            element(xml, "language", language);
            element(xml, "lastBuildDate", rfc1123(model.updatedAt()));
            for (var i : entries(model)) {
                xml.writeStartElement("item");
                element(xml, "title", i.name());
                element(xml, "link", link(model, i));
                xml.writeStartElement("guid");
                xml.writeAttribute("isPermaLink", "false");
                xml.writeCharacters(urn(i));
                xml.writeEndElement();
                element(xml, "pubDate", rfc1123(i.updatedAt()));
                element(xml, "description", html(model, i, locale));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    public byte[] atom(PageModel model) {
        return atom(model, model.page().language());
    }

    /** The Atom feed in the given language ({@code ?lang=}, issue 11 point 1). */
    public byte[] atom(PageModel model, String language) {
        var locale = Locale.forLanguageTag(language);
        return write(xml -> {
            xml.writeStartElement("feed");
            xml.writeDefaultNamespace("http://www.w3.org/2005/Atom");
            xml.writeAttribute("xml:lang", language);
            element(xml, "id", "urn:uuid:" + model.page().id());
            element(xml, "title", title(model, locale));
            element(xml, "updated", model.updatedAt().toString());
            link(xml, model.url(), "alternate", "text/html");
            link(xml, model.url() + "/history.atom", "self", "application/atom+xml");
            xml.writeStartElement("author");
            element(xml, "name", model.page().name());
            xml.writeEndElement();
            for (var i : entries(model)) {
                xml.writeStartElement("entry");
                element(xml, "id", urn(i));
                element(xml, "title", i.name());
                element(xml, "published", i.createdAt().toString());
                element(xml, "updated", i.updatedAt().toString());
                link(xml, link(model, i), "alternate", "text/html");
                xml.writeStartElement("content");
                xml.writeAttribute("type", "html");
                xml.writeCharacters(html(model, i, locale));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            xml.writeEndElement();
        });
    }

    static List<PublicIncident> entries(PageModel model) {
        return model.incidents().stream()
                .sorted((a, b) -> b.updatedAt().compareTo(a.updatedAt()))
                .limit(MAX_ENTRIES).toList();
    }

    /** The entry's updates, newest first: status, sanitized body, time in the page's zone. */
    private String html(PageModel model, PublicIncident i, Locale locale) {
        var fmt = new PublicRenderer.Formats(model, locale, messages);
        var sb = new StringBuilder();
        if (i.maintenance()) {
            sb.append("<p>").append(escape(messages.getMessage("statuspage.public.scheduled", null, locale))).append(": ")
                    .append(escape(fmt.time(i.scheduledFor()))).append(" – ").append(escape(fmt.time(i.scheduledUntil())))
                    .append("</p>");
        }
        for (var u : i.updates()) {
            sb.append("<p><strong>").append(escape(messages.getMessage("statuspage.status." + u.status().wire(), null,
                    locale))).append("</strong> – <small>").append(escape(fmt.time(u.displayAt()))).append("</small></p>")
                    .append(Markdown.html(u.body()));
        }
        return sb.toString();
    }

    private String title(PageModel model, Locale locale) {
        return messages.getMessage("statuspage.feed.title", new Object[] {model.page().name()}, locale);
    }

    private static String link(PageModel model, PublicIncident i) {
        return model.url() + "#" + (i.maintenance() ? "maintenance-" : "incident-") + i.id();
    }

    private static String urn(PublicIncident i) {
        return "urn:uuid:" + i.id();
    }

    private static String rfc1123(Instant at) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text == null ? "" : text);
        xml.writeEndElement();
    }

    private static void link(XMLStreamWriter xml, String href, String rel, String type) throws XMLStreamException {
        xml.writeEmptyElement("link");
        xml.writeAttribute("rel", rel);
        xml.writeAttribute("type", type);
        xml.writeAttribute("href", href);
    }

    private interface Body {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private static byte[] write(Body body) {
        var out = new ByteArrayOutputStream(8192);
        try {
            var xml = XML.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("feed not written", e);
        }
        return out.toByteArray();
    }
}
