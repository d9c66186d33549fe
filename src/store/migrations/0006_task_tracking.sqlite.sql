-- 0006_task_tracking: execution tracking of plan tasks (docs/internals/tasks.md).
-- Each task_assignment row with a unit_code is one tracked assignment (task x
-- unit). Group rows ("UBND cấp huyện") stay as imported and are expanded,
-- when tracking of their plan starts, into one row per member unit
-- (expanded_from = the group row); tasks with no lead written get a lead row
-- for the plan's unit. The current status and progress live on the
-- assignment row and are changed only together with an appended task_update
-- row, in one transaction.
ALTER TABLE plan ADD COLUMN tracking_started TEXT;
ALTER TABLE task ADD COLUMN weight REAL;
ALTER TABLE task_assignment ADD COLUMN expanded_from INTEGER REFERENCES task_assignment (id) ON DELETE CASCADE;
ALTER TABLE task_assignment ADD COLUMN status TEXT NOT NULL DEFAULT 'chua_thuc_hien';
ALTER TABLE task_assignment ADD COLUMN progress INTEGER NOT NULL DEFAULT 0;
ALTER TABLE task_assignment ADD COLUMN reason TEXT;
ALTER TABLE task_assignment ADD COLUMN completed_on TEXT;
ALTER TABLE task_assignment ADD COLUMN updated_at TEXT;
ALTER TABLE task_assignment ADD COLUMN updates INTEGER NOT NULL DEFAULT 0;
CREATE TABLE task_update (
    id            INTEGER PRIMARY KEY,
    assignment_id INTEGER NOT NULL REFERENCES task_assignment (id) ON DELETE CASCADE,
    status        TEXT NOT NULL,
    progress      INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    note          TEXT NOT NULL DEFAULT '',
    author        TEXT NOT NULL,
    at            TEXT NOT NULL
);
CREATE INDEX task_update_assignment ON task_update (assignment_id, id);
CREATE TABLE task_update_evidence (
    update_id   INTEGER NOT NULL REFERENCES task_update (id) ON DELETE CASCADE,
    evidence_id INTEGER NOT NULL REFERENCES evidence (id),
    PRIMARY KEY (update_id, evidence_id)
);
CREATE INDEX task_assignment_status ON task_assignment (status);
