-- 0004_evidence: evidence files (hồ sơ minh chứng). One row per upload; the
-- content lives outside the database in the content-addressed evidence store
-- (EVIDENCE_DIR/ab/cd/<sha256>), stored once however often it is uploaded.
-- created_at is Unix seconds; owner_id is NULL for the local operator (CLI).
CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT NOT NULL,
    size          INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    content_type  TEXT NOT NULL,
    filename      TEXT NOT NULL,
    unit_code     TEXT NOT NULL,
    owner_id      INTEGER REFERENCES app_user (id),
    attached_type TEXT NOT NULL,
    attached_id   INTEGER NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX evidence_attached ON evidence (attached_type, attached_id);
CREATE INDEX evidence_sha256 ON evidence (sha256);
CREATE INDEX evidence_unit ON evidence (unit_code);
