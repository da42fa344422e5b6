-- A catalogue column page lists its items newest first. The column was on the snapshot and the order on the document, so
-- an uncached column page walked every public document in date order until it had found a page of the column's (issue 19:
-- about 800 index lookups for page 5 of a column holding one item in eight). The document now carries the column of its
-- current snapshot, kept by the database whenever the current snapshot is set (snapshots never change), and a column page
-- is one range of this index.
alter table public_document add column catalogue_code varchar(60);

update public_document d set catalogue_code = s.catalogue_code
from publication_snapshot s where s.id = d.current_snapshot_id;

create function public_document_takes_snapshot_column() returns trigger language plpgsql as $$
begin
    if new.current_snapshot_id is null then
        new.catalogue_code := null;
    else
        select s.catalogue_code into new.catalogue_code from publication_snapshot s where s.id = new.current_snapshot_id;
    end if;
    return new;
end $$;

create trigger public_document_column before insert or update of current_snapshot_id on public_document
    for each row execute function public_document_takes_snapshot_column();

create index public_document_column_idx on public_document (catalogue_code, last_major_change_at desc, document_id)
    where status in ('LIVE', 'WITHDRAWN');
