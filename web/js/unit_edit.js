// unit_edit.js - editing the unit registry from the unit page (Cây đơn vị),
// for administrators (issue 10 item 7): add a division under a unit, rename
// a unit from a date (the old name kept as an alias, the old version ended
// the day before), mark a merger into another unit from a date. Every edit
// goes through POST /api/v1/units, the same path and rules as a CSV import
// (parents, overlaps, cycles checked on the merged tree; all or nothing),
// with a "change" sentence that the audit trail keeps with who and when.

import { $, addText, api, el, errorOf, field, onLangChange, option, showError, state, t } from './core.js';
import { fetchUnits, forgetUnits, kindLabel, units, validity } from './units.js';

addText({
  vi: {
    ue_title: 'Sửa danh mục đơn vị',
    ue_hint:
      'Thay đổi theo cùng quy tắc như khi nhập tệp danh mục (đơn vị cha, thời gian hiệu lực không chồng lấn); mọi thay đổi được ghi nhật ký: người sửa, thời điểm, nội dung.',
    ue_unit: 'Đơn vị',
    ue_action: 'Thao tác',
    ue_add: 'Thêm đơn vị trực thuộc',
    ue_rename: 'Đổi tên (giữ tên cũ làm tên khác)',
    ue_merge: 'Sáp nhập vào đơn vị khác',
    ue_code: 'Mã đơn vị mới',
    ue_name: 'Tên đơn vị',
    ue_new_name: 'Tên mới',
    ue_kind: 'Loại đơn vị',
    ue_from: 'Có hiệu lực từ ngày',
    ue_target: 'Sáp nhập vào',
    ue_submit: 'Lưu thay đổi',
    ue_done: (what) => `Đã lưu: ${what}.`,
    ue_missing: 'Vui lòng điền đủ các trường.',
    ue_date_order: 'Ngày hiệu lực phải sau ngày bắt đầu của tên hiện tại.',
    ue_change_add: (name, code, parent) => `thêm ${name} (${code}) trực thuộc ${parent}`,
    ue_change_rename: (old, name, from) => `đổi tên ${old} thành ${name} từ ${from}`,
    ue_change_merge: (name, target, from) => `sáp nhập ${name} vào ${target} từ ${from}`,
  },
  en: {
    ue_title: 'Edit the unit registry',
    ue_hint:
      'Changes follow the rules of a registry file import (parents, validity periods without overlap); every change is recorded: who, when, what.',
    ue_unit: 'Unit',
    ue_action: 'Action',
    ue_add: 'Add a subordinate unit',
    ue_rename: 'Rename (the old name kept as an alias)',
    ue_merge: 'Merge into another unit',
    ue_code: 'New unit code',
    ue_name: 'Unit name',
    ue_new_name: 'New name',
    ue_kind: 'Kind of unit',
    ue_from: 'Effective from',
    ue_target: 'Merged into',
    ue_submit: 'Save the change',
    ue_done: (what) => `Saved: ${what}.`,
    ue_missing: 'Please fill in every field.',
    ue_date_order: 'The date must come after the start of the current name.',
    ue_change_add: (name, code, parent) => `add ${name} (${code}) under ${parent}`,
    ue_change_rename: (old, name, from) => `rename ${old} to ${name} from ${from}`,
    ue_change_merge: (name, target, from) => `merge ${name} into ${target} from ${from}`,
  },
});

const KINDS = ['phong', 'dvsn', 'so', 'huyen', 'xa', 'tinh'];
const view = { showLogin: null, done: '', lang: false };

function dayBefore(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

function todayIso() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function input(id, type = 'text') {
  const i = el('input');
  i.id = id;
  i.type = type;
  i.autocomplete = 'off';
  return i;
}

function currentUnits() {
  return (units.list || []).filter((u) => validity(u) === 'current');
}

// A version as the import JSON writes it.
function version(u, changes) {
  const v = { code: u.code, name: u.name, kind: u.kind, aliases: u.aliases || [] };
  if (u.parent) v.parent = u.parent;
  if (u.valid_from) v.valid_from = u.valid_from;
  if (u.valid_to) v.valid_to = u.valid_to;
  return { ...v, ...changes };
}

// The import payload of the chosen action, or an error key.
function payload(u, f) {
  const from = f.from.value;
  if (!from) return { error: 'ue_missing' };
  const fmt = from.split('-').reverse().join('/');
  if (f.action.value === 'add') {
    const code = f.code.value.trim();
    const name = f.name.value.trim();
    if (!code || !name) return { error: 'ue_missing' };
    return {
      body: { units: [{ code, name, kind: f.kind.value, parent: u.code, valid_from: from }] },
      change: t('ue_change_add', name, code, u.name),
    };
  }
  if (f.action.value === 'rename') {
    const name = f.name.value.trim();
    if (!name) return { error: 'ue_missing' };
    if (u.valid_from && from <= u.valid_from) return { error: 'ue_date_order' };
    const aliases = [...new Set([...(u.aliases || []), u.name])];
    return {
      body: {
        units: [
          version(u, { valid_to: dayBefore(from) }),
          version(u, { name, valid_from: from, valid_to: u.valid_to || undefined, aliases }),
        ],
      },
      change: t('ue_change_rename', u.name, name, fmt),
    };
  }
  const target = (units.list || []).find((x) => x.code === f.target.value);
  if (!target) return { error: 'ue_missing' };
  if (u.valid_from && from <= u.valid_from) return { error: 'ue_date_order' };
  return {
    body: {
      units: [version(u, { valid_to: dayBefore(from) })],
      links: [{ from: u.code, to: target.code, kind: 'merged_into', date: from }],
    },
    change: t('ue_change_merge', u.name, target.name, fmt),
  };
}

function render() {
  let box = $('unit-edit');
  if (!box) {
    box = el('section', 'unit-edit');
    box.id = 'unit-edit';
    $('units-view').append(box);
  }
  if (!state.user || state.user.role !== 'admin') {
    box.replaceChildren();
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const list = currentUnits();
  const unit = el('select');
  for (const u of list) unit.append(option(u.code, `${u.name} (${u.code})`, false));
  const action = el('select');
  for (const a of ['add', 'rename', 'merge']) action.append(option(a, t(`ue_${a}`), a === 'add'));
  const code = input('ue-code');
  const name = input('ue-name');
  const kind = el('select');
  for (const k of KINDS) kind.append(option(k, kindLabel(k), k === 'phong'));
  const from = input('ue-from', 'date');
  from.value = todayIso();
  const target = el('select');
  for (const u of list) target.append(option(u.code, `${u.name} (${u.code})`, false));
  const fCode = field(t('ue_code'), code);
  const fName = field(t('ue_name'), name);
  const fKind = field(t('ue_kind'), kind);
  const fTarget = field(t('ue_target'), target, 'ue-target');
  const nameLabel = fName.querySelector('label');
  const sync = () => {
    const a = action.value;
    fCode.hidden = a !== 'add';
    fKind.hidden = a !== 'add';
    fName.hidden = a === 'merge';
    fTarget.hidden = a !== 'merge';
    nameLabel.textContent = a === 'rename' ? t('ue_new_name') : t('ue_name');
  };
  action.addEventListener('change', sync);
  const err = el('p', 'form-error');
  err.id = 'ue-error';
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const done = el('p', 'form-ok', view.done);
  done.id = 'ue-done';
  done.setAttribute('aria-live', 'polite');
  const submit = el('button', 'btn btn-primary', t('ue_submit'));
  submit.type = 'submit';
  submit.id = 'ue-submit';
  const form = el('form', 'tasks-filters');
  form.noValidate = true;
  form.append(
    field(t('ue_unit'), unit, 'ue-unit'),
    field(t('ue_action'), action, 'ue-action'),
    fCode,
    fName,
    fKind,
    fTarget,
    field(t('ue_from'), from),
    submit,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError(err, null);
    done.textContent = '';
    const u = list.find((x) => x.code === unit.value);
    const p = u ? payload(u, { action, code, name, kind, from, target }) : { error: 'ue_missing' };
    if (p.error) {
      showError(err, { code: 'unit.form', message: t(p.error), message_en: t(p.error) });
      return;
    }
    submit.disabled = true;
    const r = await api('POST', '/api/v1/units', { ...p.body, change: p.change });
    submit.disabled = false;
    if (r.status === 401) return view.showLogin(errorOf(r));
    if (r.status !== 200) {
      showError(err, errorOf(r));
      return;
    }
    view.done = t('ue_done', p.change);
    forgetUnits();
    await fetchUnits(true);
    document.dispatchEvent(new CustomEvent('cchc:units-changed'));
  });
  sync();
  box.replaceChildren(el('h2', null, t('ue_title')), el('p', 'small muted', t('ue_hint')), form, err, done);
}

// Shows the editor under the tree (administrators only).
export function openUnitEditor(showLogin) {
  view.showLogin = showLogin;
  if (!view.lang) {
    view.lang = true;
    onLangChange(() => {
      if ($('unit-edit') && !$('units-view').hidden) render();
    });
  }
  render();
}

export function resetUnitEditor() {
  view.done = '';
}
