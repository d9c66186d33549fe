-- 0009_task_occurrence: periodic tasks ("Định kỳ hằng quý", "Thường xuyên")
-- are tracked per reporting period: one occurrence row per (assignment,
-- period code) holds that period's status, written together with the
-- task_update row that changed it (task_update.period); one-off tasks keep
-- their status on task_assignment (docs/internals/tasks.md).
CREATE TABLE task_occurrence (
    assignment_id INTEGER NOT NULL REFERENCES task_assignment (id) ON DELETE CASCADE,
    period        TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'chua_thuc_hien',
    progress      INTEGER NOT NULL DEFAULT 0,
    completed_on  TEXT,
    updated_at    TEXT,
    updates       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (assignment_id, period)
);
ALTER TABLE task_update ADD COLUMN period TEXT;
