-- 0016_par_score: score sheets of a campaign (docs/internals/par_campaign.md).
-- One par_sheet per (campaign, unit); one par_score per (sheet, leaf) holding
-- the current values; every change of a value is appended to par_change in
-- the same transaction (who, when, old -> new, why). Points in millipoints,
-- ratios in millipercent; NULL = not entered.
CREATE TABLE par_sheet (
    id             INTEGER PRIMARY KEY,
    campaign_id    INTEGER NOT NULL REFERENCES par_campaign (id) ON DELETE CASCADE,
    unit_code      TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'draft',  -- draft | submitted
    submitted_at   TEXT,
    submitted_by   TEXT,
    bonus          INTEGER NOT NULL DEFAULT 0,
    bonus_reason   TEXT NOT NULL DEFAULT '',
    penalty        INTEGER NOT NULL DEFAULT 0,
    penalty_reason TEXT NOT NULL DEFAULT '',
    difficulties   TEXT NOT NULL DEFAULT '',       -- self-assessment report, part III
    updated_at     TEXT NOT NULL,
    UNIQUE (campaign_id, unit_code)
);
CREATE TABLE par_score (
    id              INTEGER PRIMARY KEY,
    sheet_id        INTEGER NOT NULL REFERENCES par_sheet (id) ON DELETE CASCADE,
    code            TEXT NOT NULL,
    self_points     INTEGER,
    self_note       TEXT NOT NULL DEFAULT '',
    self_origin     TEXT NOT NULL DEFAULT '',      -- '' | manual | accepted (the pre-filled figure)
    measured        INTEGER,                       -- pre-filled figure (millipercent)
    measured_period TEXT NOT NULL DEFAULT '',
    measured_link   TEXT NOT NULL DEFAULT '',
    not_applicable  INTEGER NOT NULL DEFAULT 0,
    na_reason       TEXT NOT NULL DEFAULT '',
    survey_source   TEXT NOT NULL DEFAULT '',      -- the imported file's name
    round1          INTEGER,
    round1_reason   TEXT NOT NULL DEFAULT '',
    round2          INTEGER,
    round2_reason   TEXT NOT NULL DEFAULT '',
    final_points    INTEGER,
    final_reason    TEXT NOT NULL DEFAULT '',
    survey          INTEGER,
    survey_ratio    INTEGER,
    explain_state   TEXT NOT NULL DEFAULT '',      -- '' | requested | answered
    explain_round   INTEGER NOT NULL DEFAULT 0,
    explain_request TEXT NOT NULL DEFAULT '',
    explain_answer  TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL,
    UNIQUE (sheet_id, code)
);
CREATE TABLE par_score_evidence (
    score_id    INTEGER NOT NULL REFERENCES par_score (id) ON DELETE CASCADE,
    evidence_id INTEGER NOT NULL REFERENCES evidence (id),
    PRIMARY KEY (score_id, evidence_id)
);
CREATE TABLE par_sheet_evidence (
    sheet_id    INTEGER NOT NULL REFERENCES par_sheet (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL,                     -- bonus | penalty | report
    evidence_id INTEGER NOT NULL REFERENCES evidence (id),
    PRIMARY KEY (sheet_id, purpose, evidence_id)
);
-- The history of every value: field is self | accept | round1 | round2 |
-- final | survey | survey_ratio | measured | not_applicable | explain_request |
-- explain_answer | bonus | penalty | state; code '' = the sheet itself.
CREATE TABLE par_change (
    id        INTEGER PRIMARY KEY,
    sheet_id  INTEGER NOT NULL REFERENCES par_sheet (id) ON DELETE CASCADE,
    code      TEXT NOT NULL,
    field     TEXT NOT NULL,
    old_value INTEGER,
    new_value INTEGER,
    reason    TEXT NOT NULL DEFAULT '',
    author    TEXT NOT NULL,
    at        TEXT NOT NULL
);
CREATE INDEX par_change_key ON par_change (sheet_id, code, id);
