-- Delivery receipts (issue 19): what the SMS provider last reported about a sent message reaching the handset
-- (Vonage's DLR status such as delivered, failed, expired, rejected), its error code and when it was reported.
alter table notify_delivery add column receipt_status varchar(20);
alter table notify_delivery add column receipt_error varchar(20);
alter table notify_delivery add column receipt_at timestamp with time zone;
