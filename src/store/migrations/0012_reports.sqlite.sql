-- 0012_reports: periodic CCHC reports (docs/internals/reports.md). A report
-- is owed by a sender unit to its receiver for one kind and period (ref = the
-- period code, or an ad hoc report's id); its narrative sections are kept
-- one row each (edited with a version check, so two officers never overwrite
-- each other's text); submitting freezes the figures (JSON) with their as-of
-- time. Every step is an event. Times are local ISO date-times, dates ISO.
CREATE TABLE report (
    id            INTEGER PRIMARY KEY,
    unit_code     TEXT NOT NULL,
    receiver_code TEXT NOT NULL,
    kind          TEXT NOT NULL,
    year          INTEGER NOT NULL,
    ref           TEXT NOT NULL,
    title         TEXT NOT NULL,
    window_from   TEXT NOT NULL,
    window_to     TEXT NOT NULL,
    due           TEXT,
    status        TEXT NOT NULL DEFAULT 'draft',
    doc_number    INTEGER,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    submitted_at  TEXT,
    submitted_by  TEXT,
    days_late     INTEGER,
    submissions   INTEGER NOT NULL DEFAULT 0,
    decided_at    TEXT,
    decided_by    TEXT,
    return_reason TEXT,
    frozen_at     TEXT,
    figures       TEXT,
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (unit_code, kind, year, ref)
);
CREATE INDEX report_receiver ON report (receiver_code, year);
CREATE TABLE report_section (
    report_id  INTEGER NOT NULL REFERENCES report (id) ON DELETE CASCADE,
    code       TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    version    INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT,
    updated_by TEXT,
    PRIMARY KEY (report_id, code)
);
CREATE TABLE report_event (
    id        INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES report (id) ON DELETE CASCADE,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    note      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX report_event_report ON report_event (report_id, id);
-- Reporting-calendar rows kept in the database: those read from an imported
-- plan's reporting clauses (plan_id) and those set by hand; the same columns
-- as data/reports/calendar.csv.
CREATE TABLE report_rule (
    id         INTEGER PRIMARY KEY,
    type       TEXT NOT NULL,
    receiver   TEXT NOT NULL,
    kind       TEXT NOT NULL DEFAULT '',
    years      TEXT NOT NULL DEFAULT '',
    win        TEXT NOT NULL DEFAULT '',
    due        TEXT NOT NULL DEFAULT '',
    enabled    INTEGER NOT NULL DEFAULT 1,
    date_from  TEXT NOT NULL DEFAULT '',
    date_to    TEXT NOT NULL DEFAULT '',
    adhoc_id   TEXT NOT NULL DEFAULT '',
    title      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    plan_id    INTEGER REFERENCES plan (id) ON DELETE CASCADE,
    source     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
-- In-application notices to the officers of a unit (reminders); one per
-- (unit, kind, ref) so that a reminder is never recorded twice the same day.
CREATE TABLE notice (
    id         INTEGER PRIMARY KEY,
    unit_code  TEXT NOT NULL,
    kind       TEXT NOT NULL,
    ref        TEXT NOT NULL,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL DEFAULT '',
    link       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    read_at    TEXT,
    read_by    TEXT,
    UNIQUE (unit_code, kind, ref)
);
CREATE INDEX notice_unit ON notice (unit_code, read_at);
-- Document numbers ("Số: 05/BC-UBND"): one series per unit, year and symbol.
CREATE TABLE doc_series (
    unit_code TEXT NOT NULL,
    year      INTEGER NOT NULL,
    symbol    TEXT NOT NULL,
    last      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_code, year, symbol)
);
