-- 0029_user_unit: every role but admin has a unit (issue 16 item 6). Until
-- now a user without a unit had the whole system as its scope; from here on
-- only an administrator may have no unit, enforced by the application
-- (store_user_insert), by cchc user add, and by the triggers below.
-- Existing accounts that break the rule are neither deleted nor given a
-- guessed unit: they are disabled, their sessions ended, and each gets an
-- audit entry (user.disable, actor "migration"). The operator gives each a
-- unit and enables it again:
--     cchc unit assign-user LOGIN UNIT_CODE && cchc user enable LOGIN
-- (a disabled account may stay without a unit; enabling one without a unit
-- is refused).
UPDATE app_user SET unit_code = NULL WHERE unit_code = '';
INSERT INTO audit_event (at, actor, action, object, detail, before_json, after_json)
SELECT CURRENT_TIMESTAMP, 'migration', 'user.disable', 'user:' || login,
       '0029: vai trò ' || role || ' không có đơn vị / role ' || role || ' without a unit',
       '{"disabled":false,"unit_code":null}', '{"disabled":true,"unit_code":null}'
FROM app_user WHERE role <> 'admin' AND unit_code IS NULL AND disabled = 0 ORDER BY id;
DELETE FROM session WHERE user_id IN
    (SELECT id FROM app_user WHERE role <> 'admin' AND unit_code IS NULL);
UPDATE app_user SET disabled = 1 WHERE role <> 'admin' AND unit_code IS NULL;
CREATE TRIGGER app_user_unit_insert BEFORE INSERT ON app_user
WHEN NEW.role <> 'admin' AND NEW.disabled = 0 AND COALESCE(NEW.unit_code, '') = ''
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: app_user_unit_required');
END;
CREATE TRIGGER app_user_unit_update BEFORE UPDATE ON app_user
WHEN NEW.role <> 'admin' AND NEW.disabled = 0 AND COALESCE(NEW.unit_code, '') = ''
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: app_user_unit_required');
END;
