-- Webhook subscribers of a status page (issue 11 point 6): an https endpoint that gets every publication, update,
-- resolution and maintenance step as a signed Statuspage-shaped JSON body through notify's outbox. PENDING until
-- the endpoint answered the test ping with its challenge, ACTIVE then, DISABLED after repeated failed deliveries
-- (the owner's address is told). The signing secret is sealed like every secret at rest.
create table status_webhook_subscriber (
    id                   uuid          not null primary key,
    page_id              uuid          not null references status_page (id) on delete cascade,
    url                  varchar(2000) not null,
    owner_email          varchar(320)  not null,
    language             varchar(5)    not null,
    secret               varchar(1000) not null,
    state                varchar(20)   not null,
    challenge            varchar(100)  not null,
    consecutive_failures integer       not null default 0,
    last_error           varchar(2000),
    created_at           timestamp with time zone not null,
    confirmed_at         timestamp with time zone,
    disabled_at          timestamp with time zone
);
create index ix_status_webhook_subscriber_page on status_webhook_subscriber (page_id, state, id);
