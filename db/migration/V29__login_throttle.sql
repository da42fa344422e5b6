-- Failed sign-ins counted per submitted username, known or not, so that an unknown name locks exactly like a real account
-- (no oracle for which accounts exist). The name is kept only as a keyed hash: people type passwords into the username field.
-- Replaces staff_user.failed_login_count / locked_until.

create table login_throttle_key (
    id  int  primary key check (id = 1),
    key text not null
);
insert into login_throttle_key (id, key) values (1, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

create table login_throttle (
    name_hash        varchar(64) primary key,
    failed_count     int         not null check (failed_count >= 0),
    locked_until     timestamptz,
    last_failure_at  timestamptz not null
);
create index login_throttle_last_failure_idx on login_throttle (last_failure_at);

alter table staff_user drop column failed_login_count;
alter table staff_user drop column locked_until;
