-- For a yearly matter, the day of the following year by which the year's item is due (e.g. 01-31 for the annual report,
-- 03-31 for the AEFI report); null means the working-day limit (or 20 working days, Art 26) after the year ends.
alter table disclosure_matter add column yearly_due char(5) check (yearly_due ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$');
