package io.tocsin.assist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import io.tocsin.assist.internal.CatchUpFallback;
import io.tocsin.assist.internal.CatchUpFallback.Entry;
import io.tocsin.incidents.TimelineEntryKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The catch-up without a model (issue 18 point 3, R32): which timeline entries are key, and the text in English
 * and German from the latest update, the roles and those entries.
 */
class CatchUpFallbackTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static CatchUpFallback.Words words(Locale locale) {
        var source = new ResourceBundleMessageSource();
        source.setBasename("i18n/assist");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return (code, args) -> source.getMessage(code, args, locale);
    }

    /** Kinds one per minute from T0, e.g. "S D N O C D D E"; the ids of the chosen entries in order. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            S                    | 1
            N                    | 1
            S S S S              | 3 4
            D D D D D D          | 3 4 5 6
            D C D C              | 1 2 3 4
            O T E N              | 3 4
            S D N O C D D E S    | 1 2 4 5 6 7 8 9
            N N N D S            | 2 3 4 5
            """)
    void keyEntriesAreTheNewestDecisionsThenOtherPeopleThenTocsin(String kinds, String expected) {
        var entries = new ArrayList<Entry>();
        int id = 1;
        for (String k : kinds.split(" ")) {
            var kind = switch (k) {
                case "S" -> TimelineEntryKind.SYSTEM;
                case "D" -> TimelineEntryKind.DECISION;
                case "C" -> TimelineEntryKind.CHANGE;
                case "O" -> TimelineEntryKind.OBSERVATION;
                case "T" -> TimelineEntryKind.THEORY;
                case "E" -> TimelineEntryKind.EXPERIMENT;
                default -> TimelineEntryKind.NOTE;
            };
            entries.add(new Entry(id, T0.plusSeconds(60L * id), kind, "Ann", "entry " + id));
            id++;
        }
        assertThat(CatchUpFallback.keyEntries(entries).stream().map(e -> String.valueOf(e.id())).toList())
                .isEqualTo(List.of(expected.split(" ")));
    }

    private static CatchUpFallback.Facts facts(boolean withUpdate, boolean withRoles) {
        var roles = new LinkedHashMap<String, List<String>>();
        roles.put("Incident manager", withRoles ? List.of("Mia") : List.of());
        roles.put("Technical lead", withRoles ? List.of("Leo", "Lou") : List.of());
        var update = withUpdate ? new CatchUpFallback.Update(T0.plusSeconds(1800), "Mia", "[INC-7] Update",
                "Card payments fail.\nRollback started.") : null;
        return new CatchUpFallback.Facts("INC-7", 2, "Fixing", "Checkout fails", T0, update, roles,
                List.of(new Entry(1, T0.plusSeconds(600), TimelineEntryKind.DECISION, "Leo", "Roll back\nnow"),
                        new Entry(2, T0.plusSeconds(60), TimelineEntryKind.SYSTEM, null, "Declared")));
    }

    @Test
    void englishWithUpdateAndRoles() {
        String text = CatchUpFallback.write(facts(true, true), T0.plusSeconds(3900), Locale.ENGLISH, ZoneId.of("UTC"),
                words(Locale.ENGLISH));
        assertThat(text).isEqualTo("""
                INC-7 · severity 2 · Fixing: Checkout fails (declared at 09:00, 1 h 5 min ago)
                Roles: Incident manager: Mia; Technical lead: Leo, Lou
                Latest update (09:30, Mia): [INC-7] Update. Card payments fail. Rollback started.
                Key timeline entries:
                - 09:01 Tocsin: Declared
                - 09:10 Decision (Leo): Roll back now""");
    }

    @Test
    void germanWithoutUpdateOrRolesInTheReadersZone() {
        String text = CatchUpFallback.write(facts(false, false), T0.plusSeconds(600), Locale.GERMAN,
                ZoneId.of("Europe/Berlin"), words(Locale.GERMAN));
        assertThat(text).startsWith("INC-7 · Schweregrad 2 · Fixing: Checkout fails (ausgerufen um 10:00, vor 10 min)")
                .contains("Noch hat niemand eine Rolle übernommen.")
                .contains("Es wurde noch keine Mitteilung veröffentlicht.")
                .contains("- 10:10 Entscheidung (Leo): Roll back now");
    }
}
