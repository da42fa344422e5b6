-- Second factor for staff (等保 2.0 第三级: two kinds of authentication for administrators): a TOTP secret (RFC 6238) per
-- account, confirmed by a first code, and single-use recovery codes kept only as hashes.

create table staff_second_factor (
    user_id         bigint       primary key references staff_user (id) on delete cascade,
    -- base32 TOTP secret; never logged, never shown again after enrolment
    secret          varchar(64)  not null,
    -- null until the holder has entered a first valid code
    confirmed_at    timestamptz,
    -- the last time step accepted, so that a code is never accepted twice (RFC 6238 §5.2)
    last_used_step  bigint       not null default 0
);

create table staff_recovery_code (
    id         bigint generated always as identity primary key,
    user_id    bigint      not null references staff_user (id) on delete cascade,
    code_hash  varchar(64) not null,
    used_at    timestamptz
);
create index staff_recovery_code_user_idx on staff_recovery_code (user_id);
