-- Microsoft Teams (issue 14 point 3): the Bot Framework addresses Tocsin must keep to write later. The Bot Connector
-- is reached at the service URL an authenticated activity came with, and a conversation or a person is written to
-- by its id there; a channel thread's first card (the incident's topic) is updated by its activity id.
create table chat_teams_reference (
    ref_kind        varchar(12)  not null,
    ref_id          varchar(300) not null,
    service_url     varchar(500) not null,
    conversation_id varchar(300),
    root_activity   varchar(200),
    display_name    varchar(200),
    tenant_id       varchar(100),
    updated_at      timestamp with time zone not null,
    constraint pk_chat_teams_reference primary key (ref_kind, ref_id)
);
