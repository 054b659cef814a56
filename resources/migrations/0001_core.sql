-- Tandem schema version 1: accounts, tasks, and the ordered change log.
--
-- One file serves SQLite and PostgreSQL, so it uses only the types and syntax
-- both accept. Times are milliseconds since the Unix epoch (UTC); ids are
-- UUID text. Statements are separated by a semicolon at the end of a line.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL,
    username_key  TEXT NOT NULL UNIQUE,      -- case-folded username
    password_hash TEXT,                      -- NULL until a password is set
    created_at    BIGINT NOT NULL
);

-- One row per owner: the last sequence number handed out, and the lowest one
-- still kept after compaction. Every writing transaction updates its owner's
-- row first, which serialises writers per owner in commit order, so `seq`
-- rises without gaps in the order transactions commit.
CREATE TABLE log_heads (
    owner_id   TEXT PRIMARY KEY REFERENCES users(id),
    seq        BIGINT NOT NULL,
    floor_seq  BIGINT NOT NULL
);

CREATE TABLE tasks (
    id           TEXT PRIMARY KEY,
    owner_id     TEXT NOT NULL REFERENCES users(id),
    title        TEXT NOT NULL,
    description  TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'in_progress', 'completed')),
    priority     SMALLINT NOT NULL CHECK (priority BETWEEN 0 AND 4),
    due          TEXT,                       -- ISO 8601 date or date-time with offset
    due_date     TEXT,                       -- YYYY-MM-DD for a date-only due
    due_at       BIGINT,                     -- instant for a date-time due
    due_sort     BIGINT,                     -- Due::sortKey()
    tags         TEXT NOT NULL,              -- JSON array of strings
    title_key    TEXT NOT NULL,              -- case-folded title, for sorting
    search_text  TEXT NOT NULL,              -- case-folded title and description
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    completed_at BIGINT,
    deleted_at   BIGINT,                     -- set on a tombstone
    revision     BIGINT NOT NULL
);

CREATE INDEX tasks_owner_due ON tasks (owner_id, due_sort);
CREATE INDEX tasks_owner_created ON tasks (owner_id, created_at);
CREATE INDEX tasks_deleted ON tasks (deleted_at);

CREATE TABLE task_tags (
    task_id  TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    owner_id TEXT NOT NULL,
    tag_key  TEXT NOT NULL,                  -- case-folded tag
    PRIMARY KEY (task_id, tag_key)
);

CREATE INDEX task_tags_owner_tag ON task_tags (owner_id, tag_key);

CREATE TABLE change_log (
    owner_id   TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    op_id      TEXT NOT NULL,
    payload    TEXT NOT NULL,                -- the entity after the change, as JSON
    created_at BIGINT NOT NULL,
    PRIMARY KEY (owner_id, seq)
);

CREATE INDEX change_log_created ON change_log (created_at);

-- Committed operations, so a repeated opId returns its original result.
CREATE TABLE operations (
    owner_id   TEXT NOT NULL,
    op_id      TEXT NOT NULL,
    first_seq  BIGINT NOT NULL,
    last_seq   BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (owner_id, op_id)
);

CREATE INDEX operations_created ON operations (created_at);
