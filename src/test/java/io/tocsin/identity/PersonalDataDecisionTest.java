package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tocsin.identity.PersonalDataDecision.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 15 point 3 (R16): who sees a person's e-mail address and phone number, as a table. */
class PersonalDataDecisionTest {

    @ParameterizedTest(name = "{0}, self={1}, on call for viewer's team={2} -> {3}")
    @CsvSource({
            // viewer,   self,  on call, verdict
            "ADMIN,       false, false,   ADMIN",
            "ADMIN,       true,  false,   SELF",
            "ADMIN,       false, true,    ADMIN",
            "RESPONDER,   true,  false,   SELF",
            "RESPONDER,   false, true,    ON_CALL_FOR_YOUR_TEAM",
            "RESPONDER,   false, false,   NOT_ON_CALL_FOR_YOUR_TEAM",
            "STAKEHOLDER, true,  false,   SELF",
            "STAKEHOLDER, false, true,    STAKEHOLDER",
            "STAKEHOLDER, false, false,   STAKEHOLDER" })
    void decides(Role viewer, boolean self, boolean onCall, Verdict expected) {
        var verdict = PersonalDataDecision.decide(viewer, self, onCall);
        assertThat(verdict).isEqualTo(expected);
        assertThat(verdict.shown()).isEqualTo(expected != Verdict.STAKEHOLDER
                && expected != Verdict.NOT_ON_CALL_FOR_YOUR_TEAM);
    }
}
