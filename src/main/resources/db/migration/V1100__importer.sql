-- Importer (issue 20): what each import made, by source and source id, so that a second import updates what
-- the first made instead of duplicating it, and the equivalence check knows which schedule came from where.
create table importer_link (
    source      varchar(20)   not null,
    kind        varchar(20)   not null,
    source_id   varchar(300)  not null,
    tocsin_id   uuid          not null,
    name        varchar(300),
    fingerprint varchar(64)   not null,
    fidelity    varchar(20)   not null,
    reasons     varchar(8000),
    imported_at timestamp with time zone not null,
    primary key (source, kind, source_id)
);
