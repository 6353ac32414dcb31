-- Incident roles (R16, R31): custom roles per incident and who holds which role. Built-in roles live in code.
create table incident_custom_role (
    id              uuid         not null primary key,
    incident_id     uuid         not null references incident (id),
    code            varchar(60)  not null,
    name            varchar(100) not null,
    description     varchar(2000),
    created_at      timestamp with time zone not null,
    created_by_name varchar(200),
    constraint uq_custom_role unique (incident_id, code)
);

-- An assignment is active until released; a handover releases one and creates the next.
create table role_assignment (
    id               uuid        not null primary key,
    incident_id      uuid        not null references incident (id),
    role_code        varchar(60) not null,
    user_id          uuid        not null references app_user (id),
    assigned_at      timestamp with time zone not null,
    assigned_by_name varchar(200),
    released_at      timestamp with time zone,
    released_by_name varchar(200),
    handed_over_to   uuid
);
create index ix_role_assignment_incident on role_assignment (incident_id, released_at);
create index ix_role_assignment_user on role_assignment (user_id, released_at);

-- Updates sent about an incident (R23, R25): the rendered text as it went out.
create table incident_update (
    id              uuid         not null primary key,
    incident_id     uuid         not null references incident (id),
    incident_key    varchar(40)  not null,
    audience        varchar(10)  not null,
    kind            varchar(12)  not null,
    language        varchar(5)   not null,
    title           varchar(1000) not null,
    body            varchar(20000) not null,
    summary         varchar(1000) not null,
    next_update_at  timestamp with time zone,
    gaps            varchar(500),
    recipient_count integer      not null,
    posted_at       timestamp with time zone not null,
    posted_by       uuid,
    posted_by_name  varchar(200)
);
create index ix_incident_update on incident_update (incident_id, audience, posted_at);

-- An organisation's own wording of a message template; without a row the built-in text applies.
create table message_template (
    audience        varchar(10)  not null,
    kind            varchar(12)  not null,
    language        varchar(5)   not null,
    title_template  varchar(1000) not null,
    body_template   varchar(20000) not null,
    updated_at      timestamp with time zone not null,
    updated_by_name varchar(200),
    primary key (audience, kind, language)
);

-- Stakeholder distribution lists (R24): for one service, or the whole organisation when service_id is null.
create table stakeholder_list (
    id          uuid         not null primary key,
    name        varchar(200) not null,
    service_id  uuid references service (id),
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    constraint uq_stakeholder_list_name unique (name)
);

create table stakeholder_list_member (
    list_id  uuid    not null references stakeholder_list (id) on delete cascade,
    position integer not null,
    user_id  uuid references app_user (id),
    email    varchar(320),
    primary key (list_id, position)
);

create table service_subscription (
    user_id    uuid not null references app_user (id),
    service_id uuid not null references service (id),
    created_at timestamp with time zone not null,
    primary key (user_id, service_id)
);

-- The chat room topic as last published, so a change can be detected and announced (R17).
create table incident_channel (
    incident_id      uuid not null primary key references incident (id),
    topic            varchar(4000) not null,
    topic_updated_at timestamp with time zone not null
);
