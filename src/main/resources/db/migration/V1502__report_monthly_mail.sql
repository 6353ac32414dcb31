-- The optional monthly report e-mail per team (issue 16 point 3): who gets it (Tocsin users by id, plain addresses
-- of stakeholders, each list comma-separated: at most 50 recipients, so a row stays small), in which language and
-- in which IANA zone its 08:00 on the 1st is counted. The firing itself is a durable timer (reports.monthly-mail,
-- keyed by the team), scheduled in the same transaction as this row.
create table report_monthly_mail (
    team_id uuid primary key,
    language varchar(8) not null,
    zone varchar(64) not null,
    user_ids varchar(2000) not null,
    emails varchar(17000) not null,
    updated_at timestamp with time zone not null
);
