-- 三员分立 that holds against each other: passwords set by someone else must be changed at the next sign-in, the last
-- passwords of an account may not be reused, and a change to an administrator's account waits for a second administrator.

alter table staff_user add column password_must_change boolean not null default false;

-- Every password an account has had (hashed as in staff_user), newest last; the last five may not be chosen again.
create table staff_password_history (
    id          bigint generated always as identity primary key,
    user_id     bigint       not null references staff_user (id) on delete cascade,
    password_hash varchar(255) not null,
    set_at      timestamptz  not null
);
create index staff_password_history_user_idx on staff_password_history (user_id, set_at desc, id desc);

-- A change to an administrator's account (SYSADMIN, SECADMIN, AUDITOR) or a grant that adds or removes such a role: made by
-- one administrator, applied only when a different administrator (neither the requester nor the target) approves it.
create table account_change_request (
    id                  bigint generated always as identity primary key,
    target_id           bigint       not null references staff_user (id),
    action              varchar(30)  not null check (action in ('RESET_PASSWORD', 'SET_ENABLED', 'GRANT_ROLES', 'RESET_SECOND_FACTOR')),
    -- RESET_PASSWORD: the new password, hashed; never shown to the approver
    password_hash       varchar(255),
    -- SET_ENABLED: the new state
    enabled             boolean,
    -- GRANT_ROLES: the new roles and covered department ids, comma-separated
    roles               varchar(200),
    covered_departments varchar(1000),
    reason              varchar(500) not null default '',
    requested_by        bigint       not null references staff_user (id),
    requested_at        timestamptz  not null,
    state               varchar(20)  not null default 'PENDING' check (state in ('PENDING', 'APPROVED', 'REJECTED')),
    decided_by          bigint references staff_user (id),
    decided_at          timestamptz,
    version             bigint       not null default 0,
    check (requested_by <> target_id),
    -- the approver is a third person; a requester may withdraw (reject) their own request, the target may not decide
    check (state <> 'APPROVED' or (decided_by <> requested_by and decided_by <> target_id)),
    check (decided_by is null or decided_by <> target_id),
    check ((state = 'PENDING') = (decided_by is null)),
    check (action <> 'RESET_PASSWORD' or password_hash is not null),
    check (action <> 'SET_ENABLED' or enabled is not null),
    check (action <> 'GRANT_ROLES' or roles is not null)
);
-- one open request per account and kind of change
create unique index account_change_request_pending_uq on account_change_request (target_id, action) where state = 'PENDING';
