package io.tocsin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Every alerts message exists in English and German, timeline events included. */
class AlertMessagesTest {

    private static Properties load(String name) throws Exception {
        var p = new Properties();
        try (var in = new InputStreamReader(AlertMessagesTest.class.getResourceAsStream("/i18n/" + name),
                StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    @Test
    void englishAndGermanHaveTheSameKeys() throws Exception {
        var en = load("alerts.properties");
        var de = load("alerts_de.properties");
        assertThat(de.stringPropertyNames()).isEqualTo(en.stringPropertyNames());
        assertThat(en.stringPropertyNames()).contains("timeline.event.alerts.opened.critical",
                "timeline.event.alerts.opened.threshold", "timeline.event.alerts.attached",
                "timeline.event.alerts.all-resolved", "timeline.event.alerts.change");
        assertThat(de.getProperty("alert.status.ACKNOWLEDGED")).isEqualTo("Bestätigt");
    }

    @Test
    void everyKindOfHistoryEntryHasItsMessage() throws Exception {
        var en = load("alerts.properties");
        for (var kind : io.tocsin.alerts.internal.AlertHistoryKind.values()) {
            assertThat(en.getProperty("alert.event." + kind.name())).as(kind.name()).isNotBlank();
        }
    }
}
