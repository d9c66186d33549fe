-- 0003_plans: plans read from issued documents (one row per source
-- document, recognised by the SHA-256 of its bytes), their tasks with
-- lead/support assignments (a unit code or a group), and their targets.
CREATE TABLE plan (
    id              INTEGER PRIMARY KEY,
    doc_hash        TEXT NOT NULL UNIQUE,
    source_name     TEXT NOT NULL DEFAULT '',
    unit_code       TEXT,
    number          TEXT,
    doc_type        TEXT,
    issuer          TEXT,
    issuer_code     TEXT,
    scope_code      TEXT,
    place           TEXT,
    issued_on       TEXT,
    year            INTEGER,
    title           TEXT NOT NULL DEFAULT '',
    decision_number TEXT,
    decision_title  TEXT,
    task_source     TEXT,
    warnings        TEXT NOT NULL DEFAULT '[]',
    imported_at     TEXT NOT NULL,
    imported_by     TEXT NOT NULL
);
CREATE INDEX plan_unit ON plan (unit_code);
CREATE INDEX plan_year ON plan (year);
CREATE TABLE task (
    id            INTEGER PRIMARY KEY,
    plan_id       INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    task_no       TEXT NOT NULL,
    area          TEXT,
    title         TEXT NOT NULL,
    detail        TEXT,
    product       TEXT,
    lead_default  INTEGER NOT NULL DEFAULT 0,
    deadline_text TEXT,
    deadline_kind TEXT,
    due_first     TEXT,
    deadline_json TEXT,
    src_line      INTEGER,
    src_page      INTEGER,
    UNIQUE (plan_id, seq)
);
CREATE INDEX task_due ON task (due_first);
CREATE TABLE task_assignment (
    id        INTEGER PRIMARY KEY,
    task_id   INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('lead', 'support')),
    seq       INTEGER NOT NULL,
    label     TEXT NOT NULL,
    unit_code TEXT,
    group_id  TEXT
);
CREATE INDEX task_assignment_task ON task_assignment (task_id);
CREATE INDEX task_assignment_unit ON task_assignment (unit_code);
CREATE TABLE target (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    area        TEXT,
    indicator   TEXT NOT NULL,
    op          TEXT NOT NULL,
    value       REAL NOT NULL,
    value_max   REAL,
    unit        TEXT NOT NULL DEFAULT '',
    source_text TEXT NOT NULL,
    src_line    INTEGER,
    src_page    INTEGER,
    UNIQUE (plan_id, seq)
);
CREATE INDEX target_plan ON target (plan_id);
