-- The console inbox: notices to a staff member (an edition submitted, returned, approved, published; a request due soon).
create table notification (
    id           bigint generated always as identity primary key,
    recipient_id bigint       not null references staff_user (id) on delete cascade,
    created_at   timestamptz  not null,
    title        varchar(200) not null,
    body         text         not null default '',
    link         varchar(300) not null default '' check (link = '' or link like '/admin/%'),
    read_at      timestamptz
);
create index notification_inbox_idx on notification (recipient_id, created_at desc);
create index notification_unread_idx on notification (recipient_id) where read_at is null;

-- Where notices are also e-mailed, when SMTP is configured.
alter table staff_user add column email varchar(200) check (email is null or email like '%_@_%');
