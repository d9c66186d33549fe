// plan_life.js - plans as living records in the web UI (docs/internals/plan_lifecycle.md).
// In the import preview: the warning that the same plan (same file or same decision) is
// already imported, with the choice "Thay thế kế hoạch cũ" (replace), and the units a district's
// plan names that the registry lacks, with checkboxes; both go with the import as ?replace=1 and
// ?add_units=[…]. In the plans list: the filter current / all, the marks of superseded and
// deleted plans, and the actions Delete (with a reason, confirmed), Supersede (choose the new
// plan) and Restore, for the roles that may (the server decides in the end).
// All text goes through textContent.

import { $, addText, api, el, errorOf, formatNumber, showError, state, t } from './core.js';

addText({
  vi: {
    life_dup_hash: (id, title) => `Tệp này đã được nhập: kế hoạch #${id} “${title}”.`,
    life_dup_decision: (id, num, year, title) =>
      `Đã có kế hoạch cùng số ${num} năm ${year}: kế hoạch #${id} “${title}”. Nhập lại sẽ bị từ chối, trừ khi thay thế kế hoạch cũ.`,
    life_dup_open: 'Mở kế hoạch đã nhập',
    life_replace: 'Thay thế kế hoạch cũ (chuyển lịch sử theo dõi của các nhiệm vụ khớp nội dung)',
    life_units_title: 'Đơn vị chưa có trong danh mục',
    life_units_hint: 'Đánh dấu để thêm làm đơn vị trực thuộc cơ quan ban hành khi nhập kế hoạch:',
    life_unit_label: (name, code) => `${name} — mã đề xuất ${code}`,
    life_filter: 'Hiển thị',
    life_filter_current: 'Kế hoạch đang hiệu lực',
    life_filter_all: 'Tất cả (cả đã thay thế, đã xóa)',
    col_actions: 'Thao tác',
    life_status_superseded: (id) => `Đã được thay thế bởi #${id}`,
    life_status_deleted: 'Đã xóa',
    life_status: 'Tình trạng',
    life_delete: 'Xóa',
    life_supersede: 'Thay thế bằng…',
    life_restore: 'Khôi phục',
    life_reason: 'Lý do xóa',
    life_reason_placeholder: 'Ví dụ: nhập nhầm văn bản',
    life_delete_confirm: 'Xác nhận xóa kế hoạch',
    life_delete_note:
      'Kế hoạch sẽ không còn trong danh sách và các số liệu tổng hợp; dữ liệu theo dõi và minh chứng được giữ lại.',
    life_cancel: 'Hủy',
    life_new_plan: 'Kế hoạch mới thay thế',
    life_choose: '— chọn kế hoạch —',
    life_supersede_confirm: 'Xác nhận thay thế',
    life_deleted: (id) => `Đã xóa kế hoạch #${id}.`,
    life_restored: (id) => `Đã khôi phục kế hoạch #${id}.`,
    life_superseded: (oldId, newId, m, u, nt) =>
      `Kế hoạch #${oldId} đã được thay thế bởi #${newId}: ${m} nhiệm vụ khớp, ${u} nhiệm vụ cũ không khớp, ${nt} chỉ tiêu khớp (số liệu đã đo được chuyển sang).`,
  },
  en: {
    life_dup_hash: (id, title) => `This file was imported before: plan #${id} “${title}”.`,
    life_dup_decision: (id, num, year, title) =>
      `A plan with the same number ${num} for ${year} exists: plan #${id} “${title}”. The import will be refused unless it replaces the old plan.`,
    life_dup_open: 'Open the imported plan',
    life_replace: 'Replace the old plan (carry over the tracking history of matching tasks)',
    life_units_title: 'Units not in the registry',
    life_units_hint: 'Tick to add them as units under the issuer with the import:',
    life_unit_label: (name, code) => `${name} — proposed code ${code}`,
    life_filter: 'Show',
    life_filter_current: 'Current plans',
    life_filter_all: 'All (superseded and deleted too)',
    col_actions: 'Actions',
    life_status_superseded: (id) => `Superseded by #${id}`,
    life_status_deleted: 'Deleted',
    life_status: 'Status',
    life_delete: 'Delete',
    life_supersede: 'Supersede by…',
    life_restore: 'Restore',
    life_reason: 'Reason for deleting',
    life_reason_placeholder: 'For example: wrong document imported',
    life_delete_confirm: 'Confirm deleting the plan',
    life_delete_note: 'The plan leaves the lists and the figures; its tracking data and evidence are kept.',
    life_cancel: 'Cancel',
    life_new_plan: 'The new plan',
    life_choose: '— choose a plan —',
    life_supersede_confirm: 'Confirm superseding',
    life_deleted: (id) => `Plan #${id} deleted.`,
    life_restored: (id) => `Plan #${id} restored.`,
    life_superseded: (oldId, newId, m, u, nt) =>
      `Plan #${oldId} superseded by #${newId}: ${m} tasks matched, ${u} old tasks unmatched, ${nt} targets matched (their measurements carried over).`,
  },
});

// ---- import preview ---------------------------------------------------------

const imp = {
  plan: null, // the preview answer
  replace: false,
  add: new Set(), // names of suggested units ticked
};

// The import's query parameters for the choices made in the preview.
export function importLifeQuery() {
  return {
    replace: imp.replace ? '1' : '',
    add_units: imp.add.size ? JSON.stringify([...imp.add]) : '',
  };
}

export function resetImportLife() {
  imp.plan = null;
  imp.replace = false;
  imp.add = new Set();
}

function duplicateNode(d) {
  const p = el('p', 'life-dup');
  p.id = 'import-life-dup';
  p.textContent =
    d.reason === 'hash'
      ? t('life_dup_hash', d.plan_id, d.title || '')
      : t('life_dup_decision', d.plan_id, d.number || '', d.year || '', d.title || '');
  const a = el('a', null, t('life_dup_open'));
  a.href = `#/ke-hoach/${encodeURIComponent(d.plan_id)}`;
  p.append(' ', a);
  const box = el('div', 'notice notice-warn');
  box.append(p);
  if (d.reason === 'decision') {
    const label = el('label', 'check-label');
    const cb = el('input');
    cb.type = 'checkbox';
    cb.id = 'import-replace';
    cb.checked = imp.replace;
    cb.addEventListener('change', () => {
      imp.replace = cb.checked;
    });
    label.append(cb, ' ', t('life_replace'));
    box.append(label);
  }
  return box;
}

function unitsNode(list) {
  const box = el('div', 'notice life-units');
  box.append(el('h4', null, t('life_units_title')), el('p', null, t('life_units_hint')));
  const ul = el('ul', 'life-unit-list');
  list.forEach((u, i) => {
    const li = el('li');
    const label = el('label', 'check-label');
    const cb = el('input');
    cb.type = 'checkbox';
    cb.id = `import-add-unit-${i}`;
    cb.className = 'life-add-unit';
    cb.dataset.name = u.name;
    cb.checked = imp.add.has(u.name);
    cb.addEventListener('change', () => {
      if (cb.checked) imp.add.add(u.name);
      else imp.add.delete(u.name);
    });
    label.append(cb, ' ', t('life_unit_label', u.name, u.code));
    li.append(label);
    ul.append(li);
  });
  box.append(ul);
  return box;
}

// Renders the preview's duplicate warning and suggested units into box; a new
// preview (another plan object) starts with every suggestion ticked and no
// replacement chosen.
export function renderImportLife(box, plan) {
  if (plan !== imp.plan) {
    imp.plan = plan;
    imp.replace = false;
    imp.add = new Set((plan && plan.suggested_units ? plan.suggested_units : []).map((u) => u.name));
  }
  const parts = [];
  if (plan && plan.duplicate) parts.push(duplicateNode(plan.duplicate));
  if (plan && plan.suggested_units && plan.suggested_units.length) parts.push(unitsNode(plan.suggested_units));
  box.replaceChildren(...parts);
  box.hidden = !parts.length;
}

// ---- plans list -----------------------------------------------------------------

const list = {
  reload: null, // reloads the list
  plans: [], // the plans shown
};

// The list's query: '' (current plans) or '?status=all'.
export function plansListQuery() {
  const sel = $('plans-status');
  return sel && sel.value === 'all' ? '?status=all' : '';
}

function role() {
  return state.user ? state.user.role : '';
}

function button(cls, key, onClick) {
  const b = el('button', `btn btn-small ${cls}`, t(key));
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function say(key, ...args) {
  const p = $('plans-life-status');
  p.textContent = t(key, ...args);
  p.hidden = false;
}

async function act(method, path, body, done) {
  showError($('plans-error'), null);
  const r = await api(method, path, body);
  if (r.status === 200 && r.data) {
    done(r.data);
    if (list.reload) await list.reload();
    return true;
  }
  showError($('plans-error'), errorOf(r));
  return false;
}

// An inline form row under tr (one at a time).
function formRow(tr, ...nodes) {
  document.querySelectorAll('.life-form-row').forEach((n) => n.remove());
  const row = el('tr', 'life-form-row');
  const td = el('td');
  td.colSpan = tr.children.length;
  const form = el('div', 'life-form');
  form.append(...nodes);
  td.append(form);
  row.append(td);
  tr.after(row);
  return row;
}

function deleteForm(tr, p) {
  const id = `life-reason-${p.id}`;
  const label = el('label', null, t('life_reason'));
  label.htmlFor = id;
  const input = el('input');
  input.id = id;
  input.type = 'text';
  input.maxLength = 500;
  input.placeholder = t('life_reason_placeholder');
  const row = formRow(
    tr,
    el('p', 'muted', t('life_delete_note')),
    label,
    input,
    button('btn-danger life-delete-confirm', 'life_delete_confirm', () =>
      act('DELETE', `/api/v1/plans/${encodeURIComponent(p.id)}`, { reason: input.value.trim() }, () =>
        say('life_deleted', p.id),
      ),
    ),
    button('btn-secondary', 'life_cancel', () => row.remove()),
  );
  input.focus();
}

function supersedeForm(tr, p) {
  const id = `life-by-${p.id}`;
  const label = el('label', null, t('life_new_plan'));
  label.htmlFor = id;
  const sel = el('select');
  sel.id = id;
  const none = el('option', null, t('life_choose'));
  none.value = '';
  sel.append(none);
  for (const q of list.plans) {
    if (q.id === p.id || (q.status && q.status !== 'current')) continue;
    const o = el('option', null, `#${q.id} ${q.number || ''} ${q.title || ''}`.trim());
    o.value = String(q.id);
    sel.append(o);
  }
  const row = formRow(
    tr,
    label,
    sel,
    button('btn-primary life-supersede-confirm', 'life_supersede_confirm', () => {
      if (!sel.value) return sel.focus();
      return act('POST', `/api/v1/plans/${encodeURIComponent(p.id)}/supersede`, { by: Number(sel.value) }, (d) =>
        say(
          'life_superseded',
          d.plan_id,
          d.superseded_by,
          formatNumber((d.matched || []).length),
          formatNumber((d.unmatched_old || []).length),
          formatNumber(((d.targets || {}).matched || []).length),
        ),
      );
    }),
    button('btn-secondary', 'life_cancel', () => row.remove()),
  );
  sel.focus();
}

// A superseded or deleted plan's status in words ('' for a current plan).
export function planStatusText(p) {
  if (!p || !p.status || p.status === 'current') return '';
  const base = p.status === 'deleted' ? t('life_status_deleted') : t('life_status_superseded', p.superseded_by);
  const when = p.status_at ? ` · ${p.status_at.replace('T', ' ')}${p.status_by ? ` · ${p.status_by}` : ''}` : '';
  return `${base}${when}${p.status_reason ? ` — ${p.status_reason}` : ''}`;
}

// Adds the status mark to the title cell and the actions cell to a row of the
// plans list.
export function decoratePlanRow(tr, p) {
  const status = p.status || 'current';
  tr.dataset.status = status;
  const title = tr.querySelector('.plan-title');
  if (status !== 'current' && title) {
    const badge = el(
      'span',
      `badge badge-muted life-status life-${status}`,
      status === 'deleted' ? t('life_status_deleted') : t('life_status_superseded', p.superseded_by),
    );
    if (p.status_reason) badge.title = p.status_reason;
    title.append(' ', badge);
  }
  const td = el('td', 'plan-actions');
  const r = role();
  const archivist = r === 'admin' || r === 'standing';
  if (status === 'current' && (archivist || r === 'officer'))
    td.append(button('btn-secondary life-supersede', 'life_supersede', () => supersedeForm(tr, p)));
  if (status === 'current' && archivist)
    td.append(
      ' ',
      button('btn-secondary life-delete', 'life_delete', () => deleteForm(tr, p)),
    );
  if (status === 'deleted' && archivist)
    td.append(
      button('btn-secondary life-restore', 'life_restore', () =>
        act('POST', `/api/v1/plans/${encodeURIComponent(p.id)}/restore`, undefined, () => say('life_restored', p.id)),
      ),
    );
  tr.append(td);
}

// Called by plans.js with the plans shown and how to reload them.
export function setPlansList(plans, reload) {
  list.plans = plans || [];
  list.reload = reload;
}

export function initPlanLife(reload) {
  $('plans-status').addEventListener('change', () => {
    $('plans-life-status').hidden = true;
    reload();
  });
}
