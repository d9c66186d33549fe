-- 0028_audit_chain: the audit trail becomes a hash chain (issue 16 item 11;
-- src/store/store_audit.h, docs/internals/hardening.md).
-- Each entry gets its place in the chain (seq, 1, 2, ...), the state before
-- and after the change as JSON text (NULL when not recorded), the hash of
-- the entry before it and its own hash: SHA-256 over the previous hash and
-- every field of the entry. audit_head holds the last seq and hash; every
-- append updates it inside the write transaction, so appends are serialised
-- on both engines and `cchc audit verify` finds an edited entry (its hash),
-- a deleted one (a gap in seq) and deleted last entries (the head).
-- Rows written before this step (and any row inserted without the chain)
-- have seq NULL: the next append seals them, oldest first, before its own.
ALTER TABLE audit_event ADD COLUMN seq BIGINT;
ALTER TABLE audit_event ADD COLUMN before_json TEXT;
ALTER TABLE audit_event ADD COLUMN after_json TEXT;
ALTER TABLE audit_event ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_event ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_event_seq ON audit_event (seq);
CREATE INDEX audit_event_object ON audit_event (object);
CREATE TABLE audit_head (
    id   BIGINT PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
