-- Alerts by e-mail (issue 19): the senders an e-mail integration accepts, one address or @domain per line, lower
-- case; null or empty: every sender.
alter table alert_integration add column allowed_senders varchar(4000);
