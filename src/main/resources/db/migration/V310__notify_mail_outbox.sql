-- Mail to addresses (issue 10): stakeholder updates, subscriptions, reminders, notices, invitations go through the
-- outbox like pages do, to addresses that need not be anyone's verified contact method. Such a delivery has no user
-- and no contact method; its subject line is kept for the log.
alter table notify_delivery alter column user_id drop not null;
alter table notify_delivery alter column contact_method_id drop not null;
alter table notify_delivery add column title varchar(1000);

-- What the mail says, kept until it has gone out, so a restart loses nothing. Deleted once it was sent: the log
-- keeps who, when and the subject line; the text lives with whatever the mail was about (e.g. the update).
create table notify_mail (
    delivery_id      uuid not null primary key,
    locale           varchar(35) not null,
    text_body        varchar(1000000) not null,
    html_body        varchar(1000000),
    list_unsubscribe varchar(2000),
    one_click        boolean not null default false
);

create table notify_mail_attachment (
    delivery_id  uuid not null,
    position     integer not null,
    name         varchar(200) not null,
    content_type varchar(200) not null,
    content      bytea not null,
    constraint pk_notify_mail_attachment primary key (delivery_id, position)
);

-- The worker claims due mail (no contact method) and due pages (a contact method) separately, oldest first; a
-- burst of ten thousand queued mails must not slow down finding the next page.
create index ix_notify_delivery_due_by_target on notify_delivery (status, contact_method_id, not_before);
