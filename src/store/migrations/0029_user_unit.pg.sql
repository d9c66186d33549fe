-- 0029_user_unit: every role but admin has a unit (issue 16 item 6); see
-- 0029_user_unit.sqlite.sql for what happens to existing accounts (disabled,
-- sessions ended, an audit entry each; the operator assigns a unit and
-- enables them). Here the rule is a CHECK constraint.
UPDATE app_user SET unit_code = NULL WHERE unit_code = '';
INSERT INTO audit_event (at, actor, action, object, detail, before_json, after_json)
SELECT CURRENT_TIMESTAMP, 'migration', 'user.disable', 'user:' || login,
       '0029: vai trò ' || role || ' không có đơn vị / role ' || role || ' without a unit',
       '{"disabled":false,"unit_code":null}', '{"disabled":true,"unit_code":null}'
FROM app_user WHERE role <> 'admin' AND unit_code IS NULL AND disabled = 0 ORDER BY id;
DELETE FROM session WHERE user_id IN
    (SELECT id FROM app_user WHERE role <> 'admin' AND unit_code IS NULL);
UPDATE app_user SET disabled = 1 WHERE role <> 'admin' AND unit_code IS NULL;
ALTER TABLE app_user ADD CONSTRAINT app_user_unit_required
    CHECK (role = 'admin' OR disabled <> 0 OR COALESCE(unit_code, '') <> '');
