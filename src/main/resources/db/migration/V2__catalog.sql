-- Catalog: services (with the built-in "Unknown") and products.
create table service (
    id             uuid not null primary key,
    name           varchar(200) not null,
    description    varchar(4000),
    owning_team_id uuid references team (id),
    tier           integer not null default 2,
    built_in       boolean not null default false,
    created_at     timestamp with time zone not null,
    created_by     uuid,
    updated_at     timestamp with time zone not null,
    updated_by     uuid,
    version        bigint not null,
    constraint uq_service_name unique (name),
    constraint ck_service_tier check (tier between 1 and 3)
);

insert into service (id, name, description, tier, built_in, created_at, updated_at, version)
values ('00000000-0000-0000-0000-000000000001', 'Unknown',
        'Pick this when you cannot tell which service is at fault yet.', 1, true, now(), now(), 0);

create table product (
    id          uuid not null primary key,
    name        varchar(200) not null,
    description varchar(4000),
    created_at  timestamp with time zone not null,
    created_by  uuid,
    updated_at  timestamp with time zone not null,
    updated_by  uuid,
    version     bigint not null,
    constraint uq_product_name unique (name)
);
