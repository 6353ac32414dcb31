package io.tocsin.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.tocsin.statuspage.internal.Markdown;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Markdown subset of update bodies (issue 11 point 9, R23): what the subset renders, and that scripts, event
 * handlers, javascript:/data:/vbscript: URLs, styles, frames and forms never come out, however they are written.
 */
class MarkdownTest {

    static Stream<Arguments> subset() {
        return Stream.of(
                Arguments.of("plain", "We are looking into it.", "<p>We are looking into it.</p>"),
                Arguments.of("line break kept", "First line\nsecond line", "<p>First line<br />second line</p>"),
                Arguments.of("paragraphs", "One.\n\nTwo.", "<p>One.</p>\n<p>Two.</p>"),
                Arguments.of("emphasis", "*really* **down** `api-1`",
                        "<p><em>really</em> <strong>down</strong> <code>api-1</code></p>"),
                Arguments.of("bullets", "- EU\n- US", "<ul><li>EU</li><li>US</li></ul>"),
                Arguments.of("numbers", "1. restart\n2. verify", "<ol><li>restart</li><li>verify</li></ol>"),
                Arguments.of("https link", "[details](https://example.com/x?a=1&b=2)",
                        "<p><a rel=\"nofollow noopener noreferrer\" href=\"https://example.com/x?a&#61;1&amp;b&#61;2\">details</a></p>"),
                Arguments.of("mailto link", "[mail us](mailto:help@example.com)",
                        "<p><a rel=\"nofollow noopener noreferrer\" href=\"mailto:help&#64;example.com\">mail us</a></p>"),
                Arguments.of("heading not in the subset", "# Big", "<p># Big</p>"),
                Arguments.of("characters escaped", "a < b & c > d", "<p>a &lt; b &amp; c &gt; d</p>"),
                Arguments.of("blank", "   ", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subset")
    void rendersTheSubset(String name, String body, String html) {
        assertThat(Markdown.html(body)).isEqualTo(html);
    }

    static Stream<String> attacks() {
        return Stream.of(
                "<script>alert(1)</script>",
                "Hello <script src=https://evil.example/x.js></script>",
                "<img src=x onerror=alert(1)>",
                "<a href=\"javascript:alert(1)\">click</a>",
                "[click](javascript:alert(1))",
                "[click](JaVaScRiPt:alert(1))",
                "[click](  javascript:alert(1))",
                "[click](java&#115;cript:alert(1))",
                "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                "[click](vbscript:msgbox(1))",
                "<javascript:alert(1)>",
                "![x](javascript:alert(1))",
                "![x](https://example.com/a.png\" onerror=\"alert(1))",
                "<div onclick=alert(1)>x</div>",
                "<svg onload=alert(1)>",
                "<iframe src=https://evil.example></iframe>",
                "<form action=https://evil.example><input name=p></form>",
                "<style>body{display:none}</style>",
                "<p style=\"background:url(javascript:alert(1))\">x</p>",
                "*<script>alert(1)</script>*",
                "- <b onmouseover=alert(1)>x</b>",
                "[a](https://example.com \"t\" onmouseover=\"alert(1)\")",
                "<scr<script>ipt>alert(1)</script>");
    }

    @ParameterizedTest
    @MethodSource("attacks")
    void neverLetsScriptsHandlersOrScriptUrlsThrough(String body) {
        String html = Markdown.html(body);
        // Text may mention anything (it is escaped); every tag must be one of the subset's, with no attribute but
        // an http(s)/mailto href and the fixed rel.
        var tags = Pattern.compile("<[^>]*>").matcher(html);
        while (tags.find()) {
            assertThat(tags.group()).as("tag in %s", html).matches(
                    "</?(p|strong|em|code|ul|ol|li|a)>|<br />|<a rel=\"nofollow noopener noreferrer\" href=\"(https?|mailto):[^\"]*\">");
        }
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("href=\"javascript", "href=\"data", "href=\"vbscript");
    }
}
