-- Team roles (issue 15 point 2): manager configures the team's things, responder works and takes shifts,
-- observer reads. Existing leads become managers, everyone else responders.
alter table team_member add column team_role varchar(20) default 'RESPONDER' not null;
update team_member set team_role = 'MANAGER' where lead = true;

-- Single sign-on (issue 15 point 1): which provider account is which person. One row per provider and subject.
create table sso_identity (
    provider     varchar(64)  not null,
    issuer       varchar(500) not null,
    subject      varchar(255) not null,
    user_id      uuid         not null references app_user (id),
    created_at   timestamp with time zone not null,
    last_login_at timestamp with time zone not null,
    primary key (provider, subject)
);
create index ix_sso_identity_user on sso_identity (user_id);
