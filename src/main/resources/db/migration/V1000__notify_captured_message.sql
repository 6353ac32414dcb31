-- Issue 13: without a mail server (the demo, a trial), every message that would leave Tocsin is kept here
-- instead and shown on the in-app outbox page, links and all.
create table notify_captured_message (
    id          uuid not null primary key,
    captured_at timestamp with time zone not null,
    channel     varchar(20) not null,
    recipient   varchar(512) not null,
    subject     varchar(1000),
    body        varchar(200000) not null
);
create index notify_captured_message_at on notify_captured_message (captured_at);
