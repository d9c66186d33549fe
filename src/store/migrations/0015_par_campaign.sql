-- 0015_par_campaign: PAR Index frameworks as imported and scoring campaigns
-- (docs/internals/par_campaign.md). A framework row is never changed: a new
-- import is a new row (the same content imported twice is the same row, by
-- sha256), so a campaign keeps the exact framework it started with. Points
-- are integers in millipoints (1 point = 1000), as in src/domain/par_score.h.
CREATE TABLE par_framework (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    year_to     INTEGER NOT NULL DEFAULT 0,
    unit_kind   TEXT NOT NULL,
    reference   TEXT NOT NULL DEFAULT '',
    sample      INTEGER NOT NULL DEFAULT 0,
    sha256      TEXT NOT NULL UNIQUE,
    body        TEXT NOT NULL,            -- canonical JSON (cchc-par/1)
    source_name TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE TABLE par_campaign (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    year          INTEGER NOT NULL,
    framework_id  INTEGER NOT NULL REFERENCES par_framework (id),
    unit_kind     TEXT NOT NULL,
    scope_code    TEXT NOT NULL DEFAULT '',  -- the province whose units take part ('' = all)
    opens_on      TEXT NOT NULL,
    self_due      TEXT NOT NULL,
    explain_due   TEXT NOT NULL,
    round1_due    TEXT NOT NULL,
    round2_due    TEXT NOT NULL,
    publish_due   TEXT NOT NULL,
    bonus_max     INTEGER,                   -- NULL = no cap
    penalty_max   INTEGER,
    survey_mode   TEXT NOT NULL DEFAULT 'auto', -- auto | held | none
    finalised_at  TEXT,
    finalised_by  TEXT,
    published_at  TEXT,
    published_by  TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL
);
CREATE INDEX par_campaign_year ON par_campaign (year, unit_kind);
-- Grades of the campaign (empty = the framework's), descending min (millipercent).
CREATE TABLE par_campaign_grade (
    campaign_id INTEGER NOT NULL REFERENCES par_campaign (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    label       TEXT NOT NULL,
    min_value   INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, seq)
);
-- Which unit of the registry plays an appraiser role in this campaign.
CREATE TABLE par_campaign_appraiser (
    campaign_id INTEGER NOT NULL REFERENCES par_campaign (id) ON DELETE CASCADE,
    role        TEXT NOT NULL,
    unit_code   TEXT NOT NULL,
    PRIMARY KEY (campaign_id, role)
);
-- A deadline moved for one unit by the standing agency; the newest row of
-- (campaign, unit, step) is in force.
CREATE TABLE par_extension (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES par_campaign (id) ON DELETE CASCADE,
    unit_code   TEXT NOT NULL,
    step        TEXT NOT NULL,   -- self | explain | round1 | round2
    due_on      TEXT NOT NULL,
    reason      TEXT NOT NULL,
    author      TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX par_extension_key ON par_extension (campaign_id, unit_code, step, id);
