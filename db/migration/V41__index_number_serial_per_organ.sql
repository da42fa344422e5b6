-- 索引号 serials are kept per publishing organ and year (#18). The organ is the legal person whose unified social credit
-- code prefixes the number: every internal 科室 of the commission carries the commission's code and numbers in one
-- sequence; a subordinate unit with its own legal personality (e.g. 卫生监督所) carries its own code and sequence.
-- Numbers already issued never change: the new counters start from the highest serial issued under each code and year.
create table index_number_organ_serial (
    credit_code varchar(18) not null check (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
    year        int         not null check (year between 2000 and 2999),
    last_serial int         not null check (last_serial between 1 and 99999),
    primary key (credit_code, year)
);

insert into index_number_organ_serial (credit_code, year, last_serial)
select code, year, max(serial) from (
    select split_part(index_number, '/', 1) as code,
           split_part(split_part(index_number, '/', 2), '-', 1)::int as year,
           split_part(split_part(index_number, '/', 2), '-', 2)::int as serial
    from public_document
    where index_number ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}/[0-9]{4}-[0-9]{5}$'
    union all
    select d.credit_code, s.year, s.last_serial
    from index_number_serial s join department d on d.id = s.department_id
) issued
group by code, year;

-- the per-department counters are no longer read; kept (not dropped) so that a rollback of the application still works
comment on table index_number_serial is 'superseded by index_number_organ_serial (V35); no longer written';

-- 科室 of one organ share its credit code (there was a unique rule in the application only; nothing to drop here)
create index department_credit_code_idx on department (credit_code);
