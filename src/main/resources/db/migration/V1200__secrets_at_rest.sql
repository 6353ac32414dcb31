-- Secrets at rest: the fallback encryption key when none is configured (tocsin.secrets.key), and room in the
-- columns that now hold ciphertext ("tcs1:<key id>:<base64 of nonce, ciphertext and tag>").
create table secret_key (
    id          varchar(40)  not null primary key,
    material    varchar(100) not null,
    created_at  timestamp with time zone not null
);
alter table alert_integration alter column signing_secret set data type varchar(500);
alter table notify_delivery alter column verification_code set data type varchar(200);
alter table notify_secret alter column secret set data type varchar(300);
