-- Spring Modulith's JDBC event publication registry (spring-modulith-events-jdbc 2.1, schemas/v2/schema-postgresql.sql):
-- every event handed to an after-commit listener is written here in the publishing transaction and marked complete when the
-- listener has run, so a reaction that failed or was cut off by a crash (e-mail, page-cache eviction) is resubmitted later
-- (org.gongkai.infrastructure.EventResubmission). Modulith's own schema initialisation is off; Flyway owns the table.
create table event_publication (
    id                     uuid not null primary key,
    listener_id            text not null,
    event_type             text not null,
    serialized_event       text not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
