-- Service accounts (issue 15 point 3): users for automation, owned by a team, who only ever act through API tokens.
alter table app_user add column service_account_team_id uuid references team (id);
