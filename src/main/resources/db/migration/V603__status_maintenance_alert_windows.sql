-- Issue 11 point 4: a scheduled maintenance may own the alerts module's maintenance windows of the services its
-- components follow (one per service, same start and end), so one object both shows the maintenance and keeps
-- paging quiet. The window itself is the alerts module's; this is the link, kept by the status page side.
create table status_maintenance_window (
    status_incident_id uuid not null references status_incident (id),
    window_id          uuid not null,
    service_id         uuid not null,
    constraint pk_status_maintenance_window primary key (status_incident_id, window_id)
);
create unique index ux_status_maintenance_window on status_maintenance_window (window_id);
