-- ShedLock with usingDbTime() writes and compares timezone('utc', CURRENT_TIMESTAMP), a timestamp WITHOUT time zone. Into
-- timestamptz columns PostgreSQL converts it with each connection's TimeZone, and the pool holds connections opened before
-- and after the application set the JVM zone to Asia/Shanghai (UTC and +08): a lock written through one was read as
-- expired through the other, and the daily jobs ran twice when two nodes started them at once (TwoNodesTests). Plain UTC
-- timestamps, as ShedLock's own DDL has them, compare the same on every connection.
alter table shedlock
    alter column lock_until type timestamp using lock_until at time zone 'UTC',
    alter column locked_at type timestamp using locked_at at time zone 'UTC';
