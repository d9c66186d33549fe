-- 0009_task_occurrence: periodic tasks ("Định kỳ hằng quý", "Thường xuyên")
-- are tracked per reporting period: one occurrence row per (assignment,
-- period code) holds that period's status, written together with the
-- task_update row that changed it (task_update.period); one-off tasks keep
-- their status on task_assignment (docs/internals/tasks.md).
-- PostgreSQL form of this step (the SQLite form is 0009_task_occurrence.sqlite.sql):
-- BIGINT for INTEGER (64-bit, as SQLite integers), identity keys for
-- INTEGER PRIMARY KEY, DOUBLE PRECISION for REAL, BYTEA for BLOB.
CREATE TABLE task_occurrence (
    assignment_id BIGINT NOT NULL REFERENCES task_assignment (id) ON DELETE CASCADE,
    period        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'chua_thuc_hien',
    progress      BIGINT NOT NULL DEFAULT 0,
    completed_on  TEXT,
    updated_at    TEXT,
    updates       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (assignment_id, period)
);
ALTER TABLE task_update ADD COLUMN period TEXT;
