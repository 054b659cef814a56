-- Tandem schema version 2: the assistant's conversations.

CREATE TABLE chat_sessions (
    id         TEXT PRIMARY KEY,
    owner_id   TEXT NOT NULL REFERENCES users(id),
    title      TEXT NOT NULL,
    is_active  SMALLINT NOT NULL CHECK (is_active IN (0, 1)),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT,
    revision   BIGINT NOT NULL
);

CREATE INDEX chat_sessions_owner ON chat_sessions (owner_id, updated_at);

CREATE TABLE chat_messages (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
    owner_id   TEXT NOT NULL,
    seq        BIGINT NOT NULL,              -- change-log position: the message order
    role       TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
    content    TEXT NOT NULL,
    actions    TEXT NOT NULL,                -- JSON array of {kind, taskId}
    created_at BIGINT NOT NULL
);

CREATE INDEX chat_messages_session ON chat_messages (session_id, seq);
