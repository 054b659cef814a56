-- Tandem schema version 3: signed-out tokens and registration invites.

-- Tokens signed out before they expire, by their id (the JWT "jti"), so every
-- Tandem process sharing the database refuses them. A row is needed only
-- until its token would have expired; compaction removes it after that.
CREATE TABLE revoked_tokens (
    jti        TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

CREATE INDEX revoked_tokens_expires ON revoked_tokens (expires_at);

-- Single-use invites to register. Only a hash of the code is kept: someone who
-- can read the database cannot register with it.
CREATE TABLE invites (
    code_hash  TEXT PRIMARY KEY,             -- hex SHA-256 of the normalised code
    issued_by  TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_by    TEXT REFERENCES users(id),    -- NULL until redeemed
    used_at    BIGINT
);

CREATE INDEX invites_expires ON invites (expires_at);
