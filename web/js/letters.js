// letters.js - follow-up letters (công văn đôn đốc, issue 17 item 4) in the
// browser, for the administrator and the standing agency (route
// #/thong-bao/don-doc): a form (one unit or every unit with overdue tasks in
// scope, the issuing body, the document symbol, the date, the reply-by date,
// the signer), a preview listing the overdue tasks the letter will name (with
// days late and the reminder round), then the letter as PDF or DOCX, numbered
// in the issuer's series; and the letters already sent. Everything comes from
// POST/GET /api/v1/remind/letters; text is set with textContent only.

import { $, addText, api, el, errorOf, field, formatDate, showError, t, todayIso } from './core.js';

addText({
  vi: {
    lt_title: 'Công văn đôn đốc',
    lt_back: 'Quay lại danh sách thông báo',
    lt_intro:
      'Tạo công văn đôn đốc thực hiện nhiệm vụ cải cách hành chính theo Nghị định 30/2020: danh sách nhiệm vụ quá hạn của đơn vị, số ngày quá hạn và lần đôn đốc.',
    lt_unit: 'Mã đơn vị (để trống: mọi đơn vị có nhiệm vụ quá hạn)',
    lt_issuer: 'Cơ quan ban hành (mã đơn vị)',
    lt_symbol: 'Ký hiệu văn bản (ví dụ SNV-CCHC)',
    lt_date: 'Ngày ban hành',
    lt_reply: 'Đề nghị báo cáo trước ngày',
    lt_signer: 'Người ký',
    lt_preview: 'Xem trước',
    lt_pdf: 'Tạo công văn (PDF)',
    lt_docx: 'Tạo công văn (DOCX)',
    lt_items: (n, u) => `${n} nhiệm vụ quá hạn của ${u} đơn vị:`,
    lt_cols: ['Đơn vị', 'Nhiệm vụ', 'Hạn', 'Quá hạn (ngày)', 'Lần đôn đốc'],
    lt_number: (s) => `Số hiệu khi ban hành: ${s}`,
    lt_made: (s) => `Đã tạo công văn ${s}.`,
    lt_sent: 'Công văn đã ban hành',
    lt_none: 'Chưa có công văn đôn đốc nào.',
    lt_sent_cols: ['Số', 'Ngày', 'Đơn vị', 'Nhiệm vụ', 'Người tạo'],
  },
  en: {
    lt_title: 'Follow-up letters',
    lt_back: 'Back to the notices',
    lt_intro:
      'Make a follow-up letter on overdue administrative-reform tasks in the Decree 30/2020 layout: the unit’s overdue tasks, days late and the reminder round.',
    lt_unit: 'Unit code (empty: every unit with overdue tasks)',
    lt_issuer: 'Issuing body (unit code)',
    lt_symbol: 'Document symbol (e.g. SNV-CCHC)',
    lt_date: 'Date of issue',
    lt_reply: 'Reply requested by',
    lt_signer: 'Signer',
    lt_preview: 'Preview',
    lt_pdf: 'Make the letter (PDF)',
    lt_docx: 'Make the letter (DOCX)',
    lt_items: (n, u) => `${n} overdue task(s) of ${u} unit(s):`,
    lt_cols: ['Unit', 'Task', 'Due', 'Days late', 'Round'],
    lt_number: (s) => `Number when issued: ${s}`,
    lt_made: (s) => `Letter ${s} made.`,
    lt_sent: 'Letters issued',
    lt_none: 'No follow-up letter yet.',
    lt_sent_cols: ['Number', 'Date', 'Units', 'Tasks', 'Made by'],
  },
});

function input(id, type, value) {
  const i = el('input');
  i.id = id;
  i.type = type;
  if (value) i.value = value;
  return i;
}

// The request body from the form (format: 'json' with preview, 'pdf', 'docx').
function bodyOf(f, format, preview) {
  const b = { format, preview: preview ? 1 : 0 };
  for (const [k, x] of Object.entries(f)) if (x.value.trim()) b[k] = x.value.trim();
  return b;
}

function previewTable(d) {
  const table = el('table', 'data-table');
  const head = el('tr');
  for (const c of t('lt_cols')) head.append(el('th', null, c));
  table.append(el('thead'), el('tbody'));
  table.tHead.append(head);
  const names = new Map((d.units || []).map((u) => [u.code, u.name]));
  for (const it of d.items) {
    const tr = el('tr');
    tr.append(
      el('td', null, names.get(it.unit) || it.unit),
      el('td', null, it.title),
      el('td', null, formatDate(it.due)),
      el('td', 'num', String(it.days_late)),
      el('td', 'num', String(it.round)),
    );
    table.tBodies[0].append(tr);
  }
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  return wrap;
}

// Saves a file answer (core.api with blob) under the name the server gives.
function download(r, fallback) {
  const cd = r.headers.get('Content-Disposition') || '';
  const m = /filename\*=UTF-8''([^;]+)/.exec(cd);
  const a = el('a');
  a.href = URL.createObjectURL(r.blob);
  a.download = m ? decodeURIComponent(m[1]) : fallback;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// The letters issued (newest first); *out.latest gets the newest one.
async function sentSection(out = {}) {
  const sec = el('section', 'lt-sent');
  const h = el('h2', null, t('lt_sent'));
  sec.append(h);
  const r = await api('GET', '/api/v1/remind/letters');
  if (r.status !== 200 || !r.data || !r.data.items.length) {
    sec.append(el('p', 'muted', r.status === 200 ? t('lt_none') : errorOf(r).message));
    return sec;
  }
  const items = [...r.data.items].sort((a, b) => b.id - a.id);
  out.latest = items[0];
  const table = el('table', 'data-table');
  table.id = 'lt-sent';
  const head = el('tr');
  for (const c of t('lt_sent_cols')) head.append(el('th', null, c));
  table.append(el('thead'), el('tbody'));
  table.tHead.append(head);
  for (const l of items) {
    const tr = el('tr');
    tr.append(
      el('td', null, `${l.number}/${l.symbol}`),
      el('td', null, formatDate(l.issued_on)),
      el('td', null, Array.isArray(l.units) ? l.units.join(', ') : String(l.units ?? '')),
      el('td', 'num', String(Array.isArray(l.items) ? l.items.length : (l.items ?? ''))),
      el('td', null, l.created_by || ''),
    );
    table.tBodies[0].append(tr);
  }
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  sec.append(wrap);
  return sec;
}

// Renders the page into box; showLogin(err) on an ended session.
export async function renderLetters(box, user, showLogin) {
  const h = el('h1', null, t('lt_title'));
  h.id = 'notices-title';
  const back = el('a', null, t('lt_back'));
  back.href = '#/thong-bao';
  const f = {
    unit: input('lt-unit', 'text'),
    issuer: input('lt-issuer', 'text', user && user.unit_code ? user.unit_code : ''),
    symbol: input('lt-symbol', 'text'),
    date: input('lt-date', 'date', todayIso()),
    reply_by: input('lt-reply', 'date'),
    signer: input('lt-signer', 'text'),
  };
  const form = el('form', 'lt-form');
  form.id = 'lt-form';
  form.append(
    field(t('lt_unit'), f.unit),
    field(t('lt_issuer'), f.issuer),
    field(t('lt_symbol'), f.symbol),
    field(t('lt_date'), f.date),
    field(t('lt_reply'), f.reply_by),
    field(t('lt_signer'), f.signer),
  );
  const msg = el('p', 'form-error');
  msg.id = 'lt-msg';
  msg.setAttribute('role', 'alert');
  msg.hidden = true;
  const out = el('div', 'lt-preview');
  out.id = 'lt-preview';
  const pv = el('button', 'btn btn-secondary', t('lt_preview'));
  pv.type = 'button';
  pv.id = 'lt-preview-btn';
  pv.addEventListener('click', async () => {
    msg.hidden = true;
    const r = await api('POST', '/api/v1/remind/letters', bodyOf(f, 'json', true));
    if (r.status === 401) return showLogin(errorOf(r));
    if (r.status !== 200 || !r.data) {
      out.replaceChildren();
      return showError(msg, errorOf(r));
    }
    out.replaceChildren(
      el('p', null, t('lt_number', r.data.number_line)),
      el('p', null, t('lt_items', r.data.items.length, (r.data.units || []).length)),
      previewTable(r.data),
    );
  });
  const make = async (format) => {
    msg.hidden = true;
    const r = await api('POST', '/api/v1/remind/letters', bodyOf(f, format, false), { blob: true });
    if (r.status === 401) return showLogin(errorOf(r));
    if (r.status !== 201 && r.status !== 200) return showError(msg, errorOf(r));
    download(r, `cong-van-don-doc.${format}`);
    const got = {};
    const sent = await sentSection(got);
    $('lt-sent-box').replaceChildren(sent);
    const l = got.latest;
    out.replaceChildren(el('p', 'form-ok', t('lt_made', l ? `${l.number}/${l.symbol}` : '')));
  };
  const pdf = el('button', 'btn btn-primary', t('lt_pdf'));
  pdf.type = 'button';
  pdf.id = 'lt-pdf';
  pdf.addEventListener('click', () => make('pdf'));
  const docx = el('button', 'btn btn-secondary', t('lt_docx'));
  docx.type = 'button';
  docx.id = 'lt-docx';
  docx.addEventListener('click', () => make('docx'));
  const actions = el('div', 'lt-actions');
  actions.append(pv, pdf, docx);
  const sentBox = el('div');
  sentBox.id = 'lt-sent-box';
  box.replaceChildren(h, back, el('p', 'muted', t('lt_intro')), form, actions, msg, out, sentBox);
  sentBox.append(await sentSection());
}
