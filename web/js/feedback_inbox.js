// feedback_inbox.js - the officials' PAKN inbox (issue 18 item 2; route
// #/phan-anh-xu-ly): the items of their scope, newest first, each with a
// due-time badge for the step they owe next (acknowledge, answer, publish:
// DOMAIN §5 deadlines computed by the server); opening one shows the text,
// the sender (officials only), attachments and timeline, and the buttons
// of the steps: acknowledge, ask for information, answer (with the text),
// publish. API: GET /api/v1/feedback, GET /api/v1/feedback/{code},
// POST /api/v1/feedback/{code}/events.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  formatDateTime,
  onLangChange,
  option,
  query,
  showError,
  state,
  t,
} from './core.js';

addText({
  vi: {
    ib_title: 'Phản ánh, kiến nghị cần xử lý',
    ib_status: 'Trạng thái',
    ib_all: 'Tất cả',
    ib_none: 'Không có phản ánh, kiến nghị nào.',
    ib_col_code: 'Mã',
    ib_col_subject: 'Tiêu đề',
    ib_col_status: 'Trạng thái',
    ib_col_due: 'Hạn bước tiếp theo',
    ib_step: { ack: 'Tiếp nhận', answer: 'Trả lời', publish: 'Công khai' },
    ib_overdue: 'Quá hạn',
    ib_days: (n) => (n <= 0 ? 'Đến hạn hôm nay' : `Còn ${n} ngày`),
    ib_waiting: 'Chờ người dân bổ sung',
    ib_done: 'Đã xong',
    ib_open: 'Xem',
    ib_back: '‹ Danh sách',
    ib_sender: 'Người gửi',
    ib_content: 'Nội dung',
    ib_attachments: 'Tệp đính kèm',
    ib_timeline: 'Quá trình xử lý',
    ib_note: 'Nội dung (câu hỏi bổ sung hoặc câu trả lời)',
    ib_actions: {
      acknowledge: 'Xác nhận tiếp nhận',
      request_info: 'Đề nghị bổ sung thông tin',
      answer: 'Trả lời',
      publish: 'Công khai câu trả lời',
    },
  },
  en: {
    ib_title: 'Citizen feedback to handle',
    ib_status: 'Status',
    ib_all: 'All',
    ib_none: 'No feedback.',
    ib_col_code: 'Code',
    ib_col_subject: 'Subject',
    ib_col_status: 'Status',
    ib_col_due: 'Next step due',
    ib_step: { ack: 'Acknowledge', answer: 'Answer', publish: 'Publish' },
    ib_overdue: 'Overdue',
    ib_days: (n) => (n <= 0 ? 'Due today' : `${n} day(s) left`),
    ib_waiting: 'Waiting for the citizen',
    ib_done: 'Done',
    ib_open: 'Open',
    ib_back: '‹ List',
    ib_sender: 'Sender',
    ib_content: 'Details',
    ib_attachments: 'Attachments',
    ib_timeline: 'Timeline',
    ib_note: 'Text (question or answer)',
    ib_actions: {
      acknowledge: 'Acknowledge',
      request_info: 'Ask for information',
      answer: 'Answer',
      publish: 'Publish the answer',
    },
  },
});

const STATUSES = ['received', 'acknowledged', 'info_requested', 'info_supplied', 'answered', 'published'];
const view = { list: null, item: null, status: '', seq: 0, showLogin: null, error: null };

function daysLeft(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  if (!m) return null;
  const due = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const now = new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  return Math.round((due - today) / 86400000);
}

function badge(it) {
  if (it.status === 'info_requested') return el('span', 'badge badge-muted', t('ib_waiting'));
  if (!it.next_step) return el('span', 'badge badge-ok', t('ib_done'));
  const step = t('ib_step')[it.next_step] || it.next_step;
  if (it.next_overdue) return el('span', 'badge badge-late', `${step}: ${t('ib_overdue')}`);
  const n = daysLeft(it.next_due);
  const b = el(
    'span',
    n !== null && n <= 1 ? 'badge badge-soon' : 'badge badge-ok',
    `${step}: ${t('ib_days', n ?? 0)}`,
  );
  b.title = formatDateTime(it.next_due);
  return b;
}

function renderList(box) {
  const h = el('h1', null, t('ib_title'));
  h.id = 'ib-title';
  const sel = el('select');
  sel.id = 'ib-status';
  sel.append(option('', t('ib_all'), !view.status));
  for (const s of STATUSES) sel.append(option(s, s, view.status === s));
  sel.addEventListener('change', () => {
    view.status = sel.value;
    load();
  });
  const f = el('div', 'field field-inline');
  const l = el('label', null, t('ib_status'));
  l.htmlFor = 'ib-status';
  f.append(l, sel);
  box.append(h, f);
  if (view.error) {
    const p = el('p', 'form-error');
    showError(p, view.error);
    box.append(p);
  }
  const items = (view.list && view.list.items) || [];
  if (!items.length) {
    box.append(el('p', 'muted', t('ib_none')));
    return;
  }
  const table = el('table', 'ib-table');
  table.id = 'ib-table';
  const head = el('tr');
  for (const k of ['ib_col_code', 'ib_col_subject', 'ib_col_status', 'ib_col_due']) {
    const th = el('th', null, t(k));
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const it of items) {
    const tr = el('tr');
    const a = el('a', null, it.code);
    a.href = `#/phan-anh-xu-ly?ma=${encodeURIComponent(it.code)}`;
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      openItem(it.code);
    });
    const c1 = el('td');
    c1.append(a);
    const c4 = el('td');
    c4.append(badge(it));
    const label = state.lang === 'en' ? it.status_label_en || it.status_label : it.status_label;
    tr.append(c1, el('td', null, it.subject), el('td', null, label), c4);
    tbody.append(tr);
  }
  table.append(thead, tbody);
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  box.append(wrap);
}

function allowed(d) {
  switch (d.status) {
    case 'received':
      return ['acknowledge'];
    case 'acknowledged':
      return d.info_requested ? ['answer'] : ['request_info', 'answer'];
    case 'info_supplied':
      return ['answer'];
    case 'answered':
      return ['publish'];
    default:
      return [];
  }
}

function renderItem(box) {
  const d = view.item;
  const back = el('button', 'btn btn-small', t('ib_back'));
  back.type = 'button';
  back.addEventListener('click', () => {
    view.item = null;
    load();
  });
  const h = el('h1', null, `${d.code} — ${d.subject}`);
  h.id = 'ib-title';
  const label = state.lang === 'en' ? d.status_label_en || d.status_label : d.status_label;
  const dl = el('dl', 'result-list');
  const rows = [
    [t('ib_col_status'), label],
    [t('ib_sender'), [d.sender && d.sender.name, d.sender && d.sender.contact].filter(Boolean).join(' — ') || '—'],
    [t('ib_content'), d.content || '—'],
  ];
  for (const [k, v] of rows) {
    const w = el('div');
    w.append(el('dt', null, k), el('dd', 'prewrap', v));
    dl.append(w);
  }
  box.append(back, h, dl);
  if (d.attachments && d.attachments.length) {
    box.append(el('h2', null, t('ib_attachments')));
    const ul = el('ul');
    for (const a of d.attachments) {
      const li = el('li');
      const link = el('a', null, a.filename);
      link.href = `/api/v1/evidence/${a.id}/content`;
      li.append(link);
      ul.append(li);
    }
    box.append(ul);
  }
  box.append(el('h2', null, t('ib_timeline')));
  const ol = el('ol', 'lookup-history');
  for (const ev of d.timeline || []) {
    const li = el('li');
    li.append(el('span', 'lookup-when', formatDateTime(ev.at)), ` ${ev.kind}`, ev.note ? ` — ${ev.note}` : '');
    ol.append(li);
  }
  box.append(ol);
  const acts = allowed(d);
  if (!acts.length) return;
  const ta = el('textarea');
  ta.id = 'ib-note';
  ta.rows = 4;
  const f = el('div', 'field');
  const l = el('label', null, t('ib_note'));
  l.htmlFor = 'ib-note';
  f.append(l, ta);
  const err = el('p', 'form-error');
  err.id = 'ib-error';
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const btns = el('div', 'tool-buttons');
  for (const a of acts) {
    const b = el('button', 'btn btn-primary', t('ib_actions')[a]);
    b.type = 'button';
    b.id = `ib-${a}`;
    b.addEventListener('click', async () => {
      const r = await api('POST', `/api/v1/feedback/${encodeURIComponent(d.code)}/events`, {
        kind: a,
        note: $('ib-note').value,
      });
      if (r.status === 401) return view.showLogin(errorOf(r));
      if (r.status === 201) {
        view.item = r.data;
        return render();
      }
      showError(err, errorOf(r));
    });
    btns.append(b);
  }
  box.append(f, err, btns);
}

function render() {
  const box = $('inbox-view');
  box.replaceChildren();
  if (view.item) renderItem(box);
  else renderList(box);
}

async function openItem(code) {
  const r = await api('GET', `/api/v1/feedback/${encodeURIComponent(code)}`);
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status === 200) {
    view.item = r.data;
    render();
    $('ib-title').focus?.();
  }
}

async function load() {
  const seq = ++view.seq;
  const r = await api('GET', `/api/v1/feedback${query({ status: view.status, limit: 200 })}`);
  if (seq !== view.seq) return;
  if (r.status === 401) return view.showLogin(errorOf(r));
  view.error = r.status === 200 ? null : errorOf(r);
  view.list = r.status === 200 ? r.data : null;
  render();
}

export function openInbox(showLogin) {
  view.showLogin = showLogin;
  view.item = null;
  load();
}

onLangChange(() => {
  if (!$('inbox-view').hidden) render();
});
