-- 0008_cascade: decisions confirmed by hand in the cascade check (does a
-- unit's own plan cover a task a higher plan assigned it?). Append-only: the
-- newest decision of (parent task, unit) overrides the automatic match
-- (docs/internals/cascade.md).
CREATE TABLE cascade_decision (
    id             INTEGER PRIMARY KEY,
    parent_task_id INTEGER NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    unit_code      TEXT NOT NULL,
    decision       TEXT NOT NULL CHECK (decision IN ('covered', 'missing')),
    child_task_id  INTEGER REFERENCES task (id) ON DELETE SET NULL,
    author         TEXT NOT NULL,
    at             TEXT NOT NULL
);
CREATE INDEX cascade_decision_key ON cascade_decision (parent_task_id, unit_code, id);
