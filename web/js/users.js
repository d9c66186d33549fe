// users.js - user administration (Người dùng, route #/nguoi-dung) for an
// admin and for the standing agency (its province's users): the list with
// role labels and units, creating a user (a generated password shown once
// when none is typed), changing role, unit and name, disabling, resetting a
// password; and the change of one's own password (#/mat-khau) for everyone.
// The password rules and the login throttle are explained where they apply.
// API: GET/POST /api/v1/users, POST /api/v1/users/{login},
// POST /api/v1/users/{login}/password, POST /api/v1/me/password.

import { $, addText, api, el, errorOf, field, option, showError, state, t } from './core.js';
import { fetchUnits, units } from './units.js';

addText({
  vi: {
    nav_users: 'Người dùng',
    users_title: 'Quản lý người dùng',
    users_loading: 'Đang tải danh sách người dùng…',
    users_none: 'Không có người dùng nào trong phạm vi quản lý của bạn.',
    users_count: (n) => `${n} người dùng`,
    users_col_login: 'Tài khoản',
    users_col_name: 'Họ tên',
    users_col_role: 'Vai trò',
    users_col_unit: 'Đơn vị',
    users_col_state: 'Trạng thái',
    users_col_actions: 'Thao tác',
    users_active: 'Đang hoạt động',
    users_disabled: 'Đã khóa',
    users_edit: 'Sửa',
    users_save: 'Lưu',
    users_cancel: 'Hủy',
    users_disable: 'Khóa',
    users_enable: 'Mở khóa',
    users_reset: 'Đặt lại mật khẩu',
    users_reset_confirm: (login) => `Đặt lại mật khẩu của ${login}? Các phiên đăng nhập của người này sẽ kết thúc.`,
    users_new_password: (login, pw) =>
      `Mật khẩu mới của ${login}: ${pw} — chỉ hiện một lần, hãy chuyển cho người dùng.`,
    users_created: (login, pw) =>
      pw ? `Đã tạo ${login}. Mật khẩu: ${pw} — chỉ hiện một lần, hãy chuyển cho người dùng.` : `Đã tạo ${login}.`,
    users_saved: 'Đã lưu thay đổi.',
    users_add_title: 'Thêm người dùng',
    users_login: 'Tên đăng nhập',
    users_name: 'Họ và tên',
    users_role: 'Vai trò',
    users_unit: 'Đơn vị công tác',
    users_unit_none: '— Không (chỉ quản trị hệ thống) —',
    users_password: 'Mật khẩu (để trống: hệ thống tạo)',
    users_add: 'Thêm người dùng',
    users_login_rule: '3–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang; bắt đầu bằng chữ cái.',
    users_unit_rule: 'Mọi vai trò trừ quản trị hệ thống đều cần đơn vị công tác.',
    password_rules:
      'Mật khẩu: ít nhất 10 ký tự, không phải mật khẩu phổ biến (như “password123”, “matkhau123”), không chứa tên đăng nhập.',
    login_throttle:
      'Nhập sai mật khẩu 5 lần liên tiếp, tài khoản tạm khóa đăng nhập từ 1 đến 15 phút; chờ rồi thử lại hoặc nhờ quản trị đặt lại mật khẩu.',
    pw_title: 'Đổi mật khẩu',
    pw_link: 'Đổi mật khẩu',
    pw_current: 'Mật khẩu hiện tại',
    pw_new: 'Mật khẩu mới',
    pw_repeat: 'Nhập lại mật khẩu mới',
    pw_submit: 'Đổi mật khẩu',
    pw_mismatch: 'Hai lần nhập mật khẩu mới không giống nhau.',
    pw_done: 'Đã đổi mật khẩu. Vui lòng đăng nhập lại bằng mật khẩu mới.',
    roles_all: {
      admin: 'Quản trị hệ thống',
      standing: 'Cơ quan thường trực CCHC',
      officer: 'Cán bộ CCHC đơn vị',
      appraiser: 'Cơ quan thẩm định',
      viewer: 'Người xem',
    },
  },
  en: {
    nav_users: 'Users',
    users_title: 'User administration',
    users_loading: 'Loading users…',
    users_none: 'No user within your administration scope.',
    users_count: (n) => `${n} users`,
    users_col_login: 'Account',
    users_col_name: 'Full name',
    users_col_role: 'Role',
    users_col_unit: 'Unit',
    users_col_state: 'State',
    users_col_actions: 'Actions',
    users_active: 'Active',
    users_disabled: 'Disabled',
    users_edit: 'Edit',
    users_save: 'Save',
    users_cancel: 'Cancel',
    users_disable: 'Disable',
    users_enable: 'Enable',
    users_reset: 'Reset password',
    users_reset_confirm: (login) => `Reset the password of ${login}? Their sessions will end.`,
    users_new_password: (login, pw) => `New password of ${login}: ${pw} — shown once, pass it on to the user.`,
    users_created: (login, pw) =>
      pw ? `Created ${login}. Password: ${pw} — shown once, pass it on to the user.` : `Created ${login}.`,
    users_saved: 'Changes saved.',
    users_add_title: 'Add a user',
    users_login: 'Login name',
    users_name: 'Full name',
    users_role: 'Role',
    users_unit: 'Unit',
    users_unit_none: '— None (system administrators only) —',
    users_password: 'Password (empty: generated)',
    users_add: 'Add user',
    users_login_rule: '3–64 characters a-z, 0-9, dot, underscore, hyphen; starting with a letter.',
    users_unit_rule: 'Every role but system administrator needs a unit.',
    password_rules:
      'Password: at least 10 characters, not a common one (such as “password123”), not containing the login name.',
    login_throttle:
      'After 5 wrong passwords in a row, logging in is blocked for 1 to 15 minutes; wait and retry, or ask an administrator to reset the password.',
    pw_title: 'Change password',
    pw_link: 'Change password',
    pw_current: 'Current password',
    pw_new: 'New password',
    pw_repeat: 'Repeat the new password',
    pw_submit: 'Change password',
    pw_mismatch: 'The two new passwords differ.',
    pw_done: 'Password changed. Please log in again with the new password.',
    roles_all: {
      admin: 'System administrator',
      standing: 'Reform standing agency',
      officer: 'Unit reform officer',
      appraiser: 'Appraising agency',
      viewer: 'Viewer',
    },
  },
});

const view = { showLogin: null, data: null, editing: null, notice: '', seq: 0 };

export function roleText(code) {
  return (t('roles_all') || {})[code] || code || '—';
}

// Whether the signed-in user administers users (admin, standing agency).
export function managesUsers() {
  const r = state.user && state.user.role;
  return r === 'admin' || r === 'standing';
}

function unitChoices() {
  return (units.list || []).filter((u) => u.in_scope !== false && u.kind !== 'phong' && !u.valid_to);
}

// The units of today's tree in scope, plus the user's current unit when it
// is no longer on it (so that saving other fields keeps it).
function unitSelect(value, allowNone) {
  const s = el('select');
  if (allowNone) s.append(option('', t('users_unit_none'), !value));
  const list = unitChoices();
  if (value && !list.some((u) => u.code === value)) {
    const old = (units.list || []).find((u) => u.code === value);
    s.append(option(value, old ? `${old.name} (${value})` : value, true));
  }
  for (const u of list) s.append(option(u.code, `${u.name} (${u.code})`, u.code === value));
  return s;
}

function roleSelect(value) {
  const s = el('select');
  for (const r of view.data.roles) s.append(option(r.code, roleText(r.code), r.code === value));
  return s;
}

function button(text, cls, onClick) {
  const b = el('button', `btn ${cls || 'btn-secondary'} btn-small`, text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function errorLine() {
  const p = el('p', 'form-error');
  p.setAttribute('role', 'alert');
  p.hidden = true;
  return p;
}

async function send(method, path, body, err) {
  const r = await api(method, path, body);
  if (r.status === 401) {
    view.showLogin(errorOf(r));
    return null;
  }
  if (r.status >= 400 || r.status === 0) {
    showError(err, errorOf(r));
    return null;
  }
  return r;
}

function editRow(u, err) {
  const tr = el('tr', 'user-edit');
  const td = el('td');
  td.colSpan = 6;
  const form = el('form', 'tasks-filters');
  const role = roleSelect(u.role);
  const unit = unitSelect(u.unit_code, true);
  const name = el('input');
  name.type = 'text';
  name.value = u.full_name || '';
  form.append(field(t('users_role'), role), field(t('users_unit'), unit), field(t('users_name'), name));
  form.append(
    button(t('users_save'), 'btn-primary', async () => {
      const r = await send(
        'POST',
        `/api/v1/users/${encodeURIComponent(u.login)}`,
        { role: role.value, unit: unit.value || null, full_name: name.value.trim() },
        err,
      );
      if (!r) return;
      view.editing = null;
      view.notice = t('users_saved');
      await load();
    }),
    button(t('users_cancel'), null, () => {
      view.editing = null;
      render();
    }),
  );
  td.append(form);
  tr.append(td);
  return tr;
}

function actions(u, err) {
  const td = el('td', 'user-actions');
  td.append(
    button(t('users_edit'), null, () => {
      view.editing = u.login;
      render();
    }),
    button(u.disabled ? t('users_enable') : t('users_disable'), null, async () => {
      const r = await send('POST', `/api/v1/users/${encodeURIComponent(u.login)}`, { disabled: !u.disabled }, err);
      if (r) await load();
    }),
    button(t('users_reset'), null, async () => {
      if (!window.confirm(t('users_reset_confirm', u.login))) return;
      const r = await send('POST', `/api/v1/users/${encodeURIComponent(u.login)}/password`, {}, err);
      if (!r) return;
      view.notice = t('users_new_password', u.login, r.data.password);
      await load();
    }),
  );
  return td;
}

function usersTable(err) {
  const table = el('table', 'tasks-table users-table');
  const head = el('tr');
  for (const k of [
    'users_col_login',
    'users_col_name',
    'users_col_role',
    'users_col_unit',
    'users_col_state',
    'users_col_actions',
  ]) {
    const th = el('th', null, t(k));
    th.scope = 'col';
    head.append(th);
  }
  table.append(el('thead'), el('tbody'));
  table.tHead.append(head);
  for (const u of view.data.users) {
    const tr = el('tr', u.disabled ? 'user-disabled' : null);
    tr.dataset.login = u.login;
    tr.append(
      el('td', null, u.login),
      el('td', null, u.full_name || '—'),
      el('td', 'user-role', roleText(u.role)),
      el('td', null, u.unit_name ? `${u.unit_name} (${u.unit_code})` : u.unit_code || '—'),
      el('td', null, u.disabled ? t('users_disabled') : t('users_active')),
      actions(u, err),
    );
    table.tBodies[0].append(tr);
    if (view.editing === u.login) table.tBodies[0].append(editRow(u, err));
  }
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  return wrap;
}

function addForm() {
  const sec = el('section', 'user-add');
  sec.append(el('h2', null, t('users_add_title')));
  const form = el('form', 'tasks-filters');
  form.id = 'user-add';
  form.noValidate = true;
  const login = el('input');
  login.type = 'text';
  login.autocomplete = 'off';
  login.spellcheck = false;
  const name = el('input');
  name.type = 'text';
  const role = roleSelect('officer');
  const unit = unitSelect('', true);
  const pw = el('input');
  pw.type = 'password';
  pw.autocomplete = 'new-password';
  const err = errorLine();
  const submit = el('button', 'btn btn-primary', t('users_add'));
  submit.type = 'submit';
  form.append(
    field(t('users_login'), login, 'user-add-login'),
    field(t('users_name'), name, 'user-add-name'),
    field(t('users_role'), role, 'user-add-role'),
    field(t('users_unit'), unit, 'user-add-unit'),
    field(t('users_password'), pw, 'user-add-password'),
    submit,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError(err, null);
    const body = { login: login.value.trim(), full_name: name.value.trim(), role: role.value, unit: unit.value };
    if (pw.value) body.password = pw.value;
    submit.disabled = true;
    const r = await send('POST', '/api/v1/users', body, err);
    submit.disabled = false;
    if (!r) return;
    view.notice = t('users_created', body.login, r.data.password);
    await load();
  });
  sec.append(
    form,
    el('p', 'small muted', t('users_login_rule')),
    el('p', 'small muted', t('users_unit_rule')),
    el('p', 'small muted password-rules', t('password_rules')),
    err,
  );
  return sec;
}

function render() {
  const box = $('users-view');
  box.replaceChildren(el('h1', null, t('users_title')));
  if (!view.data) {
    box.append(el('p', 'muted', t('users_loading')));
    return;
  }
  if (view.notice) {
    const n = el('p', 'notice', view.notice);
    n.id = 'users-notice';
    n.setAttribute('role', 'status');
    box.append(n);
  }
  const err = errorLine();
  err.id = 'users-error';
  box.append(err);
  if (!view.data.users.length) box.append(el('p', 'muted', t('users_none')));
  else box.append(el('p', 'muted', t('users_count', view.data.users.length)), usersTable(err));
  box.append(addForm());
}

async function load() {
  const seq = ++view.seq;
  const r = await api('GET', '/api/v1/users');
  if (seq !== view.seq) return;
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status !== 200) {
    const box = $('users-view');
    const p = errorLine();
    showError(p, errorOf(r));
    box.replaceChildren(el('h1', null, t('users_title')), p);
    return;
  }
  view.data = r.data;
  render();
}

export async function openUsers(showLogin) {
  view.showLogin = showLogin;
  view.notice = '';
  view.editing = null;
  render();
  await fetchUnits();
  await load();
}

// ---- one's own password ----------------------------------------------------

export function openPassword(showLogin) {
  const box = $('password-view');
  box.replaceChildren(el('h1', null, t('pw_title')));
  const form = el('form', 'password-form');
  form.id = 'pw-form';
  form.noValidate = true;
  const input = (id, ac) => {
    const i = el('input');
    i.type = 'password';
    i.id = id;
    i.autocomplete = ac;
    return i;
  };
  const current = input('pw-current', 'current-password');
  const next = input('pw-new', 'new-password');
  const again = input('pw-repeat', 'new-password');
  const err = errorLine();
  err.id = 'pw-error';
  const submit = el('button', 'btn btn-primary', t('pw_submit'));
  submit.type = 'submit';
  form.append(
    field(t('pw_current'), current),
    field(t('pw_new'), next),
    field(t('pw_repeat'), again),
    el('p', 'small muted password-rules', t('password_rules')),
    err,
    submit,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError(err, null);
    if (next.value !== again.value) {
      showError(err, { code: 'form.mismatch', message: t('pw_mismatch'), message_en: t('pw_mismatch') });
      again.focus();
      return;
    }
    submit.disabled = true;
    const r = await api('POST', '/api/v1/me/password', { current: current.value, password: next.value });
    submit.disabled = false;
    if (r.status === 200) {
      showLogin({ code: 'user.password_changed', message: t('pw_done'), message_en: t('pw_done') });
      return;
    }
    showError(err, errorOf(r));
    const f = r.data && r.data.error && r.data.error.field;
    (f === 'current' ? current : next).focus();
  });
  box.append(form);
}

export function resetUsers() {
  view.seq++;
  view.data = null;
  view.notice = '';
}
