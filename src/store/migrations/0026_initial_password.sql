-- 0026_initial_password: where the generated initial password of a user was
-- written (`cchc user add --password-file PATH`, used by scripts/run.sh for
-- the first administrator). The first change of that user's password, by
-- any route, deletes the file and this row (src/app/app_auth_password.h), so
-- an old password is never left on disk or shown again.
CREATE TABLE initial_password (
    login      TEXT PRIMARY KEY,
    path       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
