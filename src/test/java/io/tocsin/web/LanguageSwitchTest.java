package io.tocsin.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The language switch reads {@code lang} from the query string alone (issue 17: a query string the container
 * cannot decode must reach the endpoint, which refuses it in its own format, rather than fail here).
 */
class LanguageSwitchTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "lang=de, de",
            "a=1&lang=en, en",
            "lang=de&lang=en, de",
            "lang=d%65, de",
            "xlang=de, null",
            "lang, null",
            "=de, null",
            "lang=%zz, null",
            "%zz=1&lang=de, de",
            "null, null"})
    void languageFromTheQueryString(String query, String expected) {
        assertThat(LanguageSwitch.fromQuery(query)).isEqualTo(expected);
    }
}
