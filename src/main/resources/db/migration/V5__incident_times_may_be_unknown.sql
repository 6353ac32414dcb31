-- Issue 13: when the impact started and when it was detected may be unknown. A manual declaration no longer
-- pretends both happened at the moment of declaring (which made TTD 0 and dragged every median to zero).
alter table incident alter column impact_started_at drop not null;
alter table incident alter column detected_at drop not null;
