package io.tocsin.identity;

import java.util.Optional;

/**
 * Who may act on a team's own things (issue 15 point 2, R15, R16): a pure decision, the one every configuration
 * endpoint asks (through {@link TeamAccess}) and {@code PermissionMatrix} names. Read top to bottom:
 * <ol>
 * <li>administrators may do everything;</li>
 * <li>stakeholders configure nothing and take no shifts, whatever team role they hold (organisation role first);</li>
 * <li>a thing no team owns (a policy made before policies had teams, a service without an owning team, the IMOC
 * marker) is the organisation's: only administrators configure it, any member responds in it;</li>
 * <li>otherwise the caller's role in the owning team decides: a manager configures and responds, a responder
 * responds, an observer or someone outside the team (another team's manager, a service account) neither.</li>
 * </ol>
 * Reading is not decided here: it stays open to everyone signed in.
 */
public final class TeamAccessDecision {

    /** The outcome; {@code reason} says in words why not (empty when allowed). */
    public record Verdict(boolean allowed, String reason) {

        static Verdict yes() {
            return new Verdict(true, "");
        }

        static Verdict no(String reason) {
            return new Verdict(false, reason);
        }
    }

    private TeamAccessDecision() {
    }

    /**
     * @param orgRole the caller's organisation role
     * @param needed what the request needs
     * @param owned whether a team owns the thing
     * @param roleInOwningTeam the caller's role in the owning team, empty if not a member (or not owned)
     */
    public static Verdict decide(Role orgRole, TeamPermission needed, boolean owned,
            Optional<TeamRole> roleInOwningTeam) {
        if (orgRole == Role.ADMIN) {
            return Verdict.yes();
        }
        if (orgRole == Role.STAKEHOLDER) {
            return Verdict.no("stakeholders read; this needs a member who is " + article(needed.least())
                    + " of the owning team");
        }
        if (!owned) {
            return needed == TeamPermission.CONFIGURE
                    ? Verdict.no("no team owns it, so only administrators configure it")
                    : Verdict.yes();
        }
        if (roleInOwningTeam.isEmpty()) {
            return Verdict.no("you are not a member of the owning team; it needs " + article(needed.least())
                    + " there");
        }
        var role = roleInOwningTeam.get();
        return role.includes(needed.least()) ? Verdict.yes()
                : Verdict.no("you are " + article(role) + " of the owning team; it needs " + article(needed.least()));
    }

    private static String article(TeamRole role) {
        String name = role.name().toLowerCase(java.util.Locale.ROOT);
        return (role == TeamRole.OBSERVER ? "an " : "a ") + name;
    }
}
