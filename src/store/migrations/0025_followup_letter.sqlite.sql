-- 0025_followup_letter: follow-up letters (công văn đôn đốc) and the overdue
-- task occurrences each one listed, so that the next letter can say "đã
-- đôn đốc lần 2" (docs/internals/reminders.md). period is the occurrence's
-- period code for a periodic task, '' for a one-off task.
CREATE TABLE followup_letter (
    id          INTEGER PRIMARY KEY,
    issuer_code TEXT NOT NULL,
    symbol      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    number      INTEGER NOT NULL,
    issued_on   TEXT NOT NULL,
    reply_by    TEXT NOT NULL,
    units       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (issuer_code, symbol, year, number)
);
CREATE TABLE followup_item (
    letter_id     INTEGER NOT NULL REFERENCES followup_letter (id) ON DELETE CASCADE,
    assignment_id INTEGER NOT NULL REFERENCES task_assignment (id) ON DELETE CASCADE,
    period        TEXT NOT NULL DEFAULT '',
    unit_code     TEXT NOT NULL,
    due           TEXT NOT NULL,
    days_late     INTEGER NOT NULL,
    round         INTEGER NOT NULL,
    PRIMARY KEY (letter_id, assignment_id, period)
);
CREATE INDEX followup_item_assignment ON followup_item (assignment_id, period);
