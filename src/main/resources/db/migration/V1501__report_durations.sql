-- Reports speed (issue 16 point 4): the durations the reports aggregate, in whole microseconds (the precision of the
-- timestamps), computed from the stored instants whenever the row is written (reports.internal.ReportStore, the same
-- expressions) instead of from five timestamps on every view: a year's medians sort integers instead of numeric
-- expressions. Negative incident durations count as zero, as reports.Distribution counts them; null where unknown.

alter table report_incident add column tta_us bigint;
alter table report_incident add column ttd_us bigint;
alter table report_incident add column ttr_us bigint;
alter table report_incident add column impact_us bigint;
alter table report_delivery add column answer_us bigint;

update report_incident set
    tta_us = case when cast(round((extract(epoch from assigned_at) - extract(epoch from declared_at)) * 1000000) as bigint) < 0 then 0 else cast(round((extract(epoch from assigned_at) - extract(epoch from declared_at)) * 1000000) as bigint) end,
    ttd_us = case when cast(round((extract(epoch from detected_at) - extract(epoch from impact_started_at)) * 1000000) as bigint) < 0 then 0 else cast(round((extract(epoch from detected_at) - extract(epoch from impact_started_at)) * 1000000) as bigint) end,
    ttr_us = case when cast(round((extract(epoch from resolved_at) - extract(epoch from coalesce(impact_started_at, detected_at, declared_at))) * 1000000) as bigint) < 0 then 0 else cast(round((extract(epoch from resolved_at) - extract(epoch from coalesce(impact_started_at, detected_at, declared_at))) * 1000000) as bigint) end,
    impact_us = case when cast(round((extract(epoch from resolved_at) - extract(epoch from impact_started_at)) * 1000000) as bigint) < 0 then 0 else cast(round((extract(epoch from resolved_at) - extract(epoch from impact_started_at)) * 1000000) as bigint) end;
update report_delivery set answer_us = cast(round((extract(epoch from answered_at) - extract(epoch from sent_at)) * 1000000) as bigint);
