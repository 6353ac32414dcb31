-- Learning (issue 12, R28, R29): postmortems with their own timeline copy, sections, reviewers and published
-- revisions; action items with an external tracker link; problems and known errors linked to incidents.
create table postmortem (
    id                uuid not null primary key,
    incident_id       uuid not null references incident (id),
    incident_key      varchar(40) not null,
    service_id        uuid not null,
    severity          integer not null,
    status            varchar(20) not null,
    language          varchar(8) not null,
    owner_id          uuid references app_user (id),
    due_on            date not null,
    meeting_at        timestamp with time zone,
    meeting_minutes   integer,
    meeting_sequence  integer not null,
    revision          integer not null,
    created_at        timestamp with time zone not null,
    created_by_name   varchar(200),
    updated_at        timestamp with time zone not null,
    review_requested_at timestamp with time zone,
    published_at      timestamp with time zone,
    version           bigint not null,
    constraint uq_postmortem_incident unique (incident_id)
);
create index ix_postmortem_owner on postmortem (owner_id, status, due_on);

create table postmortem_section (
    postmortem_id uuid not null references postmortem (id) on delete cascade,
    position      integer not null,
    code          varchar(60) not null,
    title         varchar(200) not null,
    prompt        varchar(4000) not null,
    required      boolean not null,
    body          varchar(100000),
    primary key (postmortem_id, position)
);

create table postmortem_entry (
    postmortem_id   uuid not null references postmortem (id) on delete cascade,
    position        integer not null,
    entry_ref       uuid not null,
    occurred_at     timestamp with time zone not null,
    source          varchar(60) not null,
    source_entry_id bigint,
    text            varchar(20000) not null,
    annotation      varchar(8000),
    key_moment      varchar(20),
    included        boolean not null,
    primary key (postmortem_id, position)
);

create table postmortem_reviewer (
    postmortem_id uuid not null references postmortem (id) on delete cascade,
    user_id       uuid not null references app_user (id),
    decision      varchar(20),
    comment       varchar(4000),
    decided_at    timestamp with time zone,
    primary key (postmortem_id, user_id)
);

create table postmortem_revision (
    postmortem_id uuid not null references postmortem (id) on delete cascade,
    number        integer not null,
    published_at  timestamp with time zone not null,
    published_by  varchar(200),
    markdown      varchar(1000000) not null,
    primary key (postmortem_id, number)
);

create sequence problem_number_seq start with 1;

create table problem (
    id           uuid not null primary key,
    problem_key  varchar(40) not null,
    title        varchar(300) not null,
    description  varchar(20000),
    status       varchar(20) not null,
    priority     varchar(2) not null,
    owner_id     uuid references app_user (id),
    service_id   uuid,
    root_cause   varchar(20000),
    workaround   varchar(20000),
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    version      bigint not null,
    constraint uq_problem_key unique (problem_key)
);
create index ix_problem_service on problem (service_id, status);

create table problem_incident (
    problem_id   uuid not null references problem (id) on delete cascade,
    incident_id  uuid not null references incident (id),
    incident_key varchar(40) not null,
    service_id   uuid not null,
    linked_at    timestamp with time zone not null,
    primary key (problem_id, incident_id)
);
create index ix_problem_incident_service on problem_incident (service_id);

create table problem_change (
    problem_id  uuid not null references problem (id) on delete cascade,
    position    integer not null,
    reference   varchar(1000) not null,
    primary key (problem_id, position)
);

create table action_item (
    id              uuid not null primary key,
    incident_id     uuid references incident (id),
    incident_key    varchar(40),
    service_id      uuid,
    problem_id      uuid references problem (id),
    title           varchar(300) not null,
    description     varchar(8000),
    owner_id        uuid not null references app_user (id),
    team_id         uuid,
    priority        varchar(2) not null,
    kind            varchar(20) not null,
    status          varchar(20) not null,
    due_on          date not null,
    external_key    varchar(100),
    external_url    varchar(2000),
    external_status varchar(100),
    sync_state      varchar(20) not null,
    sync_error      varchar(2000),
    synced_at       timestamp with time zone,
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    done_at         timestamp with time zone,
    version         bigint not null
);
create index ix_action_item_owner on action_item (owner_id, status, due_on);
create index ix_action_item_incident on action_item (incident_id);
create index ix_action_item_problem on action_item (problem_id);
