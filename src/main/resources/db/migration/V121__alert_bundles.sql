-- Issue 10 (R19): during an alert storm the alerts that join an incident after its first few are counted, one row
-- per (incident, source, minute), and written to the timeline as one entry when the minute is over (a durable timer
-- of kind alerts.bundle). The row is the count itself, so a restart loses nothing; it is deleted once written.
create table alert_bundle (
    incident_id  uuid not null,
    source_id    uuid not null,
    window_start timestamp with time zone not null,
    incident_key varchar(40) not null,
    source_name  varchar(200) not null,
    alert_count  bigint not null,
    first_at     timestamp with time zone not null,
    last_at      timestamp with time zone not null,
    primary key (incident_id, source_id, window_start)
);
