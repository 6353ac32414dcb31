-- Issue 11 points 6 and 9: subscribers choose components; the signing key is sealed at rest (SecretBox).

-- The key that signs confirmation and unsubscribe links, now stored sealed (longer than the plain base64).
alter table status_page_secret alter column secret set data type varchar(400);

-- The components a confirmed subscriber hears about; none listed: all of the page.
create table status_subscriber_component (
    subscriber_id uuid not null references status_subscriber (id) on delete cascade,
    component_id  uuid not null references status_component (id) on delete cascade,
    constraint pk_status_subscriber_component primary key (subscriber_id, component_id)
);
create index ix_status_subscriber_component on status_subscriber_component (component_id);

-- The choice asked for with the newest confirmation link, applied when it is confirmed: '*' all components, else
-- comma-separated component ids. A confirmed subscriber who asks again changes the choice only by confirming.
alter table status_subscriber add column pending_components varchar(4000);
