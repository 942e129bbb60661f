-- Portable to H2 and PostgreSQL. A subscriber's version, moved by every write: its ETag.
ALTER TABLE subscribers ADD COLUMN version BIGINT DEFAULT 1 NOT NULL;
