-- Issue 11 point 6: webhook subscribers choose components like e-mail subscribers do; none listed: all of the page.
-- The endpoint proves it wants the bodies by answering the test ping, so the choice is stored at registration.
create table status_webhook_subscriber_component (
    subscriber_id uuid not null references status_webhook_subscriber (id) on delete cascade,
    component_id  uuid not null references status_component (id) on delete cascade,
    constraint pk_status_webhook_subscriber_component primary key (subscriber_id, component_id)
);
create index ix_status_webhook_subscriber_component on status_webhook_subscriber_component (component_id);
