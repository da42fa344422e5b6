-- Departments (科室) and staff accounts of the commission.
create table department (
    id           bigint generated always as identity primary key,
    name         varchar(100) not null unique,
    short_name   varchar(30)  not null,
    -- 统一社会信用代码, used in index numbers (索引号)
    credit_code  varchar(18)  not null check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
    parent_id    bigint references department (id),
    active       boolean      not null default true,
    version      bigint       not null default 0,
    created_at   timestamptz  not null default now()
);

create table staff_user (
    id                   bigint generated always as identity primary key,
    username             varchar(50)  not null,
    display_name         varchar(50)  not null,
    department_id        bigint       not null references department (id),
    password_hash        varchar(255) not null,
    enabled              boolean      not null default true,
    failed_login_count   int          not null default 0 check (failed_login_count >= 0),
    locked_until         timestamptz,
    password_changed_at  timestamptz  not null default now(),
    last_login_at        timestamptz,
    version              bigint       not null default 0,
    created_at           timestamptz  not null default now()
);
create unique index staff_user_username_uq on staff_user (lower(username));

create table staff_user_role (
    user_id bigint      not null references staff_user (id) on delete cascade,
    role    varchar(20) not null check (role in ('CLERK', 'REVIEWER', 'APPROVER', 'SYSADMIN', 'SECADMIN', 'AUDITOR')),
    primary key (user_id, role)
);

-- Departments whose submissions a reviewer (or approver) handles; none means the reviewer covers every department.
create table staff_user_covered_department (
    user_id       bigint not null references staff_user (id) on delete cascade,
    department_id bigint not null references department (id),
    primary key (user_id, department_id)
);
