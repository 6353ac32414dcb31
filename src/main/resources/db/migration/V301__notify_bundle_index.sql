-- Sending a bundle and answering by SMS look deliveries up by their bundle; without an index each lookup read the
-- whole delivery log, which only grows.
create index ix_notify_delivery_bundle on notify_delivery (bundle_id);
