package io.tocsin.identity;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Manages people and teams. Every change is audited with the acting user. */
@Component
@Transactional
public class Identity {

    public static final Set<String> SUPPORTED_LANGUAGES = Set.of("en", "de");
    static final int MIN_PASSWORD_LENGTH = 12;

    private final UserRepository users;
    private final TeamRepository teams;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final PeopleChangeGuard reach;

    Identity(UserRepository users, TeamRepository teams, PasswordEncoder passwords, AuditLog audit, Clock clock,
            PeopleChangeGuard reach) {
        this.users = users;
        this.teams = teams;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
        this.reach = reach;
    }

    public record NewUser(String name, String email, String timeZone, String locale, Role role, String password) {
    }

    public record UserProfile(String name, String email, String timeZone, String locale, String phone) {
    }

    public User createUser(NewUser cmd) {
        var violations = new ArrayList<FieldViolation>();
        ZoneId zone = zone(cmd.timeZone(), violations);
        Locale locale = locale(cmd.locale(), violations);
        if (cmd.password() != null && cmd.password().length() < MIN_PASSWORD_LENGTH) {
            violations.add(new FieldViolation("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        requireFreeEmail(cmd.email(), null);
        var actor = CurrentActor.get();
        var user = User.create(cmd.name().strip(), cmd.email().strip(), zone, locale,
                cmd.role() == null ? Role.RESPONDER : cmd.role(),
                cmd.password() == null ? null : passwords.encode(cmd.password()), actor, clock.instant());
        users.save(user);
        audit.record(actor, "user.created", "user", user.id(), user.email() + " as " + user.role());
        return user;
    }

    /**
     * A service account for automation, owned by a team (issue 15 point 3): no password, never a login, acts only
     * through the scoped tokens its team's managers (or administrators) give it; at most a responder.
     */
    public User createServiceAccount(String name, UUID teamId, Role role) {
        if (role == Role.ADMIN) {
            throw new InvalidInputException("role", "a service account is RESPONDER or STAKEHOLDER, never ADMIN");
        }
        var team = findTeam(teamId).orElseThrow(() -> new InvalidInputException("teamId", "no team with id " + teamId));
        requireManagerOf(team);
        var actor = CurrentActor.get();
        var user = User.serviceAccount(name.strip(), teamId, role == null ? Role.RESPONDER : role, actor,
                clock.instant());
        users.save(user);
        audit.record(actor, "service-account.created", "user", user.id(), user.name() + " of team " + team.name()
                + " as " + user.role());
        return user;
    }

    /** The service account with this id (404 for a person's id). */
    @Transactional(readOnly = true)
    public User serviceAccount(UUID id) {
        return users.findById(id).filter(u -> u.serviceAccountTeam().isPresent())
                .orElseThrow(() -> new NotFoundException("service account", id));
    }

    @Transactional(readOnly = true)
    public List<User> serviceAccounts() {
        return users.findAllByOrderByNameAsc().stream().filter(u -> u.serviceAccountTeam().isPresent()).toList();
    }

    /** Deactivates a service account (its tokens stop working with it). */
    public User retireServiceAccount(UUID id) {
        var account = serviceAccount(id);
        requireManagerOf(team(account.serviceAccountTeam().orElseThrow()));
        var actor = CurrentActor.get();
        account.deactivate(actor, clock.instant());
        users.save(account);
        audit.record(actor, "service-account.retired", "user", id, account.name());
        return account;
    }

    /** Administrators, and the managers of the team, may manage what the team owns; anyone else gets a 403. */
    public void requireManagerOf(Team team) {
        var me = CurrentActor.principal().orElseThrow(
                () -> new org.springframework.security.access.AccessDeniedException("sign in first"));
        if (me.role() != Role.ADMIN && team.roleOf(me.userId()).orElse(null) != TeamRole.MANAGER) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "only administrators and managers of team " + team.name() + " may do this");
        }
    }

    public User updateProfile(UUID userId, UserProfile profile) {
        var violations = new ArrayList<FieldViolation>();
        ZoneId zone = zone(profile.timeZone(), violations);
        Locale locale = locale(profile.locale(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        var user = user(userId);
        requireFreeEmail(profile.email(), userId);
        var actor = CurrentActor.get();
        String before = profileText(user);
        user.update(profile.name().strip(), profile.email().strip(), zone, locale, blankToNull(profile.phone()),
                actor, clock.instant());
        users.save(user);
        audit.record(actor, "user.updated", "user", userId, "before: " + before + "; after: " + profileText(user));
        return user;
    }

    public User changeRole(UUID userId, Role role) {
        var user = user(userId);
        var actor = CurrentActor.get();
        var before = user.role();
        user.changeRole(role, actor, clock.instant());
        users.save(user);
        audit.record(actor, "user.role-changed", "user", userId, "before: " + before + "; after: " + role);
        return user;
    }

    public User setActive(UUID userId, boolean active) {
        return setActive(userId, active, false);
    }

    /**
     * With {@code confirmed}, a deactivation that leaves a policy's target reaching nobody is made (and audited);
     * without, it is refused with 409 {@code reaches-nobody} (issue 15 point 2).
     */
    public User setActive(UUID userId, boolean active, boolean confirmed) {
        var user = user(userId);
        var actor = CurrentActor.get();
        if (!active && user.active()) {
            reach.require(ReachGuard.PeopleChange.deactivating(userId), "deactivating " + user.name(), "user", userId,
                    confirmed);
        }
        if (active) {
            user.activate(actor, clock.instant());
        } else {
            user.deactivate(actor, clock.instant());
        }
        users.save(user);
        audit.record(actor, active ? "user.activated" : "user.deactivated", "user", userId, null);
        return user;
    }

    /** Changes a password; people changing their own must prove they know the current one. */
    public void changePassword(UUID userId, String currentPassword, String newPassword, boolean requireCurrent) {
        var user = user(userId);
        if (requireCurrent && (currentPassword == null || user.passwordHash() == null
                || !passwords.matches(currentPassword, user.passwordHash()))) {
            throw new InvalidInputException("currentPassword", "does not match your current password");
        }
        if (newPassword == null || newPassword.length() < MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("newPassword", "must be at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        var actor = CurrentActor.get();
        user.changePassword(passwords.encode(newPassword), actor, clock.instant());
        users.save(user);
        audit.record(actor, "user.password-changed", "user", userId, null);
    }

    @Transactional(readOnly = true)
    public User user(UUID id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    @Transactional(readOnly = true)
    public Optional<User> findUser(UUID id) {
        return id == null ? Optional.empty() : users.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<User> findByEmail(String email) {
        return users.findByEmail(email.strip().toLowerCase(Locale.ROOT));
    }

    @Transactional(readOnly = true)
    public List<User> users() {
        return users.findAllByOrderByNameAsc();
    }

    @Transactional(readOnly = true)
    public long userCount() {
        return users.count();
    }

    /** Display names for a set of user ids, for lists that show many people at once. */
    @Transactional(readOnly = true)
    public Map<UUID, User> usersById(Collection<UUID> ids) {
        return users.findAllById(ids.stream().filter(java.util.Objects::nonNull).distinct().toList()).stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
    }

    public Team createTeam(String name, String description) {
        if (teams.findByName(name.strip()).isPresent()) {
            throw new ConflictException("name-taken", "A team named '" + name.strip() + "' already exists");
        }
        var actor = CurrentActor.get();
        var team = Team.create(name.strip(), blankToNull(description), actor, clock.instant());
        teams.save(team);
        audit.record(actor, "team.created", "team", team.id(), team.name());
        return team;
    }

    public Team updateTeam(UUID teamId, String name, String description) {
        var team = team(teamId);
        teams.findByName(name.strip()).filter(t -> !t.id().equals(teamId)).ifPresent(t -> {
            throw new ConflictException("name-taken", "A team named '" + name.strip() + "' already exists");
        });
        var actor = CurrentActor.get();
        String before = team.name();
        team.rename(name.strip(), blankToNull(description), actor, clock.instant());
        teams.save(team);
        audit.record(actor, "team.updated", "team", teamId, "before: " + before + "; after: " + team.name());
        return team;
    }

    public Team putMember(UUID teamId, UUID userId, boolean lead) {
        var team = team(teamId);
        if (users.findById(userId).isEmpty()) {
            throw new InvalidInputException("userId", "no user with id " + userId);
        }
        var actor = CurrentActor.get();
        team.putMember(userId, lead, actor, clock.instant());
        teams.save(team);
        audit.record(actor, "team.member-put", "team", teamId, userId + (lead ? " (lead)" : ""));
        return team;
    }

    /** Adds the user to the team with the role, or changes their role there. */
    public Team putMember(UUID teamId, UUID userId, TeamRole role) {
        return putMember(teamId, userId, role, false);
    }

    /**
     * Adds the user to the team with the role, or changes their role there. A change that stops a member taking
     * the team's pages (to observer) and so leaves a policy's target reaching nobody is refused with 409
     * {@code reaches-nobody} unless {@code confirmed}, and audited when made (issue 15 point 2).
     */
    public Team putMember(UUID teamId, UUID userId, TeamRole role, boolean confirmed) {
        var team = team(teamId);
        if (users.findById(userId).isEmpty()) {
            throw new InvalidInputException("userId", "no user with id " + userId);
        }
        var actor = CurrentActor.get();
        var before = team.roleOf(userId);
        if (before.isPresent() && before.get().paged() && !role.paged()) {
            reach.require(ReachGuard.PeopleChange.newTeamRole(userId, teamId, role), "making a member of team '"
                    + team.name() + "' " + role.name().toLowerCase(Locale.ROOT), "team", teamId, confirmed);
        }
        team.putMember(userId, role, actor, clock.instant());
        teams.save(team);
        audit.record(actor, "team.member-put", "team", teamId, userId + " before: "
                + before.map(Enum::name).orElse("not a member") + "; after: " + role);
        return team;
    }

    public Team removeMember(UUID teamId, UUID userId) {
        return removeMember(teamId, userId, false);
    }

    /**
     * With {@code confirmed}, a removal that leaves a policy's target (the team) reaching nobody is made (and
     * audited); without, it is refused with 409 {@code reaches-nobody} (issue 15 point 2).
     */
    public Team removeMember(UUID teamId, UUID userId, boolean confirmed) {
        var team = team(teamId);
        var actor = CurrentActor.get();
        if (team.hasMember(userId)) {
            reach.require(ReachGuard.PeopleChange.leaving(userId, teamId), "removing a member from team '" + team.name()
                    + "'", "team", teamId, confirmed);
        }
        if (!team.removeMember(userId, actor, clock.instant())) {
            throw new NotFoundException("team member", userId);
        }
        teams.save(team);
        audit.record(actor, "team.member-removed", "team", teamId, userId.toString());
        return team;
    }

    @Transactional(readOnly = true)
    public Team team(UUID id) {
        return teams.findById(id).orElseThrow(() -> new NotFoundException("team", id));
    }

    @Transactional(readOnly = true)
    public Optional<Team> findTeam(UUID id) {
        return id == null ? Optional.empty() : teams.findById(id);
    }

    @Transactional(readOnly = true)
    public Optional<Team> findTeamByName(String name) {
        return teams.findByName(name);
    }

    @Transactional(readOnly = true)
    public List<Team> teams() {
        return teams.findAllByOrderByNameAsc();
    }

    @Transactional(readOnly = true)
    public List<Team> teamsOf(UUID userId) {
        return teams.findAllByOrderByNameAsc().stream().filter(t -> t.hasMember(userId)).toList();
    }

    private void requireFreeEmail(String email, UUID owner) {
        users.findByEmail(email.strip().toLowerCase(Locale.ROOT)).filter(u -> !u.id().equals(owner)).ifPresent(u -> {
            throw new ConflictException("email-taken", "A user with e-mail " + email.strip() + " already exists");
        });
    }

    private static ZoneId zone(String id, List<FieldViolation> violations) {
        if (id == null || id.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(id.strip());
        } catch (DateTimeException e) {
            violations.add(new FieldViolation("timeZone", "'" + id + "' is not an IANA time zone (e.g. Europe/Berlin)"));
            return null;
        }
    }

    private static Locale locale(String tag, List<FieldViolation> violations) {
        if (tag == null || tag.isBlank()) {
            return Locale.ENGLISH;
        }
        var locale = Locale.forLanguageTag(tag.strip());
        if (!SUPPORTED_LANGUAGES.contains(locale.getLanguage())) {
            violations.add(new FieldViolation("locale", "must be one of " + SUPPORTED_LANGUAGES.stream().sorted().toList()));
        }
        return locale;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A person's profile for the audit log's before/after (the phone only as present or not). */
    private static String profileText(User u) {
        return u.name() + " <" + u.email() + ">, " + u.zone().getId() + ", " + u.locale().toLanguageTag()
                + (u.phone() == null ? "" : ", phone set");
    }
}
