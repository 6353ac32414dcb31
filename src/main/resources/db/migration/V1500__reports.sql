-- Reports (issue 16 points 3 and 4): tables kept up to date by events of other modules, read by the report
-- queries. Every row carries the filter columns (team, service, severity, priority) of the incident it belongs
-- to, copied when the event arrives, so a report reads one table and joins nothing.

create table report_incident (
    incident_id uuid primary key,
    incident_key varchar(60) not null,
    service_id uuid,
    team_id uuid,
    severity int not null,
    priority varchar(4),
    declared_at timestamp with time zone not null,
    assigned_at timestamp with time zone,
    impact_started_at timestamp with time zone,
    detected_at timestamp with time zone,
    resolved_at timestamp with time zone
);
create index report_incident_declared on report_incident (declared_at);
create index report_incident_team on report_incident (team_id, declared_at);
create index report_incident_service on report_incident (service_id, declared_at);

create table report_alert (
    alert_id uuid primary key,
    service_id uuid,
    team_id uuid,
    incident_id uuid,
    triggered_at timestamp with time zone not null
);
create index report_alert_triggered on report_alert (triggered_at, service_id);

-- One row per person and paged subject (an alert or incident): repeats and several contact methods are one page.
create table report_page (
    user_id uuid not null,
    subject_type varchar(20) not null,
    subject_id varchar(100) not null,
    service_id uuid,
    team_id uuid,
    severity int,
    priority varchar(4),
    paged_at timestamp with time zone not null,
    at_night boolean not null,
    on_weekend boolean not null,
    acked_at timestamp with time zone,
    primary key (user_id, subject_type, subject_id)
);
create index report_page_at on report_page (paged_at, user_id);
create index report_page_team on report_page (team_id, paged_at);

create table report_delivery (
    delivery_id uuid primary key,
    user_id uuid,
    channel varchar(20) not null,
    kind varchar(20) not null,
    subject_type varchar(20),
    subject_id varchar(100),
    service_id uuid,
    team_id uuid,
    severity int,
    priority varchar(4),
    queued_at timestamp with time zone not null,
    status varchar(16) not null,
    sent_at timestamp with time zone,
    delivered boolean not null,
    answered_at timestamp with time zone
);
create index report_delivery_queued on report_delivery (queued_at, channel);
create index report_delivery_team on report_delivery (team_id, queued_at);

-- Finished on-call shifts as the calculator gave them when they had passed (recorded each hour).
create table report_shift (
    schedule_id uuid not null,
    user_id uuid not null,
    team_id uuid,
    start_at timestamp with time zone not null,
    end_at timestamp with time zone not null,
    primary key (schedule_id, user_id, start_at)
);
create index report_shift_end on report_shift (end_at, start_at);

create table report_postmortem (
    postmortem_id uuid primary key,
    incident_id uuid not null,
    service_id uuid,
    team_id uuid,
    severity int,
    priority varchar(4),
    drafted_at timestamp with time zone not null,
    due_on date,
    due_by timestamp with time zone,
    published_at timestamp with time zone
);
create index report_postmortem_drafted on report_postmortem (drafted_at);
create index report_postmortem_team on report_postmortem (team_id, drafted_at);

create table report_action_item (
    item_id uuid primary key,
    incident_id uuid,
    service_id uuid,
    team_id uuid,
    severity int,
    priority varchar(4),
    status varchar(16) not null,
    created_at timestamp with time zone not null,
    due_by timestamp with time zone,
    done_at timestamp with time zone
);
create index report_action_item_created on report_action_item (created_at);
create index report_action_item_team on report_action_item (team_id, created_at);

-- Until when shifts have been recorded.
create table report_watermark (
    name varchar(40) primary key,
    recorded_until timestamp with time zone not null
);
