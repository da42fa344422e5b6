-- Search joins from matching snapshots to their document: find the document whose current snapshot it is by index.
create index public_document_current_idx on public_document (current_snapshot_id);
