// reports.js - "Báo cáo" (#/bao-cao): what a unit owes and when (its
// reporting calendar, working days left), its reports, the receiver's matrix
// of its senders (#/bao-cao/tiep-nhan) with reminders, and the user's
// notices. The editor of one report is report_edit.js (#/bao-cao/{id}).

import {
  $,
  addText,
  api,
  el,
  errorOf,
  field,
  formatDate,
  formatDateTime,
  option,
  query,
  showError,
  state,
  t,
} from './core.js';
import { fetchUnits, units } from './units.js';
import { openReport, initReportEditor } from './report_edit.js';

addText({
  vi: {
    nav_reports: 'Báo cáo',
    rep_title: 'Báo cáo định kỳ công tác cải cách hành chính',
    rep_unit: 'Đơn vị',
    rep_year: 'Năm',
    rep_owed: (n) => `Các báo cáo đơn vị phải gửi năm ${n}`,
    rep_to: (name) => `Gửi: ${name}`,
    rep_col_report: 'Báo cáo',
    rep_col_window: 'Kỳ chốt số liệu',
    rep_col_due: 'Hạn gửi',
    rep_col_left: 'Còn lại',
    rep_col_status: 'Tình trạng',
    rep_none_due: 'Không quy định',
    rep_days_left: (n) => (n >= 0 ? `${n} ngày làm việc` : `Quá hạn ${-n} ngày làm việc`),
    rep_not_started: 'Chưa tạo',
    rep_open: 'Mở',
    rep_create: 'Soạn báo cáo',
    rep_warning: 'Cảnh báo lịch báo cáo',
    rep_matrix_link: 'Tình hình gửi báo cáo của các đơn vị',
    rep_back: '‹ Lịch báo cáo',
    rep_matrix_title: (name, y) => `Báo cáo gửi ${name} năm ${y}`,
    rep_matrix_unit: 'Đơn vị gửi',
    rep_adhoc_title: 'Yêu cầu báo cáo đột xuất',
    rep_adhoc_id: 'Mã báo cáo (không dấu, ví dụ kt-2024)',
    rep_adhoc_title_label: 'Tên báo cáo',
    rep_adhoc_from: 'Số liệu từ ngày',
    rep_adhoc_to: 'Đến ngày',
    rep_adhoc_due: 'Hạn gửi',
    rep_adhoc_send: 'Gửi yêu cầu',
    rep_all_sent: 'Tải các báo cáo đã gửi (ZIP)',
    rep_missing: 'Chưa gửi',
    rep_overdue: 'quá hạn',
    rep_remind: 'Nhắc',
    rep_reminded: 'Đã nhắc',
    rep_no_senders: 'Không có đơn vị nào báo cáo cho đơn vị này.',
    rep_notices: 'Thông báo',
    rep_no_notices: 'Không có thông báo mới.',
    rep_mark_read: 'Đã đọc',
    rep_late: (n) => `trễ ${n} ngày làm việc`,
    rep_status: {
      draft: 'Đang soạn',
      submitted: 'Đã gửi',
      returned: 'Bị trả lại',
      accepted: 'Đã tiếp nhận',
      missing: 'Chưa gửi',
    },
  },
  en: {
    nav_reports: 'Reports',
    rep_title: 'Periodic administrative reform reports',
    rep_unit: 'Unit',
    rep_year: 'Year',
    rep_owed: (n) => `Reports the unit owes in ${n}`,
    rep_to: (name) => `To: ${name}`,
    rep_col_report: 'Report',
    rep_col_window: 'Data window',
    rep_col_due: 'Due',
    rep_col_left: 'Left',
    rep_col_status: 'Status',
    rep_none_due: 'None set',
    rep_days_left: (n) => (n >= 0 ? `${n} working days` : `${-n} working days overdue`),
    rep_not_started: 'Not started',
    rep_open: 'Open',
    rep_create: 'Draft the report',
    rep_warning: 'Calendar warning',
    rep_matrix_link: 'Reports received from the units',
    rep_back: '‹ Reporting calendar',
    rep_matrix_title: (name, y) => `Reports to ${name} in ${y}`,
    rep_matrix_unit: 'Sender',
    rep_adhoc_title: 'Ask for an ad hoc report',
    rep_adhoc_id: 'Report code (e.g. kt-2024)',
    rep_adhoc_title_label: 'Report title',
    rep_adhoc_from: 'Data from',
    rep_adhoc_to: 'Data to',
    rep_adhoc_due: 'Due',
    rep_adhoc_send: 'Send the request',
    rep_all_sent: 'Download the sent reports (ZIP)',
    rep_missing: 'Not sent',
    rep_overdue: 'overdue',
    rep_remind: 'Remind',
    rep_reminded: 'Reminded',
    rep_no_senders: 'No unit reports to this unit.',
    rep_notices: 'Notices',
    rep_no_notices: 'No new notice.',
    rep_mark_read: 'Read',
    rep_late: (n) => `${n} working days late`,
    rep_status: {
      draft: 'Draft',
      submitted: 'Submitted',
      returned: 'Returned',
      accepted: 'Accepted',
      missing: 'Not sent',
    },
  },
});

const ui = { showLogin: null, seq: 0, unit: null, year: null };

export function statusLabel(code) {
  return t('rep_status')[code] || code || t('rep_not_started');
}

function view() {
  return $('reports-view');
}

function param(name) {
  const q = location.hash.split('?')[1] || '';
  return new URLSearchParams(q).get(name);
}

function yearOptions(selected) {
  const now = new Date().getFullYear();
  const sel = el('select');
  for (let y = now; y >= now - 4; y--) sel.append(option(String(y), String(y), y === selected));
  return sel;
}

// The units the user may pick: theirs and those below it (all for an admin).
function scopeUnits() {
  const list = units.list || [];
  const mine = state.user && state.user.unit_code;
  if (!mine) return list;
  const below = new Set([mine]);
  for (let grew = true; grew;) {
    grew = false;
    for (const u of list) {
      if (u.parent && below.has(u.parent) && !below.has(u.code)) {
        below.add(u.code);
        grew = true;
      }
    }
  }
  return list.filter((u) => below.has(u.code));
}

function unitName(code) {
  const u = (units.list || []).find((x) => x.code === code);
  return u ? u.name : code;
}

function toolbar(onChange) {
  const bar = el('div', 'filters');
  const unitSel = el('select');
  for (const u of scopeUnits()) unitSel.append(option(u.code, `${u.name} (${u.code})`, u.code === ui.unit));
  const yearSel = yearOptions(ui.year);
  unitSel.addEventListener('change', () => {
    ui.unit = unitSel.value;
    onChange();
  });
  yearSel.addEventListener('change', () => {
    ui.year = Number(yearSel.value);
    onChange();
  });
  unitSel.id = 'rep-unit';
  yearSel.id = 'rep-year';
  bar.append(field(t('rep_unit'), unitSel), field(t('rep_year'), yearSel));
  return bar;
}

function statusChip(code, extra) {
  const chip = el('span', `chip chip-${code || 'none'}`, statusLabel(code));
  if (extra) chip.append(el('span', 'muted', ` · ${extra}`));
  return chip;
}

// ---- notices ---------------------------------------------------------------

// The unread notices as a list in box (none: only the badge of the menu).
async function renderNotices(box) {
  const r = await api('GET', '/api/v1/notices');
  if (box) box.replaceChildren();
  if (r.status !== 200 || !r.data) return;
  const unread = r.data.items.filter((n) => !n.read_at);
  const badge = document.querySelector('.nav-link[data-page="reports"] .nav-badge');
  if (badge) {
    badge.textContent = unread.length ? String(unread.length) : '';
    badge.hidden = !unread.length;
  }
  if (!unread.length || !box) return;
  const sec = el('section', 'notices');
  sec.setAttribute('aria-label', t('rep_notices'));
  sec.append(el('h2', null, t('rep_notices')));
  const ul = el('ul', 'notice-list');
  for (const n of unread) {
    const li = el('li', 'notice');
    li.append(
      el('strong', null, n.title),
      el('span', 'muted', ` — ${formatDateTime(n.created_at)}. `),
      el('span', null, n.body),
    );
    const btn = el('button', 'btn btn-small', t('rep_mark_read'));
    btn.type = 'button';
    btn.addEventListener('click', async () => {
      await api('POST', `/api/v1/notices/${n.id}/read`, {});
      renderNotices(box);
    });
    li.append(' ', btn);
    ul.append(li);
  }
  sec.append(ul);
  box.append(sec);
}

// ---- the calendar of a unit --------------------------------------------------

async function createReport(entry, err) {
  const body = { unit: ui.unit, kind: entry.kind, year: ui.year };
  if (entry.kind === 'dot_xuat') body.id = entry.id;
  const r = await api('POST', '/api/v1/reports', body);
  if (r.status === 201 && r.data) location.hash = `#/bao-cao/${r.data.id}`;
  else showError(err, errorOf(r));
}

function calendarRow(entry, err) {
  const tr = el('tr');
  tr.append(el('td', null, entry.title || entry.label));
  tr.append(el('td', null, `${formatDate(entry.from)} – ${formatDate(entry.to)}`));
  tr.append(el('td', null, entry.due ? formatDate(entry.due) : t('rep_none_due')));
  const left = el('td', 'num');
  if (entry.days_left !== null && entry.days_left !== undefined && !['submitted', 'accepted'].includes(entry.status)) {
    left.textContent = t('rep_days_left', entry.days_left);
    if (entry.days_left < 0) left.className = 'num overdue';
  }
  tr.append(left);
  const st = el('td');
  st.append(statusChip(entry.status));
  tr.append(st);
  const act = el('td');
  if (entry.report_id) {
    const a = el('a', 'btn btn-small', t('rep_open'));
    a.href = `#/bao-cao/${entry.report_id}`;
    act.append(a);
  } else {
    const b = el('button', 'btn btn-small btn-primary', t('rep_create'));
    b.type = 'button';
    b.addEventListener('click', () => createReport(entry, err));
    act.append(b);
  }
  tr.append(act);
  return tr;
}

async function renderCalendar() {
  const seq = ++ui.seq;
  const box = view();
  const head = el('div', 'units-head');
  head.append(el('h1', null, t('rep_title')));
  const err = el('p', 'form-error');
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const notices = el('div');
  const body = el('div');
  box.replaceChildren(head, notices, toolbar(renderCalendar), err, body);
  renderNotices(notices);
  if (!ui.unit) return;
  const r = await api('GET', `/api/v1/reports/calendar${query({ unit: ui.unit, year: ui.year })}`);
  if (seq !== ui.seq) return; // a newer choice was made meanwhile
  if (r.status === 401) return ui.showLogin(errorOf(r));
  if (r.status !== 200 || !r.data) return showError(err, errorOf(r));
  const c = r.data;
  body.append(el('h2', null, t('rep_owed', c.year)), el('p', 'muted', t('rep_to', c.receiver_name)));
  for (const w of c.warnings || []) {
    const p = el('p', 'form-warning', `${t('rep_warning')}: ${state.lang === 'en' ? w.message_en : w.message}`);
    body.append(p);
  }
  const table = el('table', 'data-table');
  table.id = 'rep-calendar';
  const hr = el('tr');
  for (const k of ['rep_col_report', 'rep_col_window', 'rep_col_due', 'rep_col_left', 'rep_col_status', '']) {
    const th = el('th', null, k ? t(k) : '');
    th.scope = 'col';
    hr.append(th);
  }
  const thead = el('thead');
  thead.append(hr);
  const tbody = el('tbody');
  for (const e of c.reports) tbody.append(calendarRow(e, err));
  table.append(thead, tbody);
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  const link = el('a', null, t('rep_matrix_link'));
  link.href = `#/bao-cao/tiep-nhan?don-vi=${encodeURIComponent(ui.unit)}&nam=${ui.year}`;
  body.append(wrap, el('p', null), link);
}

// ---- the receiver's matrix -------------------------------------------------------

function matrixCell(sender, cell, year, err) {
  const td = el('td');
  if (cell.id) {
    const a = el('a', null);
    a.href = `#/bao-cao/${cell.id}`;
    a.append(statusChip(cell.status, cell.days_late ? t('rep_late', cell.days_late) : null));
    td.append(a);
  } else {
    td.append(statusChip('missing'));
  }
  if (cell.overdue) td.append(el('span', 'overdue', ` (${t('rep_overdue')})`));
  if (!['submitted', 'accepted'].includes(cell.status)) {
    const b = el('button', 'btn btn-small', t('rep_remind'));
    b.type = 'button';
    b.addEventListener('click', async () => {
      const r = await api('POST', '/api/v1/reports/remind', { unit: sender, kind: cell.kind, year, ref: cell.ref });
      if (r.status === 200) {
        b.textContent = t('rep_reminded');
        b.disabled = true;
      } else showError(err, errorOf(r));
    });
    td.append(' ', b);
  }
  return td;
}

// The receiver asks its senders for an ad hoc report (báo cáo đột xuất):
// a calendar row of type "adhoc" (POST /api/v1/reports/rules).
function adhocForm(receiver, onDone) {
  const box = el('details', 'rep-adhoc');
  box.append(el('summary', null, t('rep_adhoc_title')));
  const form = el('form');
  form.noValidate = true;
  const inputs = {};
  for (const [key, type] of [
    ['id', 'text'],
    ['title', 'text'],
    ['from', 'date'],
    ['to', 'date'],
    ['due', 'date'],
  ]) {
    const inp = el('input');
    inp.type = type;
    inp.required = true;
    inputs[key] = inp;
    form.append(field(t(key === 'title' ? 'rep_adhoc_title_label' : `rep_adhoc_${key}`), inp, `rep-adhoc-${key}`));
  }
  const err = el('p', 'form-error');
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const btn = el('button', 'btn btn-primary', t('rep_adhoc_send'));
  btn.type = 'submit';
  form.append(err, btn);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { type: 'adhoc', receiver };
    for (const [k, inp] of Object.entries(inputs)) body[k] = inp.value.trim();
    const r = await api('POST', '/api/v1/reports/rules', body);
    if (r.status === 201) onDone();
    else showError(err, errorOf(r));
  });
  box.append(form);
  return box;
}

async function renderMatrix() {
  const seq = ++ui.seq;
  const receiver = param('don-vi') || ui.unit;
  const year = Number(param('nam')) || ui.year;
  const box = view();
  const back = el('a', null, t('rep_back'));
  back.href = '#/bao-cao';
  const err = el('p', 'form-error');
  err.setAttribute('role', 'alert');
  err.hidden = true;
  box.replaceChildren(back, err);
  const r = await api('GET', `/api/v1/reports/matrix${query({ receiver, year })}`);
  if (seq !== ui.seq) return;
  if (r.status === 401) return ui.showLogin(errorOf(r));
  if (r.status !== 200 || !r.data) return showError(err, errorOf(r));
  const m = r.data;
  box.append(el('h1', null, t('rep_matrix_title', m.receiver_name, m.year)));
  if (!m.senders.length) {
    box.append(el('p', 'muted', t('rep_no_senders')));
    return;
  }
  const table = el('table', 'data-table');
  table.id = 'rep-matrix';
  const hr = el('tr');
  const th0 = el('th', null, t('rep_matrix_unit'));
  th0.scope = 'col';
  hr.append(th0);
  for (const k of m.kinds) {
    const th = el('th', null, k.title || k.label);
    th.scope = 'col';
    if (k.due) th.append(el('div', 'muted', formatDate(k.due)));
    const all = el('a', 'rep-all', t('rep_all_sent'));
    all.href = `/api/v1/reports/matrix/export${query({
      receiver,
      year,
      kind: k.kind === 'dot_xuat' ? k.id : k.kind,
      format: 'pdf',
    })}`;
    all.setAttribute('download', '');
    th.append(el('div'), all);
    hr.append(th);
  }
  const thead = el('thead');
  thead.append(hr);
  const tbody = el('tbody');
  for (const s of m.senders) {
    const tr = el('tr');
    const th = el('th', null, s.unit.name);
    th.scope = 'row';
    tr.append(th);
    for (const cell of s.reports) tr.append(matrixCell(s.unit.code, cell, m.year, err));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  box.append(wrap);
  if (state.user && ['admin', 'standing', 'officer'].includes(state.user.role))
    box.append(adhocForm(receiver, renderMatrix));
}

// ---- entry -------------------------------------------------------------------------

export async function openReports(showLogin) {
  ui.showLogin = showLogin;
  if (!units.list) await fetchUnits();
  if (!ui.unit) ui.unit = (state.user && state.user.unit_code) || (units.list && units.list[0] && units.list[0].code);
  if (!ui.year) ui.year = new Date().getFullYear();
  const id = /^#\/bao-cao\/(\d+)/.exec(location.hash);
  if (id || location.hash.startsWith('#/bao-cao/tiep-nhan')) renderNotices(null);
  if (id) return openReport(Number(id[1]), showLogin, unitName);
  if (location.hash.startsWith('#/bao-cao/tiep-nhan')) return renderMatrix();
  return renderCalendar();
}

export function resetReports() {
  ui.unit = null;
  ui.year = null;
  ui.seq++;
}

export function initReports() {
  initReportEditor();
}
