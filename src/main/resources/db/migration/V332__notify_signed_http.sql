-- Signed HTTP bodies (issue 11 point 6): an arbitrary JSON body POSTed to a URL, signed with a per-recipient secret,
-- through the same outbox as pages and mail (delivery row = the log, attempts, retries, backoff). Such a delivery
-- has channel WEBHOOK and no contact method; what it sends is kept here until it went out.
create table notify_http_body (
    delivery_id            uuid not null primary key,
    url                    varchar(2000) not null,
    event                  varchar(100) not null,
    body                   varchar(1000000) not null,
    secret                 varchar(1000) not null,
    private_target_allowed boolean not null default false,
    echo                   varchar(200)
);
-- The HTTP status of the last answer, for the delivery log (null: no answer, e.g. a timeout).
alter table notify_delivery add column http_status integer;
