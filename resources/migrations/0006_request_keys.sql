-- Tandem schema version 6: an Idempotency-Key (REST) or an opId (WebSocket)
-- is bound to the request it was first used with (method, path and a hash of
-- the body), so a different request that reuses a key is refused (422
-- idempotency_key_reused) instead of being answered with the first one's
-- result. Kept as long as the operation records (90 days).
CREATE TABLE request_keys (
    owner_id    TEXT NOT NULL,
    op_id       TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (owner_id, op_id)
);

CREATE INDEX request_keys_created ON request_keys (created_at);
