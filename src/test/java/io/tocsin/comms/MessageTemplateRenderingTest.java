package io.tocsin.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tocsin.comms.internal.TextTemplateRenderer;
import org.junit.jupiter.api.Test;

/** The built-in message templates (R23, R25) rendered in English and German, and the guard on edited ones. */
class MessageTemplateRenderingTest {

    private final TextTemplateRenderer renderer = new TextTemplateRenderer();

    private String[] render(UpdateAudience audience, UpdateKind kind, String lang, Map<String, Object> vars) {
        var template = MessageTemplates.builtIn(audience, kind, lang);
        var locale = Locale.forLanguageTag(lang);
        return new String[] {renderer.render(template.title(), vars, locale).strip(),
                renderer.render(template.body(), vars, locale).strip()};
    }

    @Test
    void initialInternalMessageInvestigatesTheServiceInBothLanguages() {
        var vars = MessageTemplates.sampleVariables();
        var en = render(UpdateAudience.INTERNAL, UpdateKind.INITIAL, "en", vars);
        assertThat(en[0]).isEqualTo("Investigating an incident in payments");
        assertThat(en[1]).startsWith("We are currently investigating an incident that customers cannot pay by card,"
                + " affecting Web Shop. We will provide updates by e-mail and on the internal status page shortly.")
                .contains("Chat room: inc-1").contains("Next update: 15:30 UTC");

        var de = render(UpdateAudience.INTERNAL, UpdateKind.INITIAL, "de", vars);
        assertThat(de[0]).isEqualTo("Untersuchung eines Vorfalls bei payments");
        assertThat(de[1]).startsWith("Wir untersuchen derzeit einen Vorfall, der customers cannot pay by card, und Web Shop"
                + " betrifft. In Kürze veröffentlichen wir aktuelle Informationen per E-Mail und auf der internen Statusseite.")
                .contains("Chatraum: inc-1");
    }

    @Test
    void initialExternalMessageIsTheShortHandbookText() {
        var vars = MessageTemplates.sampleVariables();
        assertThat(render(UpdateAudience.EXTERNAL, UpdateKind.INITIAL, "en", vars)[1])
                .isEqualTo("We are investigating issues with Web Shop and will provide updates here shortly.");
        assertThat(render(UpdateAudience.EXTERNAL, UpdateKind.INITIAL, "de", vars)[1])
                .isEqualTo("Wir untersuchen derzeit Probleme bei Web Shop und werden hier in Kürze aktuelle Informationen zur Verfügung stellen.");
    }

    @Test
    void followUpHasTheFixedShapeAndSaysHonestlyWhatIsNotKnown() {
        var vars = MessageTemplates.sampleVariables();
        var en = render(UpdateAudience.INTERNAL, UpdateKind.FOLLOW_UP, "en", vars)[1];
        assertThat(en).isEqualTo("""
                Card payments fail for all customers.

                Current status:
                - Errors since 14:02
                - Rollback started

                Next steps:
                - Finish the rollback
                - Watch error rates

                Impact on customers: customers cannot pay by card
                Affected: all customers
                Root cause: not known yet
                Expected recovery: within the hour

                Next update: 15:30 UTC, by e-mail and on the internal status page.
                Chat room: inc-1""");
        var de = render(UpdateAudience.INTERNAL, UpdateKind.FOLLOW_UP, "de", vars)[1];
        assertThat(de).contains("Aktueller Status:\n- Errors since 14:02\n- Rollback started")
                .contains("Nächste Schritte:\n- Finish the rollback").contains("Ursache: noch nicht bekannt")
                .contains("Nächste Aktualisierung: 15:30 UTC");
    }

    @Test
    void finalMessageStatesImpactDurationTicketsFiguresAndNoFurtherUpdates() {
        var vars = new HashMap<>(MessageTemplates.sampleVariables());
        vars.put("rootCause", "an expired certificate");
        var en = render(UpdateAudience.INTERNAL, UpdateKind.FINAL, "en", vars);
        assertThat(en[0]).isEqualTo("Resolved: incident in payments");
        assertThat(en[1]).contains("Duration: 1 h 5 min").contains("Support tickets: 12")
                .contains("Key figures: 9% failed checkouts").contains("Root cause: an expired certificate")
                .contains("There will be no further updates");
        var de = render(UpdateAudience.INTERNAL, UpdateKind.FINAL, "de", vars);
        assertThat(de[1]).contains("Dauer: 1 h 5 min").contains("Supporttickets: 12")
                .contains("Wichtige Zahlen: 9% failed checkouts").contains("keine weiteren Mitteilungen");
        assertThat(render(UpdateAudience.EXTERNAL, UpdateKind.FINAL, "en", vars)[1])
                .contains("The service has been restored");
        vars.put("keyFigures", null);
        assertThat(render(UpdateAudience.INTERNAL, UpdateKind.FINAL, "en", vars)[1]).doesNotContain("Key figures");
    }

    @Test
    void everyBuiltInTemplateRendersInBothLanguages() {
        for (var audience : UpdateAudience.values()) {
            for (var kind : UpdateKind.values()) {
                for (var lang : List.of("en", "de")) {
                    var out = render(audience, kind, lang, MessageTemplates.sampleVariables());
                    assertThat(out[0]).as(audience + " " + kind + " " + lang).isNotBlank().doesNotContain("${");
                    assertThat(out[1]).as(audience + " " + kind + " " + lang).isNotBlank().doesNotContain("${");
                }
            }
        }
    }

    @Test
    void editedTemplatesMayOnlyReadVariables() {
        var vars = MessageTemplates.sampleVariables();
        assertThat(renderer.render("[(${key})] in [(${service})]", vars, Locale.ENGLISH)).isEqualTo("INC-1 in payments");
        assertThatThrownBy(() -> renderer.render("[(${T(java.lang.Runtime).getRuntime()})]", vars, Locale.ENGLISH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only variables");
        assertThatThrownBy(() -> renderer.render("[(${@environment})]", vars, Locale.ENGLISH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> renderer.render("[# th:each=\"x : ${nextSteps}\"]unclosed", vars, Locale.ENGLISH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
