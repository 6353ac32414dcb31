-- Issue 15 point 3: who gave a role, by id, so that the person who added a responder reaches their phone and
-- e-mail while the incident is open (PersonalDataDecision). Null for the system and for the unknown.
alter table role_assignment add column assigned_by uuid;

-- Earlier assignments: the holder took it themself when the names match; the others stay unknown.
update role_assignment set assigned_by = user_id
where assigned_by_name = (select u.name from app_user u where u.id = role_assignment.user_id);
