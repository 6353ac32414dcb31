package io.tocsin.statuspage.internal;

import java.util.Set;
import java.util.regex.Pattern;

import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Update bodies as visitors read them (issue 11 point 9): a small Markdown subset - paragraphs, line breaks,
 * emphasis, strong, inline code, bulleted and numbered lists, and links - parsed by commonmark-java and then cut
 * down to an allow-list by the OWASP Java HTML Sanitizer. Raw HTML in the text is escaped by the parser and
 * dropped again by the sanitizer should anything pass; links keep only http, https and mailto URLs and get
 * {@code rel="nofollow noopener noreferrer"}. Headings, images, tables, block quotes and code blocks are not in
 * the subset: their markers stay text. The JSON keeps the body as typed ({@code body}, as Statuspage does).
 */
public final class Markdown {

    private static final Parser PARSER = Parser.builder().enabledBlockTypes(Set.of(ListBlock.class)).build();
    private static final Pattern WEB_OR_MAIL = Pattern.compile("(?i)(https?|mailto):.*");
    static final String REL = "nofollow noopener noreferrer";
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .softbreak("<br>")
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (node instanceof Link) {
                    String href = attributes.get("href");
                    if (href != null && WEB_OR_MAIL.matcher(href).matches()) {
                        attributes.put("rel", REL);
                    } else {
                        // No target left: the sanitizer drops an <a> without attributes and keeps its text.
                        attributes.remove("href");
                    }
                }
            })
            .build();

    /** What survives: the subset's elements and safe links, nothing else (no attributes but href and rel). */
    static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "strong", "em", "code", "ul", "ol", "li", "a")
            .allowAttributes("href").matching(WEB_OR_MAIL).onElements("a")
            .allowUrlProtocols("http", "https", "mailto")
            // Our own rel, in a fixed order (the same bytes on every node: strong ETags).
            .allowAttributes("rel").matching(Pattern.compile(Pattern.quote(REL))).onElements("a")
            .toFactory();

    private Markdown() {
    }

    /** Safe HTML for the body; null or blank gives the empty string. */
    public static String html(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return POLICY.sanitize(RENDERER.render(PARSER.parse(body))).strip();
    }
}
