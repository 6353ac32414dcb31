package io.tocsin.escalation.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import io.tocsin.catalog.Catalog;
import io.tocsin.identity.AuditLog;
import io.tocsin.identity.CurrentActor;
import io.tocsin.identity.Identity;
import io.tocsin.identity.TeamAccess;
import io.tocsin.identity.TeamPermission;
import io.tocsin.oncall.OnCall;
import io.tocsin.shared.ConflictException;
import io.tocsin.shared.FieldViolation;
import io.tocsin.shared.InvalidInputException;
import io.tocsin.shared.NotFoundException;
import io.tocsin.shared.PreconditionFailedException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Escalation policies and which service uses which (R10). Levels are replaced as a whole on every change. */
@Component
@Transactional
public class PolicyStore {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final Identity identity;
    private final OnCall onCall;
    private final Catalog catalog;
    private final AuditLog audit;
    private final EscalationSettings settings;
    private final TeamAccess teamAccess;

    PolicyStore(JdbcClient jdbc, Clock clock, Identity identity, OnCall onCall, Catalog catalog, AuditLog audit,
            EscalationSettings settings, TeamAccess teamAccess) {
        this.teamAccess = teamAccess;
        this.jdbc = jdbc;
        this.clock = clock;
        this.identity = identity;
        this.onCall = onCall;
        this.catalog = catalog;
        this.audit = audit;
        this.settings = settings;
    }

    /** What a person submits; a null level timeout means the default (5 minutes). */
    @Schema(name = "EscalationPolicyDraft")
    public record Draft(String name, String description, Integer repeatCount, List<LevelDraft> levels, UUID teamId) {

        public Draft(String name, String description, Integer repeatCount, List<LevelDraft> levels) {
            this(name, description, repeatCount, levels, null);
        }
    }

    /** A level as submitted; a null timeout or attempt count means the default (5 minutes, 3 attempts). */
    public record LevelDraft(Integer timeoutMinutes, Integer attempts, List<Policy.Target> targets) {

        /** With the default number of attempts. */
        public LevelDraft(Integer timeoutMinutes, List<Policy.Target> targets) {
            this(timeoutMinutes, null, targets);
        }
    }

    public Policy create(Draft draft) {
        configure(owningTeam(draft.teamId()), "a new escalation policy");
        var levels = validate(draft);
        var id = UUID.randomUUID();
        var now = Timestamp.from(clock.instant());
        try {
            jdbc.sql("insert into escalation_policy (id, name, description, repeat_count, created_at, updated_at, version,"
                    + " team_id) values (?, ?, ?, ?, ?, ?, 0, ?)")
                    .params(id, draft.name().strip(), blankToNull(draft.description()), repeats(draft), now, now,
                            draft.teamId()).update();
        } catch (DuplicateKeyException e) {
            throw new ConflictException("policy-name-taken", "A policy named '" + draft.name().strip() + "' exists");
        }
        insertLevels(id, levels);
        audit.record(CurrentActor.get(), "escalation-policy.created", "escalation-policy", id, draft.name().strip());
        return policy(id);
    }

    public Policy update(UUID id, Draft draft, Long expectedVersion) {
        var current = policy(id);
        configure(current.teamId(), "escalation policy '" + current.name() + "'");
        // Without a teamId the policy stays with its team; giving it to another team needs its managers too.
        UUID team = draft.teamId() == null ? current.teamId() : draft.teamId();
        if (!java.util.Objects.equals(team, current.teamId())) {
            configure(owningTeam(team), "the escalation policies of the team in teamId");
        }
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new PreconditionFailedException(expectedVersion, current.version());
        }
        var levels = validate(draft);
        try {
            int updated = jdbc.sql("update escalation_policy set name = ?, description = ?, repeat_count = ?, updated_at = ?,"
                    + " team_id = ?, version = version + 1 where id = ? and version = ?")
                    .params(draft.name().strip(), blankToNull(draft.description()), repeats(draft),
                            Timestamp.from(clock.instant()), team, id, current.version()).update();
            if (updated == 0) {
                throw new PreconditionFailedException(current.version(), current.version() + 1);
            }
        } catch (DuplicateKeyException e) {
            throw new ConflictException("policy-name-taken", "A policy named '" + draft.name().strip() + "' exists");
        }
        jdbc.sql("delete from escalation_target where policy_id = ?").param(id).update();
        jdbc.sql("delete from escalation_level where policy_id = ?").param(id).update();
        insertLevels(id, levels);
        var after = policy(id);
        audit.record(CurrentActor.get(), "escalation-policy.updated", "escalation-policy", id, io.tocsin.identity.Changes
                .of().field("name", current.name(), after.name()).field("description", current.description(),
                        after.description())
                .field("repeatCount", current.repeatCount(), after.repeatCount()).field("teamId", current.teamId(),
                        after.teamId())
                .field("levels", levelsText(current), levelsText(after)).toString());
        return policy(id);
    }

    public void delete(UUID id) {
        var policy = policy(id);
        configure(policy.teamId(), "escalation policy '" + policy.name() + "'");
        long used = jdbc.sql("select count(*) from service_escalation where policy_id = ?").param(id).query(Long.class).single();
        if (used > 0) {
            throw new ConflictException("policy-in-use", "Policy '" + policy.name() + "' is used by " + used + " service(s)");
        }
        jdbc.sql("delete from escalation_policy where id = ?").param(id).update();
        audit.record(CurrentActor.get(), "escalation-policy.deleted", "escalation-policy", id, policy.name());
    }

    @Transactional(readOnly = true)
    public Policy policy(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("escalation policy", id));
    }

    @Transactional(readOnly = true)
    public Optional<Policy> find(UUID id) {
        return jdbc.sql("select id, name, description, repeat_count, version, updated_at, team_id from escalation_policy"
                + " where id = ?")
                .param(id).query((rs, n) -> new Policy(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getInt(4), levels(id), rs.getLong(5), rs.getTimestamp(6).toInstant(),
                        rs.getObject(7, UUID.class)))
                .optional();
    }

    @Transactional(readOnly = true)
    public List<Policy> policies() {
        return jdbc.sql("select id from escalation_policy order by name").query(UUID.class).list().stream()
                .map(this::policy).toList();
    }

    public void assign(UUID serviceId, UUID policyId) {
        var service = catalog.configurable(serviceId);
        var policy = policy(policyId);
        var before = policyOf(serviceId);
        var now = Timestamp.from(clock.instant());
        if (jdbc.sql("update service_escalation set policy_id = ?, updated_at = ? where service_id = ?")
                .params(policyId, now, serviceId).update() == 0) {
            jdbc.sql("insert into service_escalation (service_id, policy_id, updated_at) values (?, ?, ?)")
                    .params(serviceId, policyId, now).update();
        }
        audit.record(CurrentActor.get(), "escalation-policy.assigned", "service", serviceId, service.name() + ": "
                + io.tocsin.identity.Changes.of().field("policy", before.map(Policy::name).orElse(null), policy.name()));
    }

    public void unassign(UUID serviceId) {
        var service = catalog.configurable(serviceId);
        jdbc.sql("delete from service_escalation where service_id = ?").param(serviceId).update();
        audit.record(CurrentActor.get(), "escalation-policy.unassigned", "service", serviceId, "");
    }

    @Transactional(readOnly = true)
    public Optional<Policy> policyOf(UUID serviceId) {
        return jdbc.sql("select policy_id from service_escalation where service_id = ?").param(serviceId)
                .query(UUID.class).optional().flatMap(this::find);
    }

    @Transactional(readOnly = true)
    public List<UUID> servicesUsing(UUID policyId) {
        return jdbc.sql("select service_id from service_escalation where policy_id = ?").param(policyId)
                .query(UUID.class).list();
    }

    /** The levels as the audit log shows them: {@code 5m x3: USER:id, SCHEDULE:id | ...}. */
    private static String levelsText(Policy policy) {
        return policy.levels().stream().map(l -> l.timeoutMinutes() + "m x" + l.attempts() + ": " + l.targets().stream()
                .map(t -> t.type() + ":" + t.id()).collect(java.util.stream.Collectors.joining(", ")))
                .collect(java.util.stream.Collectors.joining(" | "));
    }

    /** Changing a policy, or which one a service uses, is for the owning team's managers (issue 15 point 2). */
    private void configure(UUID teamId, String what) {
        teamAccess.require(TeamPermission.CONFIGURE, teamId, what);
    }

    /** The team in a draft's teamId, which must exist (422 otherwise). */
    private UUID owningTeam(UUID teamId) {
        if (teamId != null && identity.findTeam(teamId).isEmpty()) {
            throw new InvalidInputException("teamId", "no team with id " + teamId);
        }
        return teamId;
    }

    private List<Policy.Level> levels(UUID policyId) {
        var targets = new LinkedHashMap<Integer, List<Policy.Target>>();
        jdbc.sql("select level_position, target_type, target_id from escalation_target where policy_id = ?"
                        + " order by level_position, position")
                .param(policyId).query((rs, n) -> {
                    targets.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(
                            new Policy.Target(Policy.TargetType.valueOf(rs.getString(2)), rs.getObject(3, UUID.class)));
                    return null;
                }).list();
        return jdbc.sql("select position, timeout_minutes, attempts from escalation_level where policy_id = ?"
                        + " order by position")
                .param(policyId).query((rs, n) -> new Policy.Level(rs.getInt(2),
                        rs.getObject(3) == null ? settings.getAttemptsPerLevel() : rs.getInt(3),
                        targets.getOrDefault(rs.getInt(1), List.of()))).list();
    }

    private void insertLevels(UUID policyId, List<Policy.Level> levels) {
        for (int l = 0; l < levels.size(); l++) {
            var level = levels.get(l);
            jdbc.sql("insert into escalation_level (policy_id, position, timeout_minutes, attempts) values (?, ?, ?, ?)")
                    .params(policyId, l, level.timeoutMinutes(), level.attempts()).update();
            for (int t = 0; t < level.targets().size(); t++) {
                var target = level.targets().get(t);
                jdbc.sql("insert into escalation_target (policy_id, level_position, position, target_type, target_id)"
                        + " values (?, ?, ?, ?, ?)").params(policyId, l, t, target.type().name(), target.id()).update();
            }
        }
    }

    private int repeats(Draft draft) {
        return draft.repeatCount() == null ? 0 : draft.repeatCount();
    }

    private List<Policy.Level> validate(Draft draft) {
        var violations = new ArrayList<FieldViolation>();
        if (draft.name() == null || draft.name().isBlank()) {
            violations.add(new FieldViolation("name", "must not be blank"));
        } else if (draft.name().strip().length() > 200) {
            violations.add(new FieldViolation("name", "must be at most 200 characters"));
        }
        if (draft.description() != null && draft.description().length() > 2000) {
            violations.add(new FieldViolation("description", "must be at most 2000 characters"));
        }
        if (draft.repeatCount() != null && (draft.repeatCount() < 0 || draft.repeatCount() > Policy.MAX_REPEATS)) {
            violations.add(new FieldViolation("repeatCount", "must be between 0 and " + Policy.MAX_REPEATS));
        }
        var result = new ArrayList<Policy.Level>();
        if (draft.levels() == null || draft.levels().isEmpty()) {
            violations.add(new FieldViolation("levels", "a policy needs at least one level"));
        } else if (draft.levels().size() > Policy.MAX_LEVELS) {
            violations.add(new FieldViolation("levels", "at most " + Policy.MAX_LEVELS + " levels"));
        } else {
            for (int l = 0; l < draft.levels().size(); l++) {
                var level = draft.levels().get(l);
                String field = "levels[" + l + "]";
                if (level == null) {
                    violations.add(new FieldViolation(field, "must not be null"));
                    continue;
                }
                int timeout = level.timeoutMinutes() == null ? settings.getDefaultLevelTimeoutMinutes() : level.timeoutMinutes();
                if (timeout < 1 || timeout > 24 * 60) {
                    violations.add(new FieldViolation(field + ".timeoutMinutes", "must be between 1 and 1440"));
                }
                int attempts = level.attempts() == null ? settings.getAttemptsPerLevel() : level.attempts();
                if (attempts < 1 || attempts > Policy.MAX_ATTEMPTS) {
                    violations.add(new FieldViolation(field + ".attempts", "must be between 1 and " + Policy.MAX_ATTEMPTS));
                }
                var targets = level.targets() == null ? List.<Policy.Target>of() : level.targets();
                if (targets.isEmpty()) {
                    violations.add(new FieldViolation(field + ".targets", "a level needs at least one target"));
                } else if (targets.size() > Policy.MAX_TARGETS) {
                    violations.add(new FieldViolation(field + ".targets", "at most " + Policy.MAX_TARGETS + " targets"));
                }
                boolean usable = true;
                for (int t = 0; t < targets.size(); t++) {
                    String problem = problem(targets.get(t));
                    if (problem != null) {
                        violations.add(new FieldViolation(field + ".targets[" + t + "]", problem));
                        usable = false;
                    }
                }
                if (usable) {
                    result.add(new Policy.Level(timeout, attempts, targets));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return result;
    }

    private String problem(Policy.Target target) {
        if (target == null || target.type() == null || target.id() == null) {
            return "needs a type (USER, SCHEDULE, TEAM) and an id";
        }
        boolean exists = switch (target.type()) {
            case USER -> identity.findUser(target.id()).isPresent();
            case SCHEDULE -> onCall.schedule(target.id()).isPresent();
            case TEAM -> identity.findTeam(target.id()).isPresent();
        };
        return exists ? null : "no " + target.type().name().toLowerCase() + " " + target.id();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
