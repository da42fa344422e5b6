-- Search (issue 6): a query with more than 1000 matches takes its page by walking the newest snapshots in date order and
-- stops when the page is full. The walk reads this index; it carries the title, so looking for title matches reads no
-- table pages, and the id orders snapshots published at the same moment.
create index publication_snapshot_recent_idx on publication_snapshot (published_at desc, id) include (title);

-- Every search checks that a snapshot is the current one of a live or withdrawn document; this index answers that (and
-- the year and validity filters) without reading public_document.
create index public_document_visible_idx on public_document (current_snapshot_id) include (first_published_at, validity)
    where status in ('LIVE', 'WITHDRAWN');
