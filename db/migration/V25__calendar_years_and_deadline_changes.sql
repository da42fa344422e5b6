-- Years whose State Council holiday arrangement (放假安排) has been imported. A year without a row is counted on the
-- provisional calendar: the statutory holidays of 《全国年节及纪念日放假办法》 computed for that year, plus weekends.
create table calendar_year (
    year        int          primary key check (year between 2000 and 2999),
    source      varchar(200) not null,
    imported_at timestamptz  not null default now()
);
insert into calendar_year (year, source) values
    (2025, '国办发明电〔2024〕12号'),
    (2026, '国务院办公厅关于2026年部分节假日安排的通知');

-- A request's reply or correction deadline moved because the calendar changed (import or edit of a year): the applicant's
-- tracking page shows the latest one with its reason.
create table request_deadline_change (
    id          bigint generated always as identity primary key,
    request_id  bigint       not null references info_request (id),
    old_due_on  date         not null,
    new_due_on  date         not null,
    reason      varchar(300) not null,
    changed_at  timestamptz  not null
);
create index request_deadline_change_request_ix on request_deadline_change (request_id, id);
