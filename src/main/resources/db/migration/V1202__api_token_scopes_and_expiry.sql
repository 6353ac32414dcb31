-- API tokens with scopes (comma-separated TokenScope names; null: everything the owner may, as before) and an
-- optional expiry.
alter table api_token add column scopes varchar(200);
alter table api_token add column expires_at timestamp with time zone;
