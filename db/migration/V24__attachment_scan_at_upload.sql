-- The personal-data scan of an attachment is made once, at upload, and stored with it, so the review page shows what the
-- upload check saw and never parses a hostile file again. scan_state: READ (text read; findings hold the masked hits),
-- NOT_TEXT (a format whose text is not read: images, archives, old Office, ODF), UNREADABLE (damaged, encrypted or not what
-- it claims). Null only for attachments uploaded before this migration: those are scanned when the review page needs them.
alter table edition_attachment
    add column scan_state    varchar(10) check (scan_state in ('READ', 'NOT_TEXT', 'UNREADABLE')),
    add column scan_findings jsonb not null default '[]';

-- A pass with attachments that could not be checked automatically records that the reviewer checked them by hand.
alter table confidentiality_review
    add column unchecked_attachments int     not null default 0,
    add column unchecked_confirmed   boolean not null default false,
    add constraint confidentiality_review_unchecked_confirmed
        check (decision = 'RETURN' or unchecked_attachments = 0 or unchecked_confirmed);
