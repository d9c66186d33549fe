// notices.js - the user's notices (issue 17): the bell in the user card with
// the unread count and the latest notices, the list page (#/thong-bao), and
// the notification settings (#/thong-bao/cai-dat): which kinds, e-mail, the
// daily digest and its time, the calendar (.ics) link; for the administrator
// the e-mail outbox (what failed) and a reminder run. Everything comes from
// /api/v1/me/notices, /api/v1/me/notice-prefs, /api/v1/me/feed and
// /api/v1/remind/*; text is set with textContent only. The follow-up
// letters (#/thong-bao/don-doc) are letters.js.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  field,
  formatDate,
  formatDateTime,
  onLangChange,
  showError,
  state,
  t,
} from './core.js';
import { renderLetters } from './letters.js';

addText({
  vi: {
    nt_bell: (n) => (n ? `Thông báo: ${n} chưa đọc` : 'Thông báo'),
    nt_title: 'Thông báo',
    nt_none: 'Chưa có thông báo nào.',
    nt_mark: 'Đã đọc',
    nt_mark_all: 'Đánh dấu tất cả đã đọc',
    nt_all: 'Xem tất cả',
    nt_settings: 'Cài đặt nhận thông báo',
    nt_unread_only: 'Chỉ hiện thông báo chưa đọc',
    nt_due: (d) => `Hạn: ${d}`,
    nt_days: (n) => (n > 0 ? `còn ${n} ngày làm việc` : n === 0 ? 'đến hạn hôm nay' : `quá hạn ${-n} ngày làm việc`),
    nt_unread: 'Chưa đọc',
    nt_back: 'Quay lại danh sách thông báo',
    pf_title: 'Cài đặt nhận thông báo',
    pf_kinds: 'Loại thông báo muốn nhận',
    pf_email: 'Địa chỉ thư điện tử',
    pf_email_on: 'Nhận thông báo qua thư điện tử',
    pf_digest_on: 'Nhận bản tin hằng ngày (việc quá hạn và sắp đến hạn)',
    pf_digest_time: 'Giờ nhận bản tin',
    pf_digest_hint: (d) => `Để trống: theo giờ mặc định ${d}.`,
    pf_leader: 'Là lãnh đạo đơn vị (nhận báo cáo khi nhiệm vụ quá hạn lâu)',
    pf_save: 'Lưu cài đặt',
    pf_saved: 'Đã lưu cài đặt.',
    pf_feed: 'Lịch hạn trên điện thoại (.ics)',
    pf_feed_hint:
      'Thêm liên kết này vào ứng dụng lịch (Google Lịch, Lịch iPhone…) để thấy các hạn của bạn. Ai có liên kết đều xem được các hạn: đừng chia sẻ; thu hồi khi cần.',
    pf_feed_active: (d) => `Đang có liên kết (tạo lúc ${d}).`,
    pf_feed_none: 'Chưa có liên kết lịch.',
    pf_feed_new: 'Tạo liên kết lịch mới',
    pf_feed_url: 'Liên kết lịch (chỉ hiện một lần)',
    pf_feed_revoke: 'Thu hồi liên kết',
    pf_feed_revoked: 'Đã thu hồi liên kết lịch.',
    ob_title: 'Thư gửi đi (quản trị)',
    ob_none: 'Không có thư nào chờ gửi hoặc bị lỗi.',
    ob_counts: (p, f) => `${p} thư chờ gửi lại, ${f} thư đã bỏ.`,
    ob_cols: ['Người nhận', 'Địa chỉ', 'Loại', 'Số lần', 'Gửi lại lúc', 'Lỗi'],
    ob_run: 'Chạy nhắc hạn ngay',
    ob_ran: (n) => `Đã chạy: ${n} thông báo mới.`,
  },
  en: {
    nt_bell: (n) => (n ? `Notices: ${n} unread` : 'Notices'),
    nt_title: 'Notices',
    nt_none: 'No notice yet.',
    nt_mark: 'Read',
    nt_mark_all: 'Mark all as read',
    nt_all: 'See all',
    nt_settings: 'Notification settings',
    nt_unread_only: 'Unread notices only',
    nt_due: (d) => `Due: ${d}`,
    nt_days: (n) => (n > 0 ? `${n} working days left` : n === 0 ? 'due today' : `${-n} working days overdue`),
    nt_unread: 'Unread',
    nt_back: 'Back to the notices',
    pf_title: 'Notification settings',
    pf_kinds: 'Kinds of notices to receive',
    pf_email: 'E-mail address',
    pf_email_on: 'Receive notices by e-mail',
    pf_digest_on: 'Receive the daily digest (overdue and due soon)',
    pf_digest_time: 'Digest time',
    pf_digest_hint: (d) => `Empty: the default time ${d}.`,
    pf_leader: "The unit's leader (told when tasks are long overdue)",
    pf_save: 'Save settings',
    pf_saved: 'Settings saved.',
    pf_feed: 'Due dates on the phone (.ics)',
    pf_feed_hint:
      'Add this link to a calendar app (Google Calendar, iPhone Calendar…) to see your due dates. Anyone with the link sees them: do not share it; revoke it when needed.',
    pf_feed_active: (d) => `A link is active (made ${d}).`,
    pf_feed_none: 'No calendar link.',
    pf_feed_new: 'Make a new calendar link',
    pf_feed_url: 'Calendar link (shown once)',
    pf_feed_revoke: 'Revoke the link',
    pf_feed_revoked: 'The calendar link is revoked.',
    ob_title: 'Outgoing e-mail (administrator)',
    ob_none: 'No message waiting or failed.',
    ob_counts: (p, f) => `${p} waiting for a retry, ${f} given up.`,
    ob_cols: ['Recipient', 'Address', 'Kind', 'Attempts', 'Next try', 'Error'],
    ob_run: 'Run the reminders now',
    ob_ran: (n) => `Done: ${n} new notices.`,
  },
});

const POLL_MS = 60000;
const ui = { showLogin: null, timer: null, unread: 0, items: [], open: false, last: null, nav: 0 };

function view() {
  return $('notices-view');
}

function kindLabel(n) {
  return state.lang === 'en' ? n.kind_label_en || n.kind : n.kind_label || n.kind;
}

// ---- the bell ----------------------------------------------------------------

// A bell drawn as SVG (no emoji font needed), hidden from screen readers:
// the button's label says what it is.
function bellIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '20');
  svg.setAttribute('height', '20');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.classList.add('bell-icon');
  const path = document.createElementNS(ns, 'path');
  path.setAttribute(
    'd',
    'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z',
  );
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

function bellButton() {
  return $('notices-bell-btn');
}

function renderBell() {
  const slot = $('notices-bell');
  if (!slot) return;
  let btn = bellButton();
  if (!btn) {
    btn = el('button', 'btn btn-secondary bell');
    btn.type = 'button';
    btn.id = 'notices-bell-btn';
    btn.setAttribute('aria-haspopup', 'true');
    btn.setAttribute('aria-controls', 'notices-panel');
    btn.addEventListener('click', () => togglePanel(!ui.open));
    const icon = bellIcon();
    const badge = el('span', 'bell-count');
    badge.id = 'notices-count';
    btn.append(icon, badge);
    const panel = el('div', 'bell-panel');
    panel.id = 'notices-panel';
    panel.hidden = true;
    panel.setAttribute('role', 'region');
    slot.replaceChildren(btn, panel);
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape' && ui.open) {
        togglePanel(false);
        bellButton().focus();
      }
    });
  }
  const badge = $('notices-count');
  badge.textContent = ui.unread ? String(ui.unread) : '';
  badge.hidden = !ui.unread;
  btn.setAttribute('aria-label', t('nt_bell', ui.unread));
  btn.setAttribute('aria-expanded', String(ui.open));
  $('notices-panel').setAttribute('aria-label', t('nt_title'));
  if (ui.open) renderPanel();
}

function togglePanel(open) {
  ui.open = open;
  $('notices-panel').hidden = !open;
  renderBell();
}

async function markRead(id) {
  const r = await api('POST', id ? `/api/v1/me/notices/${id}/read` : '/api/v1/me/notices/read-all', {});
  if (r.status === 401) return ui.showLogin && ui.showLogin();
  await refreshBell();
  if (!view().hidden) renderList();
}

function noticeItem(n, compact) {
  const li = el('li', n.read_at ? 'nt-item' : 'nt-item nt-unread');
  const head = el('div', 'nt-head');
  head.append(el('span', `chip chip-kind chip-${n.kind}`, kindLabel(n)));
  if (!n.read_at) head.append(el('span', 'sr-only', t('nt_unread')));
  const title = el('a', 'nt-title', n.title);
  title.href = n.link || '#/thong-bao';
  title.addEventListener('click', () => {
    if (!n.read_at) markRead(n.id);
    togglePanel(false);
  });
  head.append(title);
  li.append(head);
  if (n.body) li.append(el('p', 'nt-body', n.body));
  const meta = el('p', 'nt-meta muted');
  const parts = [formatDateTime(n.created_at)];
  if (n.due) parts.push(t('nt_due', formatDate(n.due)));
  if (n.days !== null && n.days !== undefined) parts.push(t('nt_days', n.days));
  meta.textContent = parts.join(' · ');
  li.append(meta);
  if (!n.read_at) {
    const b = el('button', 'btn btn-small nt-mark', t('nt_mark'));
    b.type = 'button';
    b.addEventListener('click', (ev) => {
      ev.stopPropagation();
      markRead(n.id);
    });
    li.append(b);
  }
  if (compact) li.classList.add('nt-compact');
  return li;
}

function panelFooter() {
  const foot = el('div', 'bell-foot');
  const all = el('a', null, t('nt_all'));
  all.href = '#/thong-bao';
  all.addEventListener('click', () => togglePanel(false));
  const set = el('a', null, t('nt_settings'));
  set.href = '#/thong-bao/cai-dat';
  set.addEventListener('click', () => togglePanel(false));
  foot.append(all, set);
  if (ui.unread) {
    const b = el('button', 'btn btn-small', t('nt_mark_all'));
    b.type = 'button';
    b.id = 'notices-read-all';
    b.addEventListener('click', () => markRead(0));
    foot.append(b);
  }
  return foot;
}

function renderPanel() {
  const panel = $('notices-panel');
  const h = el('h2', null, t('nt_title'));
  const ul = el('ul', 'nt-list');
  for (const n of ui.items.slice(0, 10)) ul.append(noticeItem(n, true));
  panel.replaceChildren(h, ui.items.length ? ul : el('p', 'muted', t('nt_none')), panelFooter());
}

// Reloads the unread count and the latest notices (also every minute).
export async function refreshBell() {
  if (!state.user) return;
  const r = await api('GET', '/api/v1/me/notices?limit=20');
  if (r.status === 401) {
    stopPolling();
    return;
  }
  if (r.status !== 200 || !r.data) return;
  ui.unread = r.data.unread;
  ui.items = r.data.items;
  renderBell();
  if (!ui.timer) ui.timer = setInterval(refreshBell, POLL_MS);
}

function stopPolling() {
  if (ui.timer) clearInterval(ui.timer);
  ui.timer = null;
}

// ---- the list page -------------------------------------------------------------

// A page of this module whose answers arrive after the user opened another
// one (ui.nav moved on) draws nothing: a slow settings page must not replace
// the list the user went to.
async function renderList() {
  const nav = ui.nav;
  const box = view();
  const only = $('nt-unread-only');
  const unread = only && only.checked;
  const r = await api('GET', `/api/v1/me/notices?limit=200${unread ? '&unread=1' : ''}`);
  if (nav !== ui.nav) return;
  if (r.status === 401) return ui.showLogin(errorOf(r));
  const err = el('p', 'form-error');
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const h = el('h1', null, t('nt_title'));
  h.id = 'notices-title';
  const tools = el('div', 'nt-tools');
  const cb = el('input');
  cb.type = 'checkbox';
  cb.id = 'nt-unread-only';
  cb.checked = !!unread;
  cb.addEventListener('change', renderList);
  const lab = el('label', 'check');
  lab.append(cb, ` ${t('nt_unread_only')}`);
  const all = el('button', 'btn btn-secondary', t('nt_mark_all'));
  all.type = 'button';
  all.id = 'nt-mark-all';
  all.addEventListener('click', () => markRead(0));
  const set = el('a', 'btn btn-secondary', t('nt_settings'));
  set.href = '#/thong-bao/cai-dat';
  tools.append(lab, all, set);
  if (state.user && (state.user.role === 'admin' || state.user.role === 'standing')) {
    const letters = el('a', 'btn btn-secondary', t('lt_title'));
    letters.href = '#/thong-bao/don-doc';
    letters.id = 'nt-letters';
    tools.append(letters);
  }
  const ul = el('ul', 'nt-list nt-page');
  ul.id = 'nt-list';
  if (r.status !== 200 || !r.data) showError(err, errorOf(r));
  else for (const n of r.data.items) ul.append(noticeItem(n, false));
  box.replaceChildren(h, tools, err, r.data && r.data.items.length ? ul : el('p', 'muted', t('nt_none')));
}

// ---- settings -------------------------------------------------------------------

function checkbox(id, label, checked) {
  const cb = el('input');
  cb.type = 'checkbox';
  cb.id = id;
  cb.checked = !!checked;
  const l = el('label', 'check');
  l.append(cb, ` ${label}`);
  return l;
}

function prefsForm(p, msg) {
  const form = el('form', 'prefs-form');
  form.id = 'prefs-form';
  form.noValidate = true;
  const kinds = el('fieldset', 'prefs-kinds');
  kinds.append(el('legend', null, t('pf_kinds')));
  const off = new Set(p.kinds_off || []);
  for (const k of p.kinds) {
    kinds.append(checkbox(`pf-kind-${k.code}`, state.lang === 'en' ? k.label_en : k.label, !off.has(k.code)));
  }
  const email = el('input');
  email.type = 'email';
  email.id = 'pf-email';
  email.autocomplete = 'email';
  email.value = p.email || '';
  const time = el('input');
  time.type = 'time';
  time.id = 'pf-digest-time';
  time.value = p.digest_time || '';
  const hint = el('p', 'field-help', t('pf_digest_hint', p.default_digest_time));
  const save = el('button', 'btn btn-primary', t('pf_save'));
  save.type = 'submit';
  save.id = 'pf-save';
  form.append(
    kinds,
    field(t('pf_email'), email),
    checkbox('pf-email-on', t('pf_email_on'), p.email_on),
    checkbox('pf-digest-on', t('pf_digest_on'), p.digest_on),
    field(t('pf_digest_time'), time),
    hint,
  );
  if (state.user && ['admin', 'standing'].includes(state.user.role)) {
    form.append(checkbox('pf-leader', t('pf_leader'), p.leader));
  }
  form.append(save);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = {
      email: email.value.trim(),
      email_on: $('pf-email-on').checked,
      digest_on: $('pf-digest-on').checked,
      digest_time: time.value,
      kinds_off: p.kinds.filter((k) => !$(`pf-kind-${k.code}`).checked).map((k) => k.code),
    };
    if ($('pf-leader')) body.leader = $('pf-leader').checked;
    email.removeAttribute('aria-invalid');
    time.removeAttribute('aria-invalid');
    const r = await api('PUT', '/api/v1/me/notice-prefs', body);
    if (r.status === 200) {
      msg.className = 'nt-ok';
      msg.textContent = t('pf_saved');
      msg.hidden = false;
      return;
    }
    const fieldName = r.data && r.data.error && r.data.error.field;
    const target = fieldName === 'email' ? email : fieldName === 'digest_time' ? time : null;
    if (target) {
      target.setAttribute('aria-invalid', 'true');
      target.focus();
    }
    msg.className = 'form-error';
    showError(msg, errorOf(r));
  });
  return form;
}

function feedSection(p) {
  const sec = el('section', 'prefs-feed');
  sec.setAttribute('aria-labelledby', 'pf-feed-title');
  const h = el('h2', null, t('pf_feed'));
  h.id = 'pf-feed-title';
  const status = el('p', null, p.feed.active ? t('pf_feed_active', formatDateTime(p.feed.since)) : t('pf_feed_none'));
  status.id = 'pf-feed-status';
  const out = el('div');
  const make = el('button', 'btn btn-secondary', t('pf_feed_new'));
  make.type = 'button';
  make.id = 'pf-feed-new';
  make.addEventListener('click', async () => {
    const r = await api('POST', '/api/v1/me/feed', {});
    if (r.status !== 201 || !r.data) return showError(status, errorOf(r));
    const input = el('input');
    input.readOnly = true;
    input.id = 'pf-feed-url';
    input.value = `${location.origin}${r.data.url}`;
    out.replaceChildren(field(t('pf_feed_url'), input));
    status.textContent = t('pf_feed_active', formatDateTime(new Date().toISOString().slice(0, 16)));
    input.focus();
    input.select();
  });
  const revoke = el('button', 'btn btn-secondary', t('pf_feed_revoke'));
  revoke.type = 'button';
  revoke.id = 'pf-feed-revoke';
  revoke.addEventListener('click', async () => {
    const r = await api('DELETE', '/api/v1/me/feed');
    if (r.status !== 200) return showError(status, errorOf(r));
    out.replaceChildren();
    status.textContent = t('pf_feed_revoked');
  });
  const bar = el('div', 'nt-tools');
  bar.append(make, revoke);
  sec.append(h, el('p', 'muted', t('pf_feed_hint')), status, bar, out);
  return sec;
}

async function outboxSection() {
  const sec = el('section', 'prefs-outbox');
  sec.setAttribute('aria-labelledby', 'ob-title');
  const h = el('h2', null, t('ob_title'));
  h.id = 'ob-title';
  const r = await api('GET', '/api/v1/remind/outbox');
  const msg = el('p', 'muted');
  msg.id = 'ob-status';
  sec.append(h, msg);
  if (r.status !== 200 || !r.data) {
    showError(msg, errorOf(r));
    return sec;
  }
  msg.textContent = r.data.items.length ? t('ob_counts', r.data.pending, r.data.failed) : t('ob_none');
  if (r.data.items.length) {
    const table = el('table', 'data-table');
    const head = el('tr');
    for (const c of t('ob_cols')) head.append(el('th', null, c));
    table.append(el('thead'), el('tbody'));
    table.tHead.append(head);
    for (const m of r.data.items) {
      const tr = el('tr', m.failed_at ? 'overdue' : '');
      tr.append(
        el('td', null, m.login),
        el('td', null, m.to),
        el('td', null, m.kind),
        el('td', 'num', String(m.attempts)),
        el('td', null, m.next_at ? formatDateTime(m.next_at) : '—'),
        el('td', null, m.error || ''),
      );
      table.tBodies[0].append(tr);
    }
    const wrap = el('div', 'table-wrap');
    wrap.append(table);
    sec.append(wrap);
  }
  const run = el('button', 'btn btn-secondary', t('ob_run'));
  run.type = 'button';
  run.id = 'ob-run';
  run.addEventListener('click', async () => {
    run.disabled = true;
    const res = await api('POST', '/api/v1/remind/run', {});
    run.disabled = false;
    if (res.status === 200 && res.data) msg.textContent = t('ob_ran', res.data.recorded);
    else showError(msg, errorOf(res));
    refreshBell();
  });
  sec.append(run);
  return sec;
}

async function renderPrefs() {
  const nav = ui.nav;
  const box = view();
  const r = await api('GET', '/api/v1/me/notice-prefs');
  if (nav !== ui.nav) return;
  if (r.status === 401) return ui.showLogin(errorOf(r));
  const h = el('h1', null, t('pf_title'));
  h.id = 'notices-title';
  const back = el('a', null, t('nt_back'));
  back.href = '#/thong-bao';
  const msg = el('p', 'form-error');
  msg.id = 'pf-message';
  msg.setAttribute('role', 'status');
  msg.hidden = true;
  if (r.status !== 200 || !r.data) {
    showError(msg, errorOf(r));
    box.replaceChildren(h, msg);
    return;
  }
  const parts = [h, back, msg, prefsForm(r.data, msg), feedSection(r.data)];
  if (state.user && state.user.role === 'admin') parts.push(await outboxSection());
  if (nav !== ui.nav) return;
  box.replaceChildren(...parts);
}

// ---- entry points ------------------------------------------------------------------

export function openNotices(showLogin) {
  ui.nav += 1;
  ui.showLogin = showLogin;
  ui.last = location.hash;
  if (location.hash.startsWith('#/thong-bao/cai-dat')) renderPrefs();
  else if (location.hash.startsWith('#/thong-bao/don-doc')) renderLetters(view(), state.user, showLogin);
  else renderList();
  refreshBell();
}

export function resetNotices() {
  stopPolling();
  ui.unread = 0;
  ui.items = [];
  ui.open = false;
  const slot = $('notices-bell');
  if (slot) slot.replaceChildren();
  if (view()) view().replaceChildren();
}

export function initNotices() {
  document.addEventListener('click', (ev) => {
    const slot = $('notices-bell');
    if (ui.open && slot && !slot.contains(ev.target)) togglePanel(false);
  });
  onLangChange(() => {
    if (state.user && $('notices-bell-btn')) renderBell();
    if (view() && !view().hidden && ui.last) openNotices(ui.showLogin);
  });
}
