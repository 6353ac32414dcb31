-- Durable timers: work that must happen later, claimed row by row with FOR UPDATE SKIP LOCKED.
create table durable_timer (
    kind       varchar(80)  not null,
    timer_key  varchar(200) not null,
    due_at     timestamp with time zone not null,
    payload    varchar(8000),
    attempts   integer not null default 0,
    created_at timestamp with time zone not null,
    primary key (kind, timer_key)
);
create index ix_durable_timer_due on durable_timer (due_at);
