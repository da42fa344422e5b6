-- Attachments of an edition, stored in PostgreSQL (stateless web nodes), identified by SHA-256, typed by content sniffing.
create table edition_attachment (
    id          bigint generated always as identity primary key,
    edition_id  bigint       not null references edition (id),
    position    int          not null,
    filename    varchar(200) not null,
    media_type  varchar(100) not null check (media_type in (
                    'application/pdf', 'application/msword',
                    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
                    'application/vnd.ms-excel', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
                    'text/csv', 'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
                    'image/jpeg', 'image/png', 'application/zip')),
    size_bytes  bigint       not null check (size_bytes > 0),
    sha256      char(64)     not null,
    content     bytea        not null,
    uploaded_by bigint       not null references staff_user (id),
    uploaded_at timestamptz  not null,
    unique (edition_id, position)
);
create index edition_attachment_edition_idx on edition_attachment (edition_id, position);
