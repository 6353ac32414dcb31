package io.tocsin.identity;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/**
 * Who is on call right now in the schedules of some teams, asked by {@link PersonalDataDecision}'s callers. The
 * on-call module answers it; identity declares it so that it need not depend on on-call (which depends on it).
 */
public interface OnCallNow {

    /** The people on call now in any schedule owned by one of the teams. */
    Set<UUID> inSchedulesOf(Collection<UUID> teamIds);
}
