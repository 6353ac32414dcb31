package io.tocsin.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import io.tocsin.identity.Actor;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.Identity;
import io.tocsin.identity.PrincipalLoader;
import io.tocsin.identity.TocsinPrincipal;
import io.tocsin.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a provider's word about a person into a Tocsin user (issue 15 point 1): the account linked to the
 * provider's subject; at the first login an account made from the claims (or, when the provider vouches for the
 * address with {@code email_verified}, the existing account with that e-mail linked); then, at every login, the
 * organisation role and the mapped teams follow the groups claim. Every step is in the audit log.
 */
@Component
class SsoProvisioning {

    private static final Logger log = LoggerFactory.getLogger(SsoProvisioning.class);

    private final Identity identity;
    private final PrincipalLoader principals;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    SsoProvisioning(Identity identity, PrincipalLoader principals, AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.identity = identity;
        this.principals = principals;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Why a login through the provider is refused; the message is for the audit log, not for the page. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    @Transactional
    TocsinPrincipal provision(String providerId, SsoSettings.Provider provider, String issuer,
            Map<String, Object> claims, String from) {
        SsoClaims.Person person;
        try {
            person = SsoClaims.read(provider, claims);
        } catch (SsoClaims.Unusable e) {
            throw new Refused(e.getMessage());
        }
        var system = new Actor(null, "SSO " + providerId);
        User user = linkedUser(providerId, person.subject()).orElse(null);
        if (user == null) {
            var existing = identity.findByEmail(person.email());
            if (existing.isPresent()) {
                if (!person.emailVerified()) {
                    throw new Refused("an account with " + person.email() + " exists and the provider does not say"
                            + " the address is verified (email_verified), so it is not linked");
                }
                user = existing.get();
                link(providerId, issuer, person.subject(), user.id());
                audit.record(user.asActor(), "sso.linked", "user", user.id(), "provider " + providerId + ", subject "
                        + person.subject() + ", verified e-mail " + person.email() + ", from " + from);
            } else {
                if (!provider.isCreateUsers()) {
                    throw new Refused("no account for " + person.email() + " and the provider may not create one");
                }
                user = identity.createUser(new Identity.NewUser(person.name(), person.email(), person.timeZone(),
                        person.locale(), person.role(), null));
                link(providerId, issuer, person.subject(), user.id());
                audit.record(user.asActor(), "sso.user-provisioned", "user", user.id(), "provider " + providerId
                        + ", subject " + person.subject() + ": " + person.name() + " <" + person.email() + ">, "
                        + person.locale() + ", " + person.timeZone() + ", " + person.role() + ", groups "
                        + SsoClaims.sorted(person.groups()) + ", from " + from);
                log.info("Single sign-on created the account {} (provider {})", person.email(), providerId);
            }
        } else {
            jdbc.sql("update sso_identity set last_login_at = ? where provider = ? and subject = ?")
                    .params(Timestamp.from(clock.instant()), providerId, person.subject()).update();
        }
        if (!user.active()) {
            throw new Refused("the account " + user.email() + " is deactivated");
        }
        if (person.roleMapped() && user.role() != person.role()) {
            audit.record(system, "sso.role-synced", "user", user.id(), "groups " + SsoClaims.sorted(person.groups())
                    + ": before: " + user.role() + "; after: " + person.role());
            identity.changeRole(user.id(), person.role());
        }
        syncTeams(providerId, user, person, system);
        return principals.byId(user.id()).orElseThrow();
    }

    /** The mapped teams follow the groups: joined with the mapped role, the role changed, or left. */
    private void syncTeams(String providerId, User user, SsoClaims.Person person, Actor system) {
        for (String teamName : person.managedTeams()) {
            var wanted = person.teams().get(teamName);
            var team = identity.findTeamByName(teamName).orElse(null);
            if (team == null) {
                if (wanted == null) {
                    continue;
                }
                team = identity.createTeam(teamName, "Created by single sign-on (" + providerId + ")");
            }
            var current = team.roleOf(user.id());
            if (wanted != null && current.orElse(null) != wanted) {
                // As for leaving: the provider decides, and a team left reaching nobody is audited (issue 15 point 2).
                identity.putMember(team.id(), user.id(), wanted, true);
                audit.record(system, "sso.team-synced", "team", team.id(), user.email() + " in groups "
                        + SsoClaims.sorted(person.groups()) + ": before: " + current.map(Enum::name).orElse("not a member")
                        + "; after: " + wanted);
            } else if (wanted == null && current.isPresent()) {
                // The provider's groups decide; a team left reaching nobody is still audited (issue 15 point 2).
                identity.removeMember(team.id(), user.id(), true);
                audit.record(system, "sso.team-synced", "team", team.id(), user.email() + " in groups "
                        + SsoClaims.sorted(person.groups()) + ": before: " + current.get() + "; after: not a member");
            }
        }
    }

    private java.util.Optional<User> linkedUser(String providerId, String subject) {
        return jdbc.sql("select user_id from sso_identity where provider = ? and subject = ?")
                .params(providerId, subject).query(UUID.class).optional().flatMap(identity::findUser);
    }

    private void link(String providerId, String issuer, String subject, UUID userId) {
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into sso_identity (provider, issuer, subject, user_id, created_at, last_login_at)
                values (?, ?, ?, ?, ?, ?)""").params(providerId, issuer, subject, userId, now, now).update();
    }
}
