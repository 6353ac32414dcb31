package io.tocsin.statuspage;

import static io.tocsin.statuspage.StatusPageTestSupport.getWith;
import static io.tocsin.statuspage.StatusPageTestSupport.page;
import static io.tocsin.statuspage.StatusPageTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.tocsin.support.IntegrationTest;
import io.tocsin.support.WebSession;
import org.junit.jupiter.api.Test;

/**
 * The 404 page of the status pages (issue 11 point 1) speaks the visitor's language: {@code ?lang=de} or an
 * Accept-Language that names German before English gives German, anything else English; always 404, no inline
 * script or style, and one body whether the page does not exist or is private and not open to the visitor, so it
 * tells nobody which. (That it answers without the database: StatusPageResilienceTest.)
 */
class StatusPageNotFoundTest extends IntegrationTest {

    static final String ENGLISH = "Status page not found";
    static final String GERMAN = "Statusseite nicht gefunden";

    @Test
    void anUnknownPageIsNotFoundInTheVisitorsLanguage() {
        String unknown = baseUrl() + "/status/" + unique("nosuch");
        var cases = Map.of(
                List.of(unknown), ENGLISH,
                List.of(unknown + "?lang=de"), GERMAN,
                List.of(unknown + "?lang=en", "Accept-Language", "de-DE,de;q=0.9"), ENGLISH,
                List.of(unknown, "Accept-Language", "de-DE,de;q=0.9,en;q=0.8"), GERMAN,
                List.of(unknown, "Accept-Language", "fr-FR,fr;q=0.9,de;q=0.7,en;q=0.5"), GERMAN,
                List.of(unknown, "Accept-Language", "en-GB,en;q=0.9,de;q=0.8"), ENGLISH,
                List.of(unknown, "Accept-Language", "fr"), ENGLISH,
                List.of(unknown + "/api/v2/summary.json", "Accept-Language", "de"), GERMAN,
                List.of(unknown, "Accept-Language", "de;q=0.2,en;q=0.8"), ENGLISH);
        cases.forEach((request, title) -> {
            var r = getWith(request.getFirst(), request.subList(1, request.size()).toArray(String[]::new));
            assertThat(r.statusCode()).as(request.toString()).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(r.body()).as(request.toString()).contains("<title>" + title + "</title>", "<h1>" + title)
                    .contains("lang=\"" + (title.equals(GERMAN) ? "de" : "en") + "\"");
            assertNoInlineCode(r.body());
        });
        assertThat(getWith(unknown + "?lang=de").body()).contains("Unter dieser Adresse gibt es keine Statusseite");
        assertThat(getWith(unknown).body()).contains("There is no status page at this address");
    }

    @Test
    void aPrivatePageOutsideTheAccessListLooksExactlyLikeAnUnknownOne() {
        var admin = admin();
        String foreign = unique("notfoundforeign");
        String publicSlug = unique("notfoundpublic");
        page(admin, foreign, Map.of("visibility", "PRIVATE", "allowedDomains", List.of("customer.example")));
        page(admin, publicSlug, Map.of());
        var session = new WebSession(baseUrl(), ADMIN_EMAIL, ADMIN_PASSWORD);
        for (String lang : List.of("en", "de")) {
            String unknownBody = getWith(baseUrl() + "/status/" + unique("nosuch") + "?lang=" + lang).body();
            for (String path : List.of("", "/api/v2/summary.json", "/history.rss", "/widget.js")) {
                var refused = session.get("/status/" + foreign + path + "?lang=" + lang);
                assertThat(refused.statusCode()).as(path).isEqualTo(404);
                assertThat(refused.body()).as(path).isEqualTo(unknownBody).doesNotContain(foreign);
            }
            // A resource a public page does not have: the same page, in the asked language.
            var missing = getWith(baseUrl() + "/status/" + publicSlug + "/api/v2/nothing.json?lang=" + lang);
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).isEqualTo(unknownBody);
        }
        assertThat(getWith(baseUrl() + "/status/" + foreign, "Accept-Language", "de").statusCode())
                .as("anonymous: asked to sign in").isEqualTo(302);
    }

    static void assertNoInlineCode(String html) {
        for (var inline : List.of("<script", " style=", "<style", " on[a-z]+=")) {
            assertThat(Pattern.compile(inline).matcher(html).find()).as(inline).isFalse();
        }
    }
}
