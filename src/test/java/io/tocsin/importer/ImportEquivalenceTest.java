package io.tocsin.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tocsin.support.Api;
import io.tocsin.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The proof of equivalence end to end (issue 20 point 4, R9): after an import from each fake, who is on call per
 * the source's own final schedule (Opsgenie's timeline, PagerDuty's rendered schedule entries) against Tocsin's
 * plan, every 15 minutes for 8 weeks across the 2027 daylight-saving changes in New York, Berlin and Sydney: no
 * difference for every schedule mapped exactly; the approximate ones listed with their reason and where they
 * differ.
 */
class ImportEquivalenceTest extends IntegrationTest {

    private static final String FROM = "2027-03-01T00:00:00Z";
    /** 8 weeks of 15-minute instants. */
    private static final int INSTANTS = 8 * 7 * 24 * 4;

    @Autowired
    private ImportFakes fakes;

    @BeforeEach
    void resetFakes() {
        fakes.reset();
    }

    @Test
    void opsgenieSchedulesAgreeForEightWeeksExceptTheOverlappingOne() {
        var api = admin();
        importFrom(api, "OPSGENIE", FakeOpsgenie.KEY);
        var check = check(api, "OPSGENIE", FakeOpsgenie.KEY);
        assertThat(check.get("from").asString()).isEqualTo(FROM);
        assertThat(check.get("to").asString()).isEqualTo("2027-04-26T00:00:00Z");
        var bySchedule = bySource(check);
        for (String exact : new String[] {"og-sched-fts", "og-sched-pay", "og-sched-sec"}) {
            assertThat(bySchedule.get(exact).get("fidelity").asString()).isEqualTo("EXACT");
            assertThat(bySchedule.get(exact).get("instants").asInt()).isEqualTo(INSTANTS);
            assertThat(bySchedule.get(exact).get("differences").asInt()).as(exact).isZero();
        }
        var shadowing = bySchedule.get("og-sched-db");
        assertThat(shadowing.get("fidelity").asString()).isEqualTo("APPROXIMATE");
        assertThat(shadowing.get("reasons").get(0).asString()).isEqualTo("rotations 'Primary' and 'Shadow' overlap"
                + " (from Monday 09:00): Opsgenie puts both on call, Tocsin only the later one ('Shadow')");
        assertThat(shadowing.get("differences").asInt()).isPositive();
        var first = shadowing.get("firstDifferences").get(0);
        assertThat(first.get("source")).hasSize(2);
        assertThat(first.get("tocsin").get(0).asString()).isEqualTo("Hana Kim");
    }

    @Test
    void pagerDutySchedulesAgreeForEightWeeksExceptTheNinetyMinuteOne() {
        var api = admin();
        importFrom(api, "PAGERDUTY", FakePagerDuty.KEY);
        var bySchedule = bySource(check(api, "PAGERDUTY", FakePagerDuty.KEY));
        for (String exact : new String[] {"PSFTS", "PSPAY", "PSSEC"}) {
            assertThat(bySchedule.get(exact).get("fidelity").asString()).isEqualTo("EXACT");
            assertThat(bySchedule.get(exact).get("instants").asInt()).isEqualTo(INSTANTS);
            assertThat(bySchedule.get(exact).get("differences").asInt()).as(exact).isZero();
        }
        var drills = bySchedule.get("PSODD");
        assertThat(drills.get("fidelity").asString()).isEqualTo("APPROXIMATE");
        assertThat(drills.get("reasons").get(0).asString()).isEqualTo(
                "layer 'Drills' has turns of 5400 s; Tocsin counts whole hours (2 h)");
        assertThat(drills.get("differences").asInt()).isPositive();
    }

    @Test
    void aCheckNeedsAKeyAndSaneWeeks() {
        var api = admin();
        api.post("/api/v1/imports/check", Map.of("source", "OPSGENIE", "apiKey", FakeOpsgenie.KEY, "weeks", 13))
                .expect(422);
        var wrongKey = api.post("/api/v1/imports/check", Map.of("source", "PAGERDUTY", "apiKey", "nope")).expect(422);
        assertThat(wrongKey.body()).contains("apiKey");
    }

    private static void importFrom(Api api, String source, String key) {
        api.post("/api/v1/imports", Map.of("source", source, "apiKey", key, "dryRun", false)).expect(200);
    }

    private static JsonNode check(Api api, String source, String key) {
        return api.post("/api/v1/imports/check", Map.of("source", source, "apiKey", key, "from", FROM, "weeks", 8))
                .expect(200).json();
    }

    private static Map<String, JsonNode> bySource(JsonNode check) {
        var out = new LinkedHashMap<String, JsonNode>();
        check.get("schedules").forEach(s -> out.put(s.get("sourceId").asString(), s));
        return out;
    }
}
