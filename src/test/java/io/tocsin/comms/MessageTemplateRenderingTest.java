package io.tocsin.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tocsin.comms.internal.MessageVariables;
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

    /** What people really type: trailing stops and semicolons, dashes before bullets, several products, gaps. */
    private static Map<String, Object> typed(String lang, List<String> products, String nextUpdate) {
        var locale = Locale.forLanguageTag(lang);
        return MessageVariables.of(new MessageVariables.Facts("INC-7", "Card payments fail", 2, "Major", "payments-api",
                products, "inc-7", "https://tocsin.example/incidents/INC-7/status-document",
                "card payments fail for EU customers", "EU customers cannot pay by card; about 1,200 affected.",
                "1,200 customers in the EU.", null, "within the hour.", List.of("- Errors since 14:02.", "* Rollback started;"),
                List.of("Finish the rollback", ""), nextUpdate, "1 h 5 min", 12, "9 % failed checkouts."), locale);
    }

    @Test
    void initialInternalMessageReadsAsSentencesWhateverWasTypedInBothLanguages() {
        var en = render(UpdateAudience.INTERNAL, UpdateKind.INITIAL, "en", typed("en", List.of("Web Shop", "Mobile App"),
                "15:30 UTC"));
        assertThat(en[0]).isEqualTo("Investigating an incident in payments-api");
        assertThat(en[1]).isEqualTo("""
                We are investigating an incident in payments-api that affects Web Shop and Mobile App.
                Impact on customers: EU customers cannot pay by card; about 1,200 affected
                Affected: 1,200 customers in the EU

                Card payments fail for EU customers.

                We will keep you informed by e-mail and on the internal status page. Next update: 15:30 UTC.
                Chat room: inc-7 · Status document: https://tocsin.example/incidents/INC-7/status-document""");

        var de = render(UpdateAudience.INTERNAL, UpdateKind.INITIAL, "de", typed("de", List.of("Web-Shop", "App",
                "Partner-API"), "15:30 UTC"));
        assertThat(de[0]).isEqualTo("Untersuchung eines Vorfalls bei payments-api");
        assertThat(de[1]).startsWith("""
                Wir untersuchen einen Vorfall bei payments-api, der Web-Shop, App und Partner-API betrifft.
                Auswirkungen auf Kunden: EU customers cannot pay by card; about 1,200 affected
                Betroffen: 1,200 customers in the EU""")
                .contains("\nWir informieren Sie per E-Mail und auf der internen Statusseite. Nächste Aktualisierung: 15:30 UTC.\n");
    }

    @Test
    void initialInternalMessageLeavesOutWhatNobodyKnows() {
        var facts = new MessageVariables.Facts("INC-8", "Login slow", 3, "Minor", "auth", List.of(), "inc-8", "https://x/8",
                "", " ", null, null, null, List.of(), List.of(), null, "0 min", 0, null);
        var en = render(UpdateAudience.INTERNAL, UpdateKind.INITIAL, "en", MessageVariables.of(facts, Locale.ENGLISH));
        assertThat(en[1]).isEqualTo("""
                We are investigating an incident in auth.

                We will keep you informed by e-mail and on the internal status page.
                Chat room: inc-8 · Status document: https://x/8""");
        var de = render(UpdateAudience.INTERNAL, UpdateKind.INITIAL, "de", MessageVariables.of(facts, Locale.GERMAN));
        assertThat(de[1]).startsWith("Wir untersuchen einen Vorfall bei auth.\n\nWir informieren Sie per E-Mail");
        var followUp = render(UpdateAudience.INTERNAL, UpdateKind.FOLLOW_UP, "en", MessageVariables.of(facts, Locale.ENGLISH))[1];
        assertThat(followUp).startsWith("No new summary.\n\nImpact on customers: not known yet")
                .contains("Updates follow by e-mail and on the internal status page.").doesNotContain("Current status");
    }

    /** Issue 13: what people type under stress, in both languages: ellipses, semicolons, numbered and blank bullets. */
    @Test
    void followUpWithPunctuationHeavyValuesReadsAsWholeSentencesInBothLanguages() {
        var de = render(UpdateAudience.INTERNAL, UpdateKind.FOLLOW_UP, "de", MessageVariables.of(heavy("Hoch"),
                Locale.GERMAN));
        assertThat(de[0]).isEqualTo("Aktueller Stand zum Vorfall bei payments-api");
        assertThat(de[1]).isEqualTo("""
                Kartenzahlungen schlagen seit 14:02 fehl...

                Aktueller Stand:
                - Rollback läuft
                - Acquirer informiert

                Nächste Schritte:
                - Zertifikat erneuern
                - Monitoring prüfen!

                Auswirkungen auf Kunden: Kunden in der EU können nicht mit Karte zahlen
                Betroffen: ca. 1.200 Kunden
                Ursache: Zertifikat abgelaufen?!
                Voraussichtliche Behebung: bis 16:00 Uhr

                Nächste Aktualisierung: 16:30 MEZ, per E-Mail und auf der internen Statusseite.
                Chatraum: inc-9""");
        var en = render(UpdateAudience.INTERNAL, UpdateKind.FOLLOW_UP, "en", MessageVariables.of(heavy("Major"),
                Locale.ENGLISH));
        assertThat(en[1]).isEqualTo("""
                Kartenzahlungen schlagen seit 14:02 fehl...

                Current status:
                - Rollback läuft
                - Acquirer informiert

                Next steps:
                - Zertifikat erneuern
                - Monitoring prüfen!

                Impact on customers: Kunden in der EU können nicht mit Karte zahlen
                Affected: ca. 1.200 Kunden
                Root cause: Zertifikat abgelaufen?!
                Expected recovery: bis 16:00 Uhr

                Next update: 16:30 MEZ, by e-mail and on the internal status page.
                Chat room: inc-9""");
    }

    private static MessageVariables.Facts heavy(String severityLabel) {
        return new MessageVariables.Facts("INC-9", "Kartenzahlung", 2, severityLabel, "payments-api", List.of("Web-Shop"),
                "inc-9", "https://x/9", "kartenzahlungen schlagen seit 14:02 fehl...",
                "Kunden in der EU können nicht mit Karte zahlen;", "ca. 1.200 Kunden.", "Zertifikat abgelaufen?!",
                "bis 16:00 Uhr;", List.of("1. Rollback läuft.", "- Acquirer informiert;", "  "),
                List.of("• Zertifikat erneuern", "2) Monitoring prüfen!"), "16:30 MEZ", "1 h 5 min", 3, null);
    }

    @Test
    void initialExternalMessageIsTheShortHandbookText() {
        var vars = typed("en", List.of("Web Shop", "Mobile App"), null);
        assertThat(render(UpdateAudience.EXTERNAL, UpdateKind.INITIAL, "en", vars)[1])
                .isEqualTo("We are investigating issues with Web Shop and Mobile App and will provide updates here shortly.");
        assertThat(render(UpdateAudience.EXTERNAL, UpdateKind.INITIAL, "de", typed("de", List.of(), null))[1])
                .as("without products, the service").isEqualTo(
                        "Wir untersuchen derzeit Probleme bei payments-api und informieren Sie hier in Kürze über den weiteren Stand.");
    }

    @Test
    void externalFollowUpAndFinalAreWholeSentences() {
        var en = typed("en", List.of("Web Shop"), "15:30 UTC");
        assertThat(render(UpdateAudience.EXTERNAL, UpdateKind.FOLLOW_UP, "en", en)[1]).isEqualTo(
                "Card payments fail for EU customers. Expected recovery: within the hour. Next update: 15:30 UTC.");
        assertThat(render(UpdateAudience.EXTERNAL, UpdateKind.FINAL, "en", en)[1]).isEqualTo(
                "Card payments fail for EU customers. The service has been restored, and we are following up on the incident.");
        var de = typed("de", List.of("Web-Shop"), null);
        assertThat(render(UpdateAudience.EXTERNAL, UpdateKind.FOLLOW_UP, "de", de)[1]).isEqualTo(
                "Card payments fail for EU customers. Voraussichtliche Behebung: within the hour.");
        var nothing = MessageVariables.of(new MessageVariables.Facts("INC-9", "x", 3, "Minor", "search", List.of("Web-Shop"),
                "inc-9", "u", null, null, null, null, null, List.of(), List.of(), null, "1 min", 0, null), Locale.GERMAN);
        assertThat(render(UpdateAudience.EXTERNAL, UpdateKind.FOLLOW_UP, "de", nothing)[1])
                .isEqualTo("Wir arbeiten weiter an der Behebung der Probleme bei Web-Shop.");
        assertThat(render(UpdateAudience.EXTERNAL, UpdateKind.FINAL, "de", nothing)[1])
                .isEqualTo("Der Service ist wiederhergestellt; wir arbeiten den Vorfall nun nach.");
    }

    @Test
    void followUpHasTheFixedShapeAndSaysHonestlyWhatIsNotKnown() {
        var en = render(UpdateAudience.INTERNAL, UpdateKind.FOLLOW_UP, "en", typed("en", List.of("Web Shop"), "15:30 UTC"))[1];
        assertThat(en).isEqualTo("""
                Card payments fail for EU customers.

                Current status:
                - Errors since 14:02
                - Rollback started

                Next steps:
                - Finish the rollback

                Impact on customers: EU customers cannot pay by card; about 1,200 affected
                Affected: 1,200 customers in the EU
                Root cause: not known yet
                Expected recovery: within the hour

                Next update: 15:30 UTC, by e-mail and on the internal status page.
                Chat room: inc-7""");
        var de = render(UpdateAudience.INTERNAL, UpdateKind.FOLLOW_UP, "de", typed("de", List.of("Web-Shop"), "15:30 UTC"))[1];
        assertThat(de).contains("Aktueller Stand:\n- Errors since 14:02\n- Rollback started")
                .contains("Nächste Schritte:\n- Finish the rollback").contains("Ursache: noch nicht bekannt")
                .contains("Nächste Aktualisierung: 15:30 UTC, per E-Mail und auf der internen Statusseite.");
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
                .contains("Kennzahlen: 9% failed checkouts").contains("Weitere Aktualisierungen folgen nicht");
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
        assertThatThrownBy(() -> renderer.render("[(${new java.lang.ProcessBuilder('id').start()})]", vars, Locale.ENGLISH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("new java.lang.ProcessBuilder(");
        assertThatThrownBy(() -> renderer.render("[(${summary} + ')]' + ${new String('x')})]", vars, Locale.ENGLISH))
                .as("no hiding behind a quoted ')]'").isInstanceOf(IllegalArgumentException.class);
        assertThat(renderer.render("No new summary: a new update follows.", vars, Locale.ENGLISH))
                .as("the word new in a message is not code").isEqualTo("No new summary: a new update follows.");
        assertThatThrownBy(() -> renderer.render("[# th:each=\"x : ${nextSteps}\"]unclosed", vars, Locale.ENGLISH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
