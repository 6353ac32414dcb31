-- Issue 15 point 2: an escalation policy belongs to a team, whose managers change it. Policies made before have
-- none: they are the organisation's, and administrators change them (or give them to a team).
alter table escalation_policy add column team_id uuid;
