-- 0007_measurements: measurements of plan targets entered by hand
-- (indicators the dossier ledger cannot compute), per unit and period, with
-- their evidence (docs/internals/targets.md). Append-only: the newest row
-- of (target, unit, period) is the current value; computed indicators are
-- never stored (they are measured live by the KPI engine).
CREATE TABLE target_measurement (
    id          INTEGER PRIMARY KEY,
    target_id   INTEGER NOT NULL REFERENCES target (id) ON DELETE CASCADE,
    unit_code   TEXT NOT NULL,
    period      TEXT NOT NULL,
    period_from TEXT NOT NULL,
    period_to   TEXT NOT NULL,
    value       REAL NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    author      TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX target_measurement_key ON target_measurement (target_id, unit_code, period_to, id);
CREATE TABLE target_measurement_evidence (
    measurement_id INTEGER NOT NULL REFERENCES target_measurement (id) ON DELETE CASCADE,
    evidence_id    INTEGER NOT NULL REFERENCES evidence (id),
    PRIMARY KEY (measurement_id, evidence_id)
);
