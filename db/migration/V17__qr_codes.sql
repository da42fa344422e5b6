-- QR codes for service halls and notice boards (seed 003): short, never-reused codes that redirect to a column, an item,
-- the request form or the guide, with scans counted per day and nothing personal stored.
create table qr_code (
    id             bigint generated always as identity primary key,
    code           varchar(12)  not null unique check (code ~ '^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{5,12}$'),
    title          varchar(100) not null,
    department_id  bigint       not null references department (id),
    location_label varchar(100) not null default '',
    target_type    varchar(10)  not null check (target_type in ('CATALOGUE', 'ITEM', 'REQUEST', 'GUIDE')),
    target_key     varchar(60)  not null default '',
    retired        boolean      not null default false,
    created_by     bigint       not null references staff_user (id),
    created_at     timestamptz  not null
);

create table qr_scan_day (
    qr_code_id bigint not null references qr_code (id),
    day        date   not null,
    scans      bigint not null default 0 check (scans >= 0),
    primary key (qr_code_id, day)
);
