package io.tocsin.comms.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What people type, made fit for a message (R23; issue 13: messages that read well whatever punctuation). */
class ProseTest {

    @ParameterizedTest(name = "sentence [{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "card payments fail                        | Card payments fail.",
            "Card payments fail.                       | Card payments fail.",
            "Card payments fail..                      | Card payments fail.",
            "Card payments fail;                       | Card payments fail.",
            "card payments fail ,                      | Card payments fail.",
            "'  Card   payments\n fail  '              | Card payments fail.",
            "Is it the gateway?                        | Is it the gateway?",
            "Everything is down!                       | Everything is down!",
            "We are looking into it...                 | We are looking into it...",
            "über 1.200 Kunden betroffen.              | Über 1.200 Kunden betroffen.",
            "EU customers cannot pay by card; about 1,200 affected. | EU customers cannot pay by card; about 1,200 affected.",
            "'.'                                       | ",
    })
    void sentences(String typed, String expected) {
        assertThat(Prose.sentence(typed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "fragment [{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "EU customers cannot pay by card; about 1,200 affected. | EU customers cannot pay by card; about 1,200 affected",
            "within the hour.                          | within the hour",
            "within the hour                           | within the hour",
            "an expired certificate;                   | an expired certificate",
            "'all customers,  '                        | all customers",
            "Why?                                      | Why?",
    })
    void fragments(String typed, String expected) {
        assertThat(Prose.fragment(typed)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", " . ", ";", "\n\t"})
    void nothingTypedIsNothing(String typed) {
        assertThat(Prose.sentence(typed)).isNull();
        assertThat(Prose.fragment(typed)).isNull();
        assertThat(Prose.bullet(typed)).isNull();
    }

    @ParameterizedTest(name = "bullet [{0}] -> [{1}]")
    @CsvSource(delimiter = '|', value = {
            "- Rollback started.                       | Rollback started",
            "* Errors since 14:02;                     | Errors since 14:02",
            "• Watch error rates                       | Watch error rates",
            "2) Tell support                           | Tell support",
            "1. Finish the rollback                    | Finish the rollback",
            "-5 % conversion                           | -5 % conversion",
    })
    void bullets(String typed, String expected) {
        assertThat(Prose.bullet(typed)).isEqualTo(expected);
    }

    @Test
    void listsReadAsWordsInTheReadersLanguage() {
        assertThat(Prose.list(List.of("Web Shop"), Locale.ENGLISH)).isEqualTo("Web Shop");
        assertThat(Prose.list(List.of("Web Shop", "Mobile App"), Locale.ENGLISH)).isEqualTo("Web Shop and Mobile App");
        assertThat(Prose.list(List.of("Web Shop", "Mobile App", "Partner API"), Locale.ENGLISH))
                .isEqualTo("Web Shop, Mobile App and Partner API");
        assertThat(Prose.list(List.of("Web-Shop", "App", "Partner-API"), Locale.GERMAN))
                .isEqualTo("Web-Shop, App und Partner-API");
        assertThat(Prose.list(List.of(), Locale.ENGLISH)).isNull();
        assertThat(Prose.bullets(List.of("- a.", "  ", "b"))).containsExactly("a", "b");
    }
}
