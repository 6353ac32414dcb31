-- SLA policies (issue 16 point 1): targets per priority, optionally for one service or one product.
create table sla_policy (
    id                   uuid         not null primary key,
    name                 varchar(200) not null,
    priority             varchar(2)   not null,
    service_id           uuid,
    product_id           uuid,
    acknowledge_minutes  integer,
    resolve_minutes      integer,
    calendar             varchar(20)  not null,
    warning_percent      integer      not null,
    escalation_policy_id uuid,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    version              bigint       not null
);
create index ix_sla_policy_priority on sla_policy (priority);

-- One clock per incident and metric (issue 16 point 2), kept up to date from incident events; the compliance
-- figures (point 3) read this table, not the timelines.
create table sla_clock (
    incident_id          uuid         not null,
    metric               varchar(20)  not null,
    incident_key         varchar(60)  not null,
    policy_id            uuid,
    policy_name          varchar(200),
    priority             varchar(2)   not null,
    severity             integer      not null,
    service_id           uuid,
    target_seconds       bigint       not null,
    calendar             varchar(20)  not null,
    warning_percent      integer      not null,
    escalation_policy_id uuid,
    started_at           timestamp with time zone not null,
    stopped_at           timestamp with time zone,
    warned_at            timestamp with time zone,
    breached_at          timestamp with time zone,
    elapsed_seconds      bigint,
    outcome              varchar(20),
    primary key (incident_id, metric)
);
create index ix_sla_clock_started on sla_clock (started_at);

-- Pauses while the incident waits on the customer or a supplier; ended_at null while it lasts.
create table sla_pause (
    id              uuid          not null primary key,
    incident_id     uuid          not null,
    waiting_on      varchar(20)   not null,
    reason          varchar(1000) not null,
    started_at      timestamp with time zone not null,
    started_by      varchar(200)  not null,
    ended_at        timestamp with time zone,
    ended_by        varchar(200)
);
create index ix_sla_pause_incident on sla_pause (incident_id);
