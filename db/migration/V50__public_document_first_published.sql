-- The year filter's choices (issue 19) are read by stepping from year to year through this index instead of reading every
-- shown document after each public change (1,000,000 items: under a millisecond instead of seconds).
create index public_document_first_published_idx on public_document (first_published_at) where status in ('LIVE', 'WITHDRAWN');
