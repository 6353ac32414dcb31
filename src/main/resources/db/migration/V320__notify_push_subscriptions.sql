-- Web Push (issue 19): the keys of a browser's push subscription. The endpoint is the contact method's destination;
-- p256dh (the device's P-256 public key) and auth (its 16-byte secret) encrypt every message (RFC 8291).
create table notify_push_subscription (
    contact_method_id uuid not null primary key references contact_method (id) on delete cascade,
    p256dh            varchar(100) not null,
    auth              varchar(40)  not null,
    created_at        timestamp with time zone not null
);
