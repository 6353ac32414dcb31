-- Issue 10: a service chooses whether a dedup key belongs to one integration (the default, as PagerDuty scopes
-- dedup_key by routing key) or to the whole service, so the same Alertmanager group arriving by the webhook and by
-- Alertmanager's PagerDuty path is one alert.
alter table alert_rule add column dedup_scope varchar(20) default 'INTEGRATION' not null;

-- Every integration that reported an alert deduplicated per service: one row per (alert, integration), with when
-- it first and last reported it and how many of the alert's events came that way. Alerts deduplicated per
-- integration have exactly one source, the alert's own integration, and no rows here.
create table alert_source (
    alert_id       uuid not null references alert (id) on delete cascade,
    integration_id uuid not null,
    origin         varchar(20) not null,
    first_seen_at  timestamp with time zone not null,
    last_seen_at   timestamp with time zone not null,
    event_count    bigint not null,
    primary key (alert_id, integration_id)
);
