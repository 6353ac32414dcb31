-- Monthly rotations (issue 10): the day of the month a layer hands off on; null for rotations by hours, days, weeks.
alter table oncall_layer add column handoff_day integer;
alter table oncall_layer add constraint ck_oncall_layer_handoff_day
    check (handoff_day is null or (handoff_day between 1 and 31));
