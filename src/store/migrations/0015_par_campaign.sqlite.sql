-- 0015_par_campaign: PAR Index frameworks as imported and scoring campaigns
-- (docs/internals/par_campaign.md). A framework is stored as rows (header,
-- grades, appraiser roles, nodes, levels, bands) and never changed: a new
-- import is a new framework (the same file imported twice is the same one,
-- by the SHA-256 of its bytes), so a campaign keeps the exact framework it
-- started with. Points are integers in millipoints (1 point = 1000) and
-- thresholds in millipercent, as in src/domain/par_framework.h.
CREATE TABLE par_framework (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    year        INTEGER NOT NULL,
    year_to     INTEGER NOT NULL DEFAULT 0,
    unit_kind   TEXT NOT NULL,
    reference   TEXT,
    sample      INTEGER NOT NULL DEFAULT 0,
    note        TEXT,
    max_total   INTEGER,                  -- declared total; NULL = not declared
    sha256      TEXT NOT NULL UNIQUE,     -- of the imported file's bytes
    source_name TEXT NOT NULL DEFAULT '',
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
);
CREATE TABLE par_framework_grade (
    framework_id INTEGER NOT NULL REFERENCES par_framework (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    label        TEXT NOT NULL,
    min_value    INTEGER NOT NULL,
    PRIMARY KEY (framework_id, seq)
);
CREATE TABLE par_framework_appraiser (
    framework_id INTEGER NOT NULL REFERENCES par_framework (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    area_key     TEXT NOT NULL,
    role         TEXT NOT NULL,
    PRIMARY KEY (framework_id, seq)
);
-- One row per node in code order (seq). Texts as the JSON format writes
-- them; NULL = absent. applies_to: entries joined by a line feed.
CREATE TABLE par_node (
    framework_id INTEGER NOT NULL REFERENCES par_framework (id) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT,
    max_points   INTEGER NOT NULL,
    method       TEXT,
    yes_points   INTEGER,
    no_points    INTEGER,
    source       TEXT,
    applies_to   TEXT,
    appraiser    TEXT,
    evidence     TEXT,
    area         TEXT,
    note         TEXT,
    PRIMARY KEY (framework_id, seq)
);
CREATE TABLE par_node_level (
    framework_id INTEGER NOT NULL REFERENCES par_framework (id) ON DELETE CASCADE,
    node_seq     INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    label        TEXT NOT NULL,
    points       INTEGER NOT NULL,
    PRIMARY KEY (framework_id, node_seq, seq)
);
CREATE TABLE par_node_band (
    framework_id INTEGER NOT NULL REFERENCES par_framework (id) ON DELETE CASCADE,
    node_seq     INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    lo           INTEGER NOT NULL,
    lo_kind      INTEGER NOT NULL,        -- 1 from (>=), 2 above (>)
    hi           INTEGER,
    hi_kind      INTEGER NOT NULL,        -- 0 none, 1 to (<=), 2 below (<)
    points       INTEGER NOT NULL,
    PRIMARY KEY (framework_id, node_seq, seq)
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
