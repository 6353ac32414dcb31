-- Escalation (R8, R10, R11, R13): reusable policies with ordered levels, their assignment to services, business
-- hours per service, and runs (who was paged, at which level and attempt, who answered).
create table escalation_policy (
    id           uuid not null primary key,
    name         varchar(200) not null,
    description  varchar(2000),
    repeat_count integer not null,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    version      bigint not null,
    constraint uq_escalation_policy_name unique (name)
);

create table escalation_level (
    policy_id       uuid not null references escalation_policy (id) on delete cascade,
    position        integer not null,
    timeout_minutes integer not null,
    primary key (policy_id, position)
);

create table escalation_target (
    policy_id      uuid not null references escalation_policy (id) on delete cascade,
    level_position integer not null,
    position       integer not null,
    target_type    varchar(20) not null,
    target_id      uuid not null,
    primary key (policy_id, level_position, position)
);

-- Keyed by the catalog's service id (no foreign key into another module's table on purpose).
create table service_escalation (
    service_id uuid not null primary key,
    policy_id  uuid not null references escalation_policy (id),
    updated_at timestamp with time zone not null
);

create table service_business_hours (
    service_id uuid not null primary key,
    zone       varchar(60) not null,
    days       varchar(80) not null,
    start_time varchar(5) not null,
    end_time   varchar(5) not null,
    holidays   varchar(4000) not null,
    updated_at timestamp with time zone not null,
    version    bigint not null
);

-- One row per run. run_key (subject and kind) is unique while the run is open, so a repeated trigger cannot start
-- a second run; when the run ends its run_key becomes its id, freeing the key.
create table escalation_run (
    id              uuid not null primary key,
    run_key         varchar(200) not null,
    kind            varchar(20) not null,
    subject_type    varchar(40) not null,
    subject_id      varchar(100) not null,
    subject_key     varchar(100),
    severity        integer,
    summary         varchar(500),
    link            varchar(2000),
    service_id      uuid,
    incident_id     uuid,
    policy_id       uuid,
    target_type     varchar(20),
    target_id       uuid,
    status          varchar(20) not null,
    level_index     integer not null,
    cycle           integer not null,
    attempt         integer not null,
    level_started_at timestamp with time zone,
    last_attempt_at timestamp with time zone,
    next_step_at    timestamp with time zone,
    started_at      timestamp with time zone not null,
    answered_at     timestamp with time zone,
    answered_by     uuid,
    answered_by_name varchar(200),
    answered_via    varchar(20),
    ended_at        timestamp with time zone,
    end_reason      varchar(40),
    version         bigint not null,
    constraint uq_escalation_run_key unique (run_key)
);
create index ix_escalation_run_subject on escalation_run (subject_type, subject_id);
create index ix_escalation_run_incident on escalation_run (incident_id);

-- Everyone a run paged at a level: the people are fixed when the level starts, so repeats reach the same ones.
create table escalation_run_page (
    run_id        uuid not null references escalation_run (id) on delete cascade,
    cycle         integer not null,
    level_index   integer not null,
    user_id       uuid not null,
    user_name     varchar(200) not null,
    via           varchar(300) not null,
    first_paged_at timestamp with time zone not null,
    attempts      integer not null,
    reachable     boolean not null,
    primary key (run_id, cycle, level_index, user_id)
);
