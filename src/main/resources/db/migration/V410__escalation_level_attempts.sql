-- Issue 10: the number of unanswered attempts after which a level moves on, per level (null: the setting's
-- default, tocsin.escalation.attempts-per-level). The level still ends at its timeout if that comes first.
alter table escalation_level add column attempts integer;
