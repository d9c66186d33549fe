-- 0031_surveys: satisfaction surveys (SIPAS-style; docs/internals/citizens.md).
-- survey_form: a questionnaire version as imported (the cchc-survey/1 JSON
-- kept whole, never changed: a new version is a new row). survey: one run
-- of a form for a unit and a reporting period, with its public token (the
-- link and QR code) and its computation rule. survey_response: one filled
-- form, from the web (one per device: the SHA-256 of the browser's random
-- token; one per dossier when a dossier code is given) or from paper (a CSV
-- batch); answers "ITEM=score;..." and demographics "QUESTION=option;...".
CREATE TABLE survey_form (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL,
    version     TEXT NOT NULL,
    title       TEXT NOT NULL,
    body        TEXT NOT NULL,
    sha256      TEXT NOT NULL UNIQUE,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    UNIQUE (code, version)
);
CREATE TABLE survey (
    id          INTEGER PRIMARY KEY,
    form_id     INTEGER NOT NULL REFERENCES survey_form (id),
    unit_code   TEXT NOT NULL,
    period      TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    token       TEXT NOT NULL UNIQUE,
    rule        TEXT NOT NULL,
    state       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    UNIQUE (form_id, unit_code, period)
);
CREATE TABLE survey_response (
    id           INTEGER PRIMARY KEY,
    survey_id    INTEGER NOT NULL REFERENCES survey (id) ON DELETE CASCADE,
    source       TEXT NOT NULL,
    device       TEXT,
    dossier_code TEXT,
    batch        TEXT,
    answers      TEXT NOT NULL,
    demo         TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    UNIQUE (survey_id, device),
    UNIQUE (survey_id, dossier_code)
);
CREATE INDEX survey_unit ON survey (unit_code, period);
