-- Lists of public items newest first (home page, catalogue columns, feeds) walk this index instead of sorting every
-- public document (at 100,000 items the home page's latest-12 query sorted them all on every uncached request: issue 19).
create index if not exists public_document_recent_idx on public_document (last_major_change_at desc, document_id)
    where status in ('LIVE', 'WITHDRAWN');
-- the few emergency notices of the home page, without a walk of every snapshot
create index if not exists publication_snapshot_emergency_idx on publication_snapshot (id) where emergency;
