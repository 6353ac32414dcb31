-- The audit log is searched by time and pruned by retention (tocsin.audit.retention).
create index ix_audit_log_occurred on audit_log (occurred_at);
