package io.tocsin.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tocsin.identity.PersonalDataDecision.IncidentTie;
import io.tocsin.identity.PersonalDataDecision.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 15 point 3 (R16): who sees a person's e-mail address and phone number, as a table. The tie columns describe
 * one incident viewer and person share ({@code -} for none): open, person paged (or given a role by someone else),
 * viewer holds a role, viewer gave the person a role.
 */
class PersonalDataDecisionTest {

    @ParameterizedTest(name = "{0}, self={1}, on call for viewer's team={2}, tie={3}{4}{5}{6} -> {7}")
    @CsvSource({
            // viewer,   self,  on call, open, paged, holds, added, verdict
            "ADMIN,       false, false,   -,    -,     -,     -,     ADMIN",
            "ADMIN,       true,  false,   -,    -,     -,     -,     SELF",
            "ADMIN,       false, true,    -,    -,     -,     -,     ADMIN",
            "ADMIN,       false, false,   false, false, false, false, ADMIN",
            "RESPONDER,   true,  false,   -,    -,     -,     -,     SELF",
            "RESPONDER,   true,  false,   false, false, false, false, SELF",
            "RESPONDER,   false, true,    -,    -,     -,     -,     ON_CALL_FOR_YOUR_TEAM",
            "RESPONDER,   false, true,    false, false, false, false, ON_CALL_FOR_YOUR_TEAM",
            "RESPONDER,   false, false,   -,    -,     -,     -,     NOT_YOURS_TO_PAGE",
            // every tie on an open incident
            "RESPONDER,   false, false,   true, true,  true,  true,  PAGED_BY_YOU",
            "RESPONDER,   false, false,   true, true,  true,  false, PAGED_BY_YOU",
            "RESPONDER,   false, false,   true, true,  false, true,  PAGED_BY_YOU",
            "RESPONDER,   false, false,   true, true,  false, false, NOT_YOURS_TO_PAGE",
            "RESPONDER,   false, false,   true, false, true,  true,  PAGED_BY_YOU",
            "RESPONDER,   false, false,   true, false, true,  false, NOT_YOURS_TO_PAGE",
            "RESPONDER,   false, false,   true, false, false, true,  PAGED_BY_YOU",
            "RESPONDER,   false, false,   true, false, false, false, NOT_YOURS_TO_PAGE",
            // and on a resolved or closed one: nothing
            "RESPONDER,   false, false,   false, true,  true,  true,  NOT_YOURS_TO_PAGE",
            "RESPONDER,   false, false,   false, true,  true,  false, NOT_YOURS_TO_PAGE",
            "RESPONDER,   false, false,   false, true,  false, true,  NOT_YOURS_TO_PAGE",
            "RESPONDER,   false, false,   false, true,  false, false, NOT_YOURS_TO_PAGE",
            "RESPONDER,   false, false,   false, false, true,  true,  NOT_YOURS_TO_PAGE",
            "RESPONDER,   false, false,   false, false, true,  false, NOT_YOURS_TO_PAGE",
            "RESPONDER,   false, false,   false, false, false, true,  NOT_YOURS_TO_PAGE",
            "RESPONDER,   false, false,   false, false, false, false, NOT_YOURS_TO_PAGE",
            // stakeholders never, even holding a role on an incident that paged the person
            "STAKEHOLDER, true,  false,   -,    -,     -,     -,     SELF",
            "STAKEHOLDER, false, true,    -,    -,     -,     -,     STAKEHOLDER",
            "STAKEHOLDER, false, false,   -,    -,     -,     -,     STAKEHOLDER",
            "STAKEHOLDER, false, false,   true, true,  true,  true,  STAKEHOLDER",
            "STAKEHOLDER, false, false,   true, true,  true,  false, STAKEHOLDER",
            "STAKEHOLDER, false, false,   true, false, false, true,  STAKEHOLDER" })
    void decides(Role viewer, boolean self, boolean onCall, String open, String paged, String holds, String added,
            Verdict expected) {
        List<IncidentTie> ties = open.equals("-") ? List.of()
                : List.of(new IncidentTie(Boolean.parseBoolean(open), Boolean.parseBoolean(paged),
                        Boolean.parseBoolean(holds), Boolean.parseBoolean(added)));
        var verdict = PersonalDataDecision.decide(viewer, self, onCall, ties);
        assertThat(verdict).isEqualTo(expected);
        assertThat(verdict.shown()).isEqualTo(expected != Verdict.STAKEHOLDER && expected != Verdict.NOT_YOURS_TO_PAGE);
    }

    /** One incident that pages the person is enough, however many others tie them without paging. */
    @Test
    void anyIncidentOnWhichTheViewerPagesThePersonShowsIt() {
        var resolved = new IncidentTie(false, true, true, true);
        var notPaged = new IncidentTie(true, false, true, false);
        var paging = new IncidentTie(true, true, true, false);
        assertThat(PersonalDataDecision.decide(Role.RESPONDER, false, false, List.of(resolved, notPaged)))
                .isEqualTo(Verdict.NOT_YOURS_TO_PAGE);
        assertThat(PersonalDataDecision.decide(Role.RESPONDER, false, false, List.of(resolved, notPaged, paging)))
                .isEqualTo(Verdict.PAGED_BY_YOU);
    }
}
