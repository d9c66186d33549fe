-- 0033_plan_life: plans as living records (docs/internals/plan_lifecycle.md).
-- A plan is 'current', 'superseded' (by the plan superseded_by) or 'deleted'
-- (archived). Nothing of a superseded or deleted plan is removed: its tasks,
-- assignments, updates, occurrences, cascade decisions and evidence links
-- stay, and every list and roll-up reads current plans only. status_at,
-- status_by and status_reason say who changed the status, when and why (the
-- audit trail has the same with the state before and after).
-- plan_task_carry: the task matches made when a plan was superseded (old
-- task -> new task, match score in 0..1, what was carried over).
ALTER TABLE plan ADD COLUMN status TEXT NOT NULL DEFAULT 'current';
ALTER TABLE plan ADD COLUMN superseded_by BIGINT REFERENCES plan (id);
ALTER TABLE plan ADD COLUMN status_at TEXT;
ALTER TABLE plan ADD COLUMN status_by TEXT;
ALTER TABLE plan ADD COLUMN status_reason TEXT;
CREATE INDEX plan_status ON plan (status);
CREATE TABLE plan_task_carry (
    old_task_id BIGINT NOT NULL PRIMARY KEY REFERENCES task (id),
    new_task_id BIGINT NOT NULL REFERENCES task (id),
    score       DOUBLE PRECISION NOT NULL,
    assignments BIGINT NOT NULL DEFAULT 0,
    updates     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX plan_task_carry_new ON plan_task_carry (new_task_id);
