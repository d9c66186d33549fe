-- 0002_ledger: procedure catalogue, dossier ledger (append-only events + derived
-- current state), resumable ingest jobs, KPI snapshot segments, citizen feedback.
-- Times are integers: seconds since 1970-01-01T00:00 local time (UTC+7), NULL = absent.
CREATE TABLE procedure (
    id                   INTEGER PRIMARY KEY,
    code                 TEXT NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    field                TEXT NOT NULL DEFAULT '',
    allowance            INTEGER NOT NULL,
    allowance_unit       TEXT NOT NULL,
    level                TEXT NOT NULL,
    full_online_eligible INTEGER NOT NULL DEFAULT 0,
    fee                  INTEGER NOT NULL DEFAULT 0,
    online_payment       INTEGER NOT NULL DEFAULT 0,
    published            INTEGER NOT NULL DEFAULT 0,
    cutoff_minute        INTEGER NOT NULL DEFAULT -1,
    updated_at           TEXT NOT NULL
);
CREATE TABLE procedure_unit (
    procedure_code TEXT NOT NULL,
    unit_code      TEXT NOT NULL,
    valid_from     TEXT NOT NULL DEFAULT '',
    valid_to       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (procedure_code, unit_code, valid_from)
);
CREATE TABLE dossier (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    unit_code      TEXT NOT NULL,
    procedure_code TEXT NOT NULL,
    channel        INTEGER NOT NULL,
    full_online    INTEGER NOT NULL DEFAULT 0,
    received_at    INTEGER NOT NULL,
    due_base       INTEGER,
    due_at         INTEGER,
    ended_at       INTEGER,
    returned_at    INTEGER,
    pause_from     INTEGER,
    pause_to       INTEGER,
    status         INTEGER NOT NULL,
    supplements    INTEGER NOT NULL DEFAULT 0,
    paid_online    INTEGER NOT NULL DEFAULT 0,
    digitized      INTEGER NOT NULL DEFAULT 0,
    e_result       INTEGER NOT NULL DEFAULT 0,
    rating         INTEGER NOT NULL DEFAULT 0,
    rated_at       INTEGER,
    class          INTEGER NOT NULL DEFAULT 0,
    fresh_at       INTEGER NOT NULL,
    rev            INTEGER NOT NULL DEFAULT 1,
    closed_at      INTEGER,
    apologies      INTEGER NOT NULL DEFAULT 0,
    job_id         INTEGER
);
-- The append-only event log, one row per append (a batch of events written
-- together: an imported record's equivalent events, or one API event).
-- id = dossier_id * 2^16 + batch: the primary key is the log's order, so a
-- dossier's log is one range scan and no secondary index is needed.
-- events: "kind,at,value,due;..." (due empty when absent), in time order.
CREATE TABLE dossier_event (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL,
    batch      INTEGER NOT NULL,
    rev        INTEGER NOT NULL,
    actor      TEXT,
    job_id     INTEGER,
    note       TEXT,
    events     TEXT NOT NULL
);
CREATE TABLE ingest_job (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    path          TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    status        TEXT NOT NULL,
    last_line     INTEGER NOT NULL DEFAULT 0,
    rows_ok       INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    rejects_bytes INTEGER NOT NULL DEFAULT 0,
    started_at    TEXT NOT NULL,
    finished_at   TEXT
);
CREATE INDEX ingest_job_fp ON ingest_job (fingerprint);
CREATE TABLE ledger_segment (
    id        INTEGER PRIMARY KEY,
    unit_code TEXT NOT NULL,
    nrows     INTEGER NOT NULL,
    data      BLOB NOT NULL
);
CREATE TABLE ledger_meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO ledger_meta (key, value) VALUES ('generation', 0);
CREATE TABLE feedback (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    unit_code    TEXT NOT NULL,
    subject      TEXT NOT NULL DEFAULT '',
    received_at  INTEGER NOT NULL,
    ack_due      INTEGER,
    answer_due   INTEGER,
    acked_at     INTEGER,
    info_requested_at INTEGER,
    answered_at  INTEGER,
    published_at INTEGER,
    publish_due  INTEGER,
    rating       INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL
);
CREATE INDEX feedback_unit ON feedback (unit_code);
CREATE TABLE feedback_event (
    feedback_id INTEGER NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    at          INTEGER NOT NULL,
    actor       TEXT,
    note        TEXT,
    PRIMARY KEY (feedback_id, seq)
);
