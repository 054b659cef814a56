-- Tandem schema version 7: paired devices.

-- One-time pairing codes the desktop shows (as text and as a QR code) for a
-- phone or another computer to sign in without a password. Only a hash of the
-- code is kept; a code is good for ten minutes and for one device.
CREATE TABLE pairing_codes (
    code_hash  TEXT PRIMARY KEY,             -- hex SHA-256 of the normalised code
    user_id    TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT                        -- NULL until redeemed
);

CREATE INDEX pairing_codes_expires ON pairing_codes (expires_at);

-- A device that paired with a code, and the token it was given (by its jti).
-- Revoking a device deletes its row and revokes its token (revoked_tokens).
CREATE TABLE devices (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users(id),
    name         TEXT NOT NULL,
    token_id     TEXT NOT NULL UNIQUE,
    created_at   BIGINT NOT NULL,
    last_used_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);

CREATE INDEX devices_user ON devices (user_id);
CREATE INDEX devices_expires ON devices (expires_at);
