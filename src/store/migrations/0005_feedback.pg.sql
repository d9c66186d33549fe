-- 0005_feedback: what the citizen-feedback (PAKN) use cases need beyond the
-- tables of 0002: the information-supply time, every due derived from the
-- rules (and the rules version that produced them), the rating time, the
-- content and the sender's name and contact (personal data: never shown on
-- public endpoints), the value of an event (a rating), and an index for the
-- KPI scan by answer time.
-- PostgreSQL form of this step (the SQLite form is 0005_feedback.sqlite.sql):
-- BIGINT for INTEGER (64-bit, as SQLite integers), identity keys for
-- INTEGER PRIMARY KEY, DOUBLE PRECISION for REAL, BYTEA for BLOB.
ALTER TABLE feedback ADD COLUMN info_supplied_at BIGINT;
ALTER TABLE feedback ADD COLUMN info_due BIGINT;
ALTER TABLE feedback ADD COLUMN answer_due_base BIGINT;
ALTER TABLE feedback ADD COLUMN rated_at BIGINT;
ALTER TABLE feedback ADD COLUMN content TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN sender_name TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN sender_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback ADD COLUMN rules_version TEXT NOT NULL DEFAULT '';
ALTER TABLE feedback_event ADD COLUMN value BIGINT NOT NULL DEFAULT 0;
CREATE INDEX feedback_answered ON feedback (answered_at);
