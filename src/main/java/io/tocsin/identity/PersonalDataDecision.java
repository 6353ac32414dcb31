package io.tocsin.identity;

import java.util.List;

/**
 * Who sees a person's personal data, their e-mail address and phone number (issue 15 point 3, R16): a pure
 * decision, asked once per person shown. Read top to bottom:
 * <ol>
 * <li>the person themself always sees their own;</li>
 * <li>administrators see everyone's (they manage people and their contact methods);</li>
 * <li>stakeholders see nobody else's, whatever team they belong to and whatever role they hold on an incident;</li>
 * <li>a member sees it while the person is on call now in a schedule of a team the viewer belongs to (the
 * people the viewer would page for their own team's work);</li>
 * <li>a member sees it while they are paging the person about an open incident: the person was paged about it
 * (by escalation, or given a role there by someone else, which notifies them) and the viewer holds a role on it
 * (its incident manager, responders), or the viewer themself gave the person a role there;</li>
 * <li>otherwise nobody else: the viewer sees the name and pages the person through Tocsin, which reaches them
 * without revealing the number. A resolved incident ends it: the people it paged are strangers again.</li>
 * </ol>
 */
public final class PersonalDataDecision {

    /** Why the data is shown or hidden; {@link #shown()} says which. */
    public enum Verdict {
        SELF(true), ADMIN(true), ON_CALL_FOR_YOUR_TEAM(true), PAGED_BY_YOU(true), STAKEHOLDER(false),
        NOT_YOURS_TO_PAGE(false);

        private final boolean shown;

        Verdict(boolean shown) {
            this.shown = shown;
        }

        public boolean shown() {
            return shown;
        }
    }

    /**
     * What ties the viewer to the person on one incident, as the shell found it.
     *
     * @param incidentOpen whether the incident is still open (new or fixing)
     * @param personPaged whether the person was paged about it, or given a role on it by someone else
     * @param viewerHoldsRole whether the viewer holds a role on it now
     * @param viewerAddedPerson whether the viewer gave the person a role on it
     */
    public record IncidentTie(boolean incidentOpen, boolean personPaged, boolean viewerHoldsRole,
            boolean viewerAddedPerson) {

        /** Whether the viewer is paging the person through this incident. */
        boolean paging() {
            return incidentOpen && (personPaged && viewerHoldsRole || viewerAddedPerson);
        }
    }

    private PersonalDataDecision() {
    }

    /**
     * @param viewerRole the viewer's organisation role
     * @param self whether the viewer is the person
     * @param onCallNowForViewersTeam whether the person is on call now in a schedule of a team the viewer belongs to
     * @param ties what ties viewer and person on each incident they share (empty: none)
     */
    public static Verdict decide(Role viewerRole, boolean self, boolean onCallNowForViewersTeam,
            List<IncidentTie> ties) {
        if (self) {
            return Verdict.SELF;
        }
        if (viewerRole == Role.ADMIN) {
            return Verdict.ADMIN;
        }
        if (viewerRole == Role.STAKEHOLDER) {
            return Verdict.STAKEHOLDER;
        }
        if (onCallNowForViewersTeam) {
            return Verdict.ON_CALL_FOR_YOUR_TEAM;
        }
        return ties.stream().anyMatch(IncidentTie::paging) ? Verdict.PAGED_BY_YOU : Verdict.NOT_YOURS_TO_PAGE;
    }
}
