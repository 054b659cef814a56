-- Tandem schema version 4: the assistant's memory of each conversation
-- (the last list it showed, the task "it" refers to, a pending question, and
-- undo/redo), so a conversation survives a restart.

CREATE TABLE assistant_state (
    session_id TEXT PRIMARY KEY REFERENCES chat_sessions(id) ON DELETE CASCADE,
    owner_id   TEXT NOT NULL,
    state      TEXT NOT NULL,              -- JSON, written by core/assistant
    updated_at BIGINT NOT NULL
);
