// report_edit.js - one periodic report (#/bao-cao/{id}): its sections with
// the figures cchc filled in and the text the officer writes (starting from
// a draft, saved automatically with a version check: two editors never lose
// each other's text), the appendix tables, downloads (DOCX, PDF, XLSX),
// submit / return with a reason / accept, and frozen figures compared with
// the figures now.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  errorText,
  formatDate,
  formatDateTime,
  formatNumber,
  showError,
  state,
  t,
} from './core.js';
import { statusLabel } from './reports.js';
import { indicatorLabel } from './kpi_labels.js';

addText({
  vi: {
    rep_provisional: 'Kỳ báo cáo chưa kết thúc: số liệu đang được cập nhật (tạm tính).',
    rep_frozen: (at) => `Số liệu đã chốt lúc ${at}; dữ liệu đến sau không làm thay đổi báo cáo.`,
    rep_live: (at) => `Số liệu tính đến ${at}.`,
    rep_window: (a, b) => `Kỳ chốt số liệu: ${a} – ${b}`,
    rep_due: (d) => `Hạn gửi: ${d}`,
    rep_sent_late: (n) => `Gửi trễ ${n} ngày làm việc`,
    rep_returned: (r) => `Đơn vị nhận trả lại báo cáo: ${r}`,
    rep_download: 'Tải về',
    rep_download_all: 'Tải cả bộ (ZIP)',
    rep_preview: 'Xem trước văn bản',
    rep_submit: 'Gửi báo cáo',
    rep_submit_confirm: 'Gửi báo cáo cho đơn vị nhận? Số liệu sẽ được chốt tại thời điểm gửi.',
    rep_return: 'Trả lại',
    rep_return_reason: 'Lý do trả lại',
    rep_return_need: 'Vui lòng ghi lý do trả lại.',
    rep_accept: 'Tiếp nhận',
    rep_compare: 'So sánh với số liệu hiện tại',
    rep_compare_none: 'Số liệu hiện tại không khác số liệu đã chốt.',
    rep_col_item: 'Chỉ tiêu',
    rep_col_frozen: 'Đã chốt',
    rep_col_now: 'Hiện tại',
    rep_draft_note: 'Bản nháp tự động từ số liệu — hãy chỉnh sửa trước khi gửi.',
    rep_saving: 'Đang lưu…',
    rep_saved: (at) => `Đã lưu lúc ${at}`,
    rep_unsaved: 'Chưa lưu',
    rep_chars: (n) => `${formatNumber(n)} ký tự`,
    rep_conflict_other: 'Nội dung người khác vừa lưu:',
    rep_use_theirs: 'Dùng nội dung này',
    rep_history: 'Lịch sử',
    rep_facts: 'Số liệu',
    rep_tasks_line: (a, d, p, o) => `Giao ${a} nhiệm vụ: hoàn thành ${d}, đang thực hiện ${p}, quá hạn ${o}.`,
    rep_quote: 'Trích nội dung của đơn vị',
    rep_quote_pick: '— chọn báo cáo đã gửi —',
    rep_appendices: 'Phụ lục',
    rep_more: (n) => `… và ${n} dòng khác`,
    rep_evidence: (n) => `Hồ sơ minh chứng trong kỳ: ${n} tệp (Phụ lục V)`,
    rep_actions: {
      create: 'Tạo',
      submit: 'Gửi',
      resubmit: 'Gửi lại',
      return: 'Trả lại',
      accept: 'Tiếp nhận',
    },
    rep_leave: 'Có nội dung chưa lưu. Rời trang?',
  },
  en: {
    rep_provisional: 'The period has not ended: the figures are provisional.',
    rep_frozen: (at) => `Figures frozen at ${at}; data arriving later does not change the report.`,
    rep_live: (at) => `Figures as of ${at}.`,
    rep_window: (a, b) => `Data window: ${a} – ${b}`,
    rep_due: (d) => `Due: ${d}`,
    rep_sent_late: (n) => `Sent ${n} working days late`,
    rep_returned: (r) => `Returned by the receiver: ${r}`,
    rep_download: 'Download',
    rep_download_all: 'Download all (ZIP)',
    rep_preview: 'Preview the document',
    rep_submit: 'Submit',
    rep_submit_confirm: 'Submit the report to the receiver? The figures are frozen at submission.',
    rep_return: 'Return',
    rep_return_reason: 'Reason',
    rep_return_need: 'Please give the reason.',
    rep_accept: 'Accept',
    rep_compare: 'Compare with the figures now',
    rep_compare_none: 'The figures now do not differ from the frozen ones.',
    rep_col_item: 'Item',
    rep_col_frozen: 'Frozen',
    rep_col_now: 'Now',
    rep_draft_note: 'Draft drawn from the figures — edit it before submitting.',
    rep_saving: 'Saving…',
    rep_saved: (at) => `Saved at ${at}`,
    rep_unsaved: 'Not saved',
    rep_chars: (n) => `${formatNumber(n)} characters`,
    rep_conflict_other: 'Text saved by the other person:',
    rep_use_theirs: 'Use this text',
    rep_history: 'History',
    rep_facts: 'Figures',
    rep_tasks_line: (a, d, p, o) => `${a} tasks: ${d} done, ${p} in progress, ${o} overdue.`,
    rep_quote: 'Quote a sender',
    rep_quote_pick: '— pick a submitted report —',
    rep_appendices: 'Appendices',
    rep_more: (n) => `… and ${n} more rows`,
    rep_evidence: (n) => `Evidence files of the period: ${n} (Appendix V)`,
    rep_actions: {
      create: 'Created',
      submit: 'Submitted',
      resubmit: 'Resubmitted',
      return: 'Returned',
      accept: 'Accepted',
    },
    rep_leave: 'Some text is not saved. Leave the page?',
  },
});

const ui = { report: null, dirty: new Set(), showLogin: null, unitName: null, seq: 0 };

const ONESTOP_KEYS = [
  ['received', 'Tiếp nhận'],
  ['received_online', 'Trực tuyến'],
  ['received_direct_postal', 'Trực tiếp, BCCI'],
  ['carried_over', 'Kỳ trước chuyển qua'],
  ['resolved', 'Đã giải quyết'],
  ['early', 'Trước hạn'],
  ['on_time', 'Đúng hạn'],
  ['late', 'Quá hạn'],
  ['in_progress', 'Đang giải quyết'],
  ['in_progress_overdue', 'Đang giải quyết quá hạn'],
];
const AREAS = { chidao: 1, theche: 2, tthc: 3, bomay: 4, congvu: 5, taichinh: 6, so: 7, tacdong: 8 };

function table(headers, rows, id) {
  const tb = el('table', 'data-table');
  if (id) tb.id = id;
  const hr = el('tr');
  for (const h of headers) {
    const th = el('th', null, h);
    th.scope = 'col';
    hr.append(th);
  }
  const thead = el('thead');
  thead.append(hr);
  const tbody = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    for (const c of r)
      tr.append(el('td', typeof c === 'number' ? 'num' : null, typeof c === 'number' ? formatNumber(c) : c));
    tbody.append(tr);
  }
  tb.append(thead, tbody);
  const wrap = el('div', 'table-wrap');
  wrap.append(tb);
  return wrap;
}

function onestopTable(o, id) {
  return table(
    ONESTOP_KEYS.map((k) => k[1]),
    [ONESTOP_KEYS.map((k) => (o ? o[k[0]] : 0))],
    id,
  );
}

// The figures of one fact of a section.
function factView(fact, fig) {
  const box = el('div', 'fact');
  if (fact === 'onestop') box.append(onestopTable(fig.onestop, 'rep-onestop'));
  else if (fact === 'tasks' || fact.startsWith('area:')) {
    const tot =
      fact === 'tasks' ? fig.tasks.total : (fig.tasks.by_area || []).find((a) => a.area === AREAS[fact.slice(5)]);
    if (!tot || !tot.assigned) return null;
    box.append(el('p', null, t('rep_tasks_line', tot.assigned, tot.completed, tot.in_progress, tot.overdue)));
    if (fact !== 'tasks') {
      const items = (fig.tasks.items || []).filter((i) => i.area === AREAS[fact.slice(5)]);
      const ul = el('ul', 'fact-tasks');
      for (const i of items.slice(0, 8))
        ul.append(
          el(
            'li',
            i.overdue ? 'overdue' : null,
            `${i.title} — ${i.status_label}${i.due ? ` (${formatDate(i.due)})` : ''}`,
          ),
        );
      if (items.length > 8) ul.append(el('li', 'muted', t('rep_more', items.length - 8)));
      box.append(ul);
    }
  } else if (fact === 'indicators') {
    const rows = Object.entries(fig.indicators || {})
      .filter(([, v]) => v.den)
      .map(([k, v]) => [
        indicatorLabel(k, state.lang),
        v.value === null ? '—' : `${formatNumber(v.value, 2)}%`,
        `${formatNumber(v.num)}/${formatNumber(v.den)}`,
      ]);
    if (!rows.length) return null;
    box.append(table([t('rep_col_item'), '%', ''], rows));
  } else if (fact === 'index766') {
    const x = fig.index766 || {};
    box.append(el('p', null, x.has ? `766: ${formatNumber(x.total, 2)}/100 · ${x.rank}/${x.of}` : '766: —'));
  } else if (fact === 'feedback') {
    const f = fig.feedback || {};
    box.append(el('p', null, `PAKN: ${formatNumber(f.on_time)}/${formatNumber(f.due)}`));
  } else if (fact === 'targets') {
    const items = (fig.targets && fig.targets.items) || [];
    if (!items.length) return null;
    box.append(
      table(
        [t('rep_col_item'), '', ''],
        items.map((i) => [
          i.text,
          i.measurement ? `${formatNumber(i.measurement.value, 2)}` : '—',
          i.status_label || '',
        ]),
      ),
    );
  } else if (fact === 'evidence') {
    const ev = fig.evidence || {};
    if (!ev.count) return null;
    box.append(el('p', null, t('rep_evidence', ev.count)));
    const ul = el('ul', 'fact-evidence');
    for (const v of (ev.items || []).slice(0, 10)) {
      const li = el('li');
      const a = el('a', null, v.filename);
      a.href = `/api/v1/evidence/${v.id}/content`;
      li.append(a, el('span', 'muted', ` — ${v.title}`));
      ul.append(li);
    }
    if (ev.count > 10) ul.append(el('li', 'muted', t('rep_more', ev.count - 10)));
    box.append(ul);
  } else if (fact === 'next_tasks') {
    const ul = el('ul');
    for (const i of (fig.next_tasks && fig.next_tasks.items) || [])
      ul.append(el('li', null, `${i.title}${i.due ? ` (${formatDate(i.due)})` : ''}`));
    if (!ul.children.length) return null;
    box.append(ul);
  } else return null;
  return box;
}

// ---- saving ---------------------------------------------------------------------

async function save(sec, area, status, conflict) {
  const r = ui.report;
  status.textContent = t('rep_saving');
  const resp = await api('PUT', `/api/v1/reports/${r.id}/sections/${encodeURIComponent(sec.code)}`, {
    body: area.value,
    version: sec.version || 0,
  });
  if (resp.status === 200 && resp.data) {
    sec.version = resp.data.version;
    ui.dirty.delete(sec.code);
    const now = new Date();
    status.textContent = t('rep_saved', now.toLocaleTimeString(state.lang === 'en' ? 'en-GB' : 'vi-VN'));
    conflict.hidden = true;
    return;
  }
  status.textContent = t('rep_unsaved');
  const err = errorOf(resp);
  if (err.code === 'report.changed') {
    // Someone saved this section meanwhile: keep what this person typed and
    // show the other text beside it.
    const fresh = await api('GET', `/api/v1/reports/${r.id}`);
    const theirs = fresh.data && fresh.data.sections.find((s) => s.code === sec.code);
    conflict.replaceChildren(
      el('p', 'form-error', errorText(err)),
      el('p', 'muted', t('rep_conflict_other')),
      el('pre', 'conflict-text', (theirs && theirs.body) || ''),
    );
    const use = el('button', 'btn btn-small', t('rep_use_theirs'));
    use.type = 'button';
    use.addEventListener('click', () => {
      area.value = (theirs && theirs.body) || '';
      sec.version = theirs ? theirs.version : sec.version;
      ui.dirty.delete(sec.code);
      conflict.hidden = true;
    });
    conflict.append(use);
    conflict.hidden = false;
    if (theirs) sec.version = theirs.version; // the next save replaces theirs knowingly
  } else {
    conflict.replaceChildren(el('p', 'form-error', errorText(err)));
    conflict.hidden = false;
  }
}

function sectionEditor(sec, fig, canEdit) {
  const box = el('section', `rep-section depth-${sec.depth}`);
  box.dataset.code = sec.code;
  const h = el(sec.depth === 1 ? 'h2' : 'h3', null, `${sec.code}. ${state.lang === 'en' ? sec.title_en : sec.title}`);
  box.append(h);
  const facts = el('div', 'facts');
  for (const f of sec.facts || []) {
    const v = factView(f, fig);
    if (v) facts.append(v);
  }
  if (facts.children.length) {
    const d = el('details', 'facts-box');
    d.open = true;
    d.append(el('summary', null, t('rep_facts')), facts);
    box.append(d);
  }
  if (sec.heading_only) return box;
  const area = el('textarea', 'rep-text');
  area.rows = 5;
  area.id = `rep-text-${sec.code}`;
  area.setAttribute('aria-label', sec.title);
  const fromDraft = !sec.body && !!sec.draft;
  area.value = sec.body || sec.draft || '';
  area.readOnly = !canEdit;
  const status = el('span', 'muted rep-save-status', fromDraft ? t('rep_draft_note') : '');
  const count = el('span', 'muted rep-count', t('rep_chars', area.value.length));
  const conflict = el('div', 'rep-conflict');
  conflict.hidden = true;
  let timer = null;
  area.addEventListener('input', () => {
    ui.dirty.add(sec.code);
    status.textContent = t('rep_unsaved');
    count.textContent = t('rep_chars', area.value.length);
    clearTimeout(timer);
    timer = setTimeout(() => save(sec, area, status, conflict), 1200);
  });
  area.addEventListener('blur', () => {
    if (ui.dirty.has(sec.code)) {
      clearTimeout(timer);
      save(sec, area, status, conflict);
    }
  });
  box.append(area, el('div', 'rep-meta'), conflict);
  box.lastElementChild.previousElementSibling.append(status, ' · ', count);
  if (canEdit && (fig.senders || []).some((s) => s.report_id && ['submitted', 'accepted'].includes(s.status)))
    box.append(quoteControl(sec, area, status, conflict, fig));
  return box;
}

function quoteControl(sec, area, status, conflict, fig) {
  const wrap = el('div', 'quote');
  const sel = el('select');
  sel.append(el('option', null, t('rep_quote_pick')));
  for (const s of fig.senders)
    if (s.report_id && ['submitted', 'accepted'].includes(s.status))
      sel.append(new Option(s.name, String(s.report_id)));
  const btn = el('button', 'btn btn-small', t('rep_quote'));
  btn.type = 'button';
  btn.addEventListener('click', async () => {
    if (!sel.value || !/^\d+$/.test(sel.value)) return;
    if (ui.dirty.has(sec.code)) await save(sec, area, status, conflict);
    const r = await api('POST', `/api/v1/reports/${ui.report.id}/quote`, {
      from: Number(sel.value),
      code: sec.code,
      version: sec.version || 0,
    });
    if (r.status === 200) {
      const fresh = await api('GET', `/api/v1/reports/${ui.report.id}`);
      const s = fresh.data.sections.find((x) => x.code === sec.code);
      area.value = s.body || '';
      sec.version = s.version;
    } else {
      conflict.replaceChildren(el('p', 'form-error', errorText(errorOf(r))));
      conflict.hidden = false;
    }
  });
  sel.setAttribute('aria-label', t('rep_quote'));
  wrap.append(sel, ' ', btn);
  return wrap;
}

// ---- actions -----------------------------------------------------------------------

async function act(path, body, err) {
  const r = await api('POST', `/api/v1/reports/${ui.report.id}/${path}`, body ?? {});
  if (r.status === 200 && r.data) render(r.data);
  else showError(err, errorOf(r));
}

function actions(r, err) {
  const bar = el('div', 'rep-actions');
  const pv = el('a', 'btn btn-small', t('rep_preview'));
  pv.href = `/api/v1/reports/${r.id}/export?format=pdf&inline=1`;
  pv.target = '_blank';
  pv.rel = 'noopener';
  pv.id = 'rep-preview';
  bar.append(pv, ' ');
  for (const f of ['docx', 'pdf', 'xlsx', 'zip']) {
    const a = el('a', 'btn btn-small', f === 'zip' ? t('rep_download_all') : `${t('rep_download')} ${f.toUpperCase()}`);
    a.href = `/api/v1/reports/${r.id}/export?format=${f}`;
    a.setAttribute('download', '');
    a.id = `rep-dl-${f}`;
    bar.append(a, ' ');
  }
  if (r.can.submit) {
    const b = el('button', 'btn btn-primary', t('rep_submit'));
    b.type = 'button';
    b.id = 'rep-submit';
    b.addEventListener('click', async () => {
      for (const s of document.querySelectorAll('.rep-text')) s.dispatchEvent(new Event('blur'));
      if (window.confirm(t('rep_submit_confirm'))) act('submit', {}, err);
    });
    bar.append(b, ' ');
  }
  if (r.can.return) {
    const reason = el('textarea', 'rep-reason');
    reason.rows = 2;
    reason.id = 'rep-reason';
    reason.placeholder = t('rep_return_reason');
    reason.setAttribute('aria-label', t('rep_return_reason'));
    const b = el('button', 'btn', t('rep_return'));
    b.type = 'button';
    b.id = 'rep-return';
    b.addEventListener('click', () => {
      if (!reason.value.trim())
        return showError(err, {
          code: 'form.missing',
          message: t('rep_return_need'),
          message_en: t('rep_return_need'),
        });
      act('return', { reason: reason.value.trim() }, err);
    });
    bar.append(reason, ' ', b, ' ');
  }
  if (r.can.accept) {
    const b = el('button', 'btn btn-primary', t('rep_accept'));
    b.type = 'button';
    b.id = 'rep-accept';
    b.addEventListener('click', () => act('accept', {}, err));
    bar.append(b, ' ');
  }
  if (r.frozen) {
    const b = el('button', 'btn', t('rep_compare'));
    b.type = 'button';
    b.id = 'rep-compare';
    const out = el('div');
    b.addEventListener('click', async () => {
      const c = await api('GET', `/api/v1/reports/${r.id}/compare`);
      if (c.status !== 200) return showError(err, errorOf(c));
      const lines = c.data.lines.filter((l) => l.changed);
      out.replaceChildren(
        lines.length
          ? table(
              [t('rep_col_item'), t('rep_col_frozen'), t('rep_col_now')],
              lines.map((l) => [l.label, l.frozen ?? '—', l.now ?? '—']),
              'rep-compare-table',
            )
          : el('p', 'muted', t('rep_compare_none')),
      );
    });
    bar.append(b, out);
  }
  return bar;
}

function header(r) {
  const head = el('div', 'rep-head');
  head.append(el('h1', null, r.title));
  head.append(el('p', null, `${r.unit.name} → ${r.receiver.name}`));
  const meta = el('p', 'muted');
  meta.append(
    t('rep_window', formatDate(r.window.from), formatDate(r.window.to)),
    ' · ',
    r.due ? t('rep_due', formatDate(r.due)) : '',
    ' · ',
  );
  const chip = el('span', `chip chip-${r.status}`, statusLabel(r.status));
  chip.id = 'rep-status';
  meta.append(chip);
  if (r.days_late > 0) meta.append(' ', el('span', 'overdue', t('rep_sent_late', r.days_late)));
  head.append(meta);
  if (r.provisional && !r.frozen) head.append(el('p', 'banner', t('rep_provisional')));
  head.append(
    el('p', 'muted', r.frozen ? t('rep_frozen', formatDateTime(r.as_of)) : t('rep_live', formatDateTime(r.as_of))),
  );
  if (r.status === 'returned' && r.return_reason)
    head.append(el('p', 'form-warning', t('rep_returned', r.return_reason)));
  return head;
}

function history(r) {
  const d = el('details', 'rep-history');
  d.append(el('summary', null, t('rep_history')));
  const ul = el('ul');
  for (const e of r.events || [])
    ul.append(
      el(
        'li',
        null,
        `${formatDateTime(e.at)} — ${e.actor}: ${t('rep_actions')[e.action] || e.action}${e.note ? ` (${e.note})` : ''}`,
      ),
    );
  d.append(ul);
  return d;
}

function appendices(r) {
  const fig = r.figures || {};
  const d = el('details', 'rep-appendices');
  d.append(el('summary', null, t('rep_appendices')));
  const fields = (fig.onestop_fields || []).map((f) => [f.field, ...ONESTOP_KEYS.map((k) => f[k[0]])]);
  d.append(el('h3', null, 'I'), table(['Lĩnh vực', ...ONESTOP_KEYS.map((k) => k[1])], fields, 'rep-fields'));
  const tasks = (fig.tasks && fig.tasks.items) || [];
  d.append(
    el('h3', null, 'II'),
    table(
      ['Nhiệm vụ', 'Chủ trì', 'Hạn', 'Tiến độ'],
      tasks.map((i) => [i.title, i.unit ? i.unit.name : '', formatDate(i.due), `${i.status_label} ${i.progress}%`]),
    ),
  );
  return d;
}

function render(r) {
  ui.report = r;
  ui.dirty.clear();
  const box = $('reports-view');
  const back = el('a', null, t('rep_back'));
  back.href = '#/bao-cao';
  const err = el('p', 'form-error');
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const body = el('div', 'rep-body');
  for (const s of r.sections) body.append(sectionEditor(s, r.figures || {}, r.can.edit));
  box.replaceChildren(back, header(r), err, actions(r, err), body, appendices(r), history(r));
}

export async function openReport(id, showLogin, unitName) {
  ui.showLogin = showLogin;
  ui.unitName = unitName;
  const seq = ++ui.seq;
  const box = $('reports-view');
  box.replaceChildren(el('p', 'muted', t('loading')));
  const r = await api('GET', `/api/v1/reports/${id}`);
  if (seq !== ui.seq) return;
  if (r.status === 401) return showLogin(errorOf(r));
  if (r.status !== 200 || !r.data) {
    const p = el('p', 'form-error');
    box.replaceChildren(p);
    return showError(p, errorOf(r));
  }
  render(r.data);
}

export function initReportEditor() {
  window.addEventListener('beforeunload', (ev) => {
    if (!ui.dirty.size) return;
    ev.preventDefault();
    ev.returnValue = t('rep_leave');
  });
}
