-- Token buckets of the ingest rate limits, shared by every node of a cluster on PostgreSQL (issue 17, point 5).
-- One row per integration key and limit; Bucket4j keeps its serialised state in it.
create table rate_limit_bucket (
    id    varchar(120) not null primary key,
    state bytea
);
