package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tocsin.shared.StartupNotes;
import io.tocsin.shared.StartupNotes.Section;
import org.junit.jupiter.api.Test;

/** The start-up banner as a person reads it (issue 13: a start that explains itself). */
class StartupBannerTest {

    @Test
    void oneBannerWithTheUrlTheLoginsInOrderAndHowToStop() {
        var notes = new StartupNotes();
        notes.add(Section.DEMO, "Demo organisation", List.of("password: s3cret", "sam.carter@demo.tocsin.local  responder"));
        notes.add(Section.ADMINISTRATOR, "Administrator (created now)", List.of("e-mail:   admin@tocsin.local"));
        String banner = StartupBanner.render("http://localhost:8080", "http://localhost:8080/", notes.all());
        assertThat(banner.lines().toList()).containsExactly(
                StartupBanner.RULE,
                " Tocsin is ready: http://localhost:8080",
                "",
                " Administrator (created now)",
                "   e-mail:   admin@tocsin.local",
                "",
                " Demo organisation",
                "   password: s3cret",
                "   sam.carter@demo.tocsin.local  responder",
                "",
                " API documentation: http://localhost:8080/swagger-ui.html",
                " Stop with Ctrl-C.",
                StartupBanner.RULE);
    }

    @Test
    void aPublicUrlOtherThanTheLocalOneIsNamedToo() {
        String banner = StartupBanner.render("http://localhost:9090", "https://tocsin.example.org", List.of());
        assertThat(banner).contains(" Tocsin is ready: http://localhost:9090",
                " Public URL (in links Tocsin sends): https://tocsin.example.org");
        assertThat(StartupBanner.render(null, "https://tocsin.example.org", List.of()))
                .contains(" Tocsin is ready: https://tocsin.example.org").doesNotContain("Public URL");
    }
}
