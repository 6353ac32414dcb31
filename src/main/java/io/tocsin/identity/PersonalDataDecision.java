package io.tocsin.identity;

/**
 * Who sees a person's personal data, their e-mail address and phone number (issue 15 point 3, R16): a pure
 * decision, asked once per person shown. Read top to bottom:
 * <ol>
 * <li>the person themself always sees their own;</li>
 * <li>administrators see everyone's (they manage people and their contact methods);</li>
 * <li>stakeholders see nobody else's, whatever team they belong to;</li>
 * <li>a member sees it while the person is on call now in a schedule of a team the viewer belongs to (the
 * people the viewer would page for their own team's work);</li>
 * <li>otherwise nobody else: the viewer sees the name and pages the person through Tocsin, which reaches them
 * without revealing the number.</li>
 * </ol>
 */
public final class PersonalDataDecision {

    /** Why the data is shown or hidden; {@link #shown()} says which. */
    public enum Verdict {
        SELF(true), ADMIN(true), ON_CALL_FOR_YOUR_TEAM(true), STAKEHOLDER(false), NOT_ON_CALL_FOR_YOUR_TEAM(false);

        private final boolean shown;

        Verdict(boolean shown) {
            this.shown = shown;
        }

        public boolean shown() {
            return shown;
        }
    }

    private PersonalDataDecision() {
    }

    /**
     * @param viewerRole the viewer's organisation role
     * @param self whether the viewer is the person
     * @param onCallNowForViewersTeam whether the person is on call now in a schedule of a team the viewer belongs to
     */
    public static Verdict decide(Role viewerRole, boolean self, boolean onCallNowForViewersTeam) {
        if (self) {
            return Verdict.SELF;
        }
        if (viewerRole == Role.ADMIN) {
            return Verdict.ADMIN;
        }
        if (viewerRole == Role.STAKEHOLDER) {
            return Verdict.STAKEHOLDER;
        }
        return onCallNowForViewersTeam ? Verdict.ON_CALL_FOR_YOUR_TEAM : Verdict.NOT_ON_CALL_FOR_YOUR_TEAM;
    }
}
