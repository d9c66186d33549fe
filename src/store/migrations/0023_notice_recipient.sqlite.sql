-- 0023_notice_recipient: notices per recipient (docs/internals/reminders.md).
-- The reminder scheduler records one row per (user, deadline occurrence,
-- stage): the UNIQUE key is what makes a run idempotent, so two runs, or two
-- application instances running at once, never record (nor e-mail) a notice
-- twice. dkey names the deadline occurrence ("task:12:2024Q1",
-- "report:VLG.STP:quy1:2024Q1", "summary:2024-05-20", "digest:2024-05-20",
-- "unit:7" for a unit notice of the notice table fanned out to its users);
-- stage names the rule's stage ("truoc_5", "qua_han#2"). Times are local ISO
-- date-times, dates ISO.
CREATE TABLE notice_item (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    dkey       TEXT NOT NULL,
    stage      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    role       TEXT NOT NULL DEFAULT '',
    unit_code  TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    due        TEXT,
    days       INTEGER,
    run_day    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at    TEXT,
    UNIQUE (user_id, dkey, stage)
);
CREATE INDEX notice_item_user ON notice_item (user_id, id);
CREATE INDEX notice_item_unread ON notice_item (user_id, read_at);
-- One row per scheduler run day: who ran it and what it recorded (for the
-- administrator; the notices themselves are deduplicated by notice_item).
CREATE TABLE remind_run (
    id          INTEGER PRIMARY KEY,
    day         TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    host        TEXT NOT NULL DEFAULT '',
    rules       TEXT NOT NULL DEFAULT '',
    deadlines   INTEGER NOT NULL DEFAULT 0,
    notices     INTEGER NOT NULL DEFAULT 0,
    error       TEXT
);
CREATE INDEX remind_run_started ON remind_run (started_at);
