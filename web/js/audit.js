// audit.js - the audit log for administrators (route #/nhat-ky): every state
// change with who, when, what and the state before → after, newest first,
// filterable by account, action and object, page by page
// (GET /api/v1/audit). The chain itself is checked with `cchc audit verify`.
// All text through textContent.

import { $, addText, api, el, errorOf, formatDateTime, onLangChange, query, showError, state, t } from './core.js';

addText({
  vi: {
    nav_audit: 'Nhật ký',
    aud_title: 'Nhật ký kiểm toán',
    aud_hint:
      'Mỗi thay đổi dữ liệu được ghi lại: ai, lúc nào, thao tác gì, trạng thái trước → sau. ' +
      'Các mục được nối bằng mã băm; quản trị kiểm tra tính toàn vẹn bằng lệnh «cchc audit verify».',
    aud_only_admin: 'Chỉ quản trị hệ thống được xem nhật ký kiểm toán.',
    aud_actor: 'Tài khoản',
    aud_action: 'Thao tác (tiền tố)',
    aud_object: 'Đối tượng',
    aud_filter: 'Lọc',
    aud_more: 'Xem các mục cũ hơn',
    aud_loading: 'Đang tải…',
    aud_empty: 'Không có mục nào.',
    aud_col_seq: 'STT',
    aud_col_at: 'Thời điểm (UTC)',
    aud_col_actor: 'Tài khoản',
    aud_col_action: 'Thao tác',
    aud_col_object: 'Đối tượng',
    aud_col_change: 'Trước → sau',
    aud_none: '(không ghi)',
  },
  en: {
    nav_audit: 'Audit log',
    aud_title: 'Audit log',
    aud_hint:
      'Every change is recorded: who, when, what, and the state before → after. ' +
      'Entries are chained by hash; administrators check the chain with “cchc audit verify”.',
    aud_only_admin: 'Only an administrator may read the audit log.',
    aud_actor: 'Account',
    aud_action: 'Action (prefix)',
    aud_object: 'Object',
    aud_filter: 'Filter',
    aud_more: 'Older entries',
    aud_loading: 'Loading…',
    aud_empty: 'No entries.',
    aud_col_seq: 'No.',
    aud_col_at: 'Time (UTC)',
    aud_col_actor: 'Account',
    aud_col_action: 'Action',
    aud_col_object: 'Object',
    aud_col_change: 'Before → after',
    aud_none: '(not recorded)',
  },
});

const view = { showLogin: null, items: [], next: null, filter: { actor: '', action: '', object: '' }, error: null };

export function isAdmin() {
  return Boolean(state.user && state.user.role === 'admin');
}

function stateText(v) {
  if (v === null || v === undefined) return t('aud_none');
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function changeCell(item) {
  const td = el('td', 'aud-change');
  if (item.detail) td.append(el('div', null, item.detail));
  if (item.before !== null || item.after !== null) {
    const code = el('code', 'small');
    code.textContent = `${stateText(item.before)} → ${stateText(item.after)}`;
    td.append(code);
  }
  return td;
}

function table() {
  const tb = el('table', 'tasks-table aud-table');
  const tr = el('tr');
  for (const h of [
    'aud_col_seq',
    'aud_col_at',
    'aud_col_actor',
    'aud_col_action',
    'aud_col_object',
    'aud_col_change',
  ]) {
    const th = el('th', null, t(h));
    th.scope = 'col';
    tr.append(th);
  }
  tb.append(el('thead'), el('tbody'));
  tb.tHead.append(tr);
  for (const it of view.items) {
    const row = el('tr');
    row.dataset.seq = it.seq;
    row.append(
      el('td', 'num', String(it.seq)),
      el('td', null, formatDateTime(String(it.at).replace(' ', 'T'))),
      el('td', null, it.actor),
      el('td', null, it.action),
      el('td', null, it.object),
      changeCell(it),
    );
    tb.tBodies[0].append(row);
  }
  const wrap = el('div', 'table-wrap');
  wrap.append(tb);
  return wrap;
}

function input(key, id) {
  const box = el('label', 'field');
  box.append(el('span', null, t(key)));
  const i = el('input');
  i.id = id;
  i.value = view.filter[key.slice(4)] || '';
  i.addEventListener('change', () => {
    view.filter[key.slice(4)] = i.value.trim();
  });
  box.append(i);
  return box;
}

function render() {
  const box = $('audit-view');
  box.replaceChildren(el('h1', null, t('aud_title')));
  if (!isAdmin()) {
    box.append(el('p', 'muted', t('aud_only_admin')));
    return;
  }
  box.append(el('p', 'muted', t('aud_hint')));
  const form = el('form', 'aud-filter');
  const go = el('button', 'btn btn-secondary', t('aud_filter'));
  go.type = 'submit';
  form.append(
    input('aud_actor', 'aud-actor'),
    input('aud_action', 'aud-action'),
    input('aud_object', 'aud-object'),
    go,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    view.items = [];
    view.next = null;
    load(null);
  });
  box.append(form);
  if (view.error) {
    const p = el('p', 'form-error');
    p.setAttribute('role', 'alert');
    showError(p, view.error);
    box.append(p);
  }
  if (!view.items.length) {
    box.append(el('p', 'muted', view.error ? '' : t('aud_empty')));
    return;
  }
  box.append(table());
  if (view.next) {
    const more = el('button', 'btn btn-secondary', t('aud_more'));
    more.type = 'button';
    more.id = 'aud-more';
    more.addEventListener('click', () => load(view.next));
    box.append(more);
  }
}

async function load(before) {
  const q = query({ limit: 100, before: before || '', ...view.filter });
  const r = await api('GET', `/api/v1/audit${q}`);
  if (r.status === 401) return view.showLogin(errorOf(r));
  view.error = r.status === 200 ? null : errorOf(r);
  if (r.status === 200) {
    view.items = before ? view.items.concat(r.data.items) : r.data.items;
    view.next = r.data.next_before;
  }
  render();
}

export function openAudit(showLogin) {
  view.showLogin = showLogin;
  view.items = [];
  view.next = null;
  view.error = null;
  $('audit-view').replaceChildren(el('p', 'muted', t('aud_loading')));
  if (!isAdmin()) {
    render();
    return;
  }
  load(null);
}

// Shows the nav entry to administrators only.
export function showAuditNav() {
  const a = document.querySelector('.nav-link[data-page="audit"]');
  if (a) a.hidden = !isAdmin();
}

export function initAudit() {
  onLangChange(() => {
    if (!$('audit-view').hidden) render();
  });
}
