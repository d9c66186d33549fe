// tasks.js - plan execution tracking (Nhiệm vụ, routes #/nhiem-vu and
// #/nhiem-vu/{id}): the assignments in the user's scope with their due dates,
// overdue and due-soon flags (GET /api/v1/tasks), filters by plan, status,
// due period and text; one assignment with its history and evidence files
// (GET /api/v1/tasks/{id}) and, for users who may change it, the update form:
// status, progress, note and evidence files, uploaded one by one
// (POST /api/v1/evidence) before the update (POST /api/v1/tasks/{id}/updates).
// Errors are shown in place; what the user typed and chose stays. All data is
// inserted with textContent.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  field,
  formatDate,
  formatDateTime,
  formatNumber,
  localError,
  onLangChange,
  option,
  parseDecimal,
  showError,
  state,
  t,
  uploadEvidence,
  watchUnsaved,
} from './core.js';
import { badge, dueNote, periodName, progressBar, statusText } from './task_common.js';
import { openList, resetList } from './task_list.js';

const ACCEPT = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';
const NOTE_MAX = 4000; // characters of an update's note (APP_TASK_NOTE_MAX)
const EXTS = ['pdf', 'docx', 'xlsx', 'png', 'jpg', 'jpeg'];
const MAX_FILE = 20 * 1024 * 1024;

addText({
  vi: {
    nav_tasks: 'Nhiệm vụ',
    tasks_title: 'Theo dõi thực hiện nhiệm vụ',
    tasks_loading: 'Đang tải nhiệm vụ…',
    tasks_none: 'Không có nhiệm vụ nào khớp bộ lọc.',
    tasks_total: (n, today) => `${n} nhiệm vụ được giao (tính đến ngày ${today})`,
    tf_plan: 'Kế hoạch',
    tf_plan_all: 'Tất cả kế hoạch',
    tf_status: 'Trạng thái',
    tf_status_all: 'Tất cả trạng thái',
    tf_due: 'Thời hạn',
    tf_due_all: 'Mọi thời hạn',
    tf_due_overdue: 'Quá hạn',
    tf_due_soon: 'Đến hạn trong 5 ngày làm việc',
    tf_due_quarter: (q) => `Hạn trong quý ${q}`,
    tf_q: 'Tìm nhiệm vụ',
    tf_q_placeholder: 'Số thứ tự, nội dung, sản phẩm (không cần dấu)',
    tf_mine: 'Chỉ đơn vị của tôi',
    th_due: 'Hạn',
    th_status: 'Trạng thái',
    th_progress: 'Tiến độ',
    th_unit: 'Đơn vị',
    th_task: 'Nhiệm vụ',
    role_lead: 'Chủ trì',
    role_support: 'Phối hợp',
    overdue_days: (n) => `Quá hạn ${n} ngày làm việc`,
    left_days: (n) => `Còn ${n} ngày làm việc`,
    due_today: 'Đến hạn hôm nay',
    no_due: 'Không có hạn cụ thể',
    st: {
      chua_thuc_hien: 'Chưa thực hiện',
      dang_thuc_hien: 'Đang thực hiện',
      hoan_thanh: 'Hoàn thành',
      hoan_thanh_qua_han: 'Hoàn thành quá hạn',
      khong_thuc_hien_duoc: 'Không thực hiện được',
    },
    task_back: '‹ Danh sách nhiệm vụ',
    task_plan: 'Kế hoạch',
    task_area: 'Lĩnh vực',
    task_product: 'Sản phẩm',
    task_deadline: 'Thời hạn ghi trong kế hoạch',
    task_due: 'Hạn tính được',
    task_unit: 'Đơn vị thực hiện',
    task_reason: 'Lý do',
    task_completed_on: 'Ngày hoàn thành',
    progress_range: 'Tiến độ phải là số nguyên từ 0 đến 100%.',
    note_count: (n, max) => `${n}/${max} ký tự`,
    note_too_long: (max) => `Nội dung cập nhật tối đa ${max} ký tự.`,
    proof_required: 'Khi báo hoàn thành, hãy kèm tệp minh chứng hoặc ghi nội dung kết quả.',
    update_note_done: 'Nội dung kết quả (hoặc kèm tệp minh chứng)',
    task_parties: 'Các đơn vị được giao',
    task_group: 'nhóm đơn vị',
    history_title: 'Lịch sử cập nhật',
    history_none: 'Chưa có cập nhật nào.',
    update_title: 'Cập nhật tiến độ',
    update_status: 'Trạng thái mới',
    update_progress: 'Tiến độ (%)',
    update_note: 'Nội dung cập nhật',
    update_note_reason: 'Nội dung cập nhật (bắt buộc nêu lý do)',
    update_files: 'Tệp minh chứng (PDF, DOCX, XLSX, PNG, JPEG; tối đa 20 MB mỗi tệp)',
    update_submit: 'Gửi cập nhật',
    update_busy: 'Đang gửi…',
    update_uploading: (i, n) => `Đang tải tệp ${i}/${n}…`,
    update_done: 'Đã ghi nhận cập nhật.',
    update_readonly: 'Bạn chỉ có quyền xem nhiệm vụ này.',
    file_type: (name) => `Tệp «${name}» không đúng loại cho phép (PDF, DOCX, XLSX, PNG, JPEG).`,
    file_size: (name) => `Tệp «${name}» lớn hơn 20 MB.`,
    file_failed: (name, msg) => `Không tải được tệp «${name}»: ${msg}`,
    reason_required: 'Vui lòng nêu lý do không thực hiện được.',
    by: (who, at) => `${who} — ${at}`,
    period_label: (p) => `kỳ ${periodName(p, 'vi')}`,
    missed: (n) => `${n} kỳ trước chưa hoàn thành`,
    occ_title: 'Các kỳ thực hiện (nhiệm vụ định kỳ)',
    occ_col_period: 'Kỳ',
    occ_col_due: 'Hạn',
    occ_col_status: 'Trạng thái',
    update_period: 'Kỳ báo cáo',
    task_period: 'Kỳ hiện tại',
  },
  en: {
    nav_tasks: 'Tasks',
    tasks_title: 'Task tracking',
    tasks_loading: 'Loading tasks…',
    tasks_none: 'No task matches the filters.',
    tasks_total: (n, today) => `${n} assignments (as of ${today})`,
    tf_plan: 'Plan',
    tf_plan_all: 'All plans',
    tf_status: 'Status',
    tf_status_all: 'All statuses',
    tf_due: 'Due',
    tf_due_all: 'Any due date',
    tf_due_overdue: 'Overdue',
    tf_due_soon: 'Due within 5 working days',
    tf_due_quarter: (q) => `Due in quarter ${q}`,
    tf_q: 'Search tasks',
    tf_q_placeholder: 'Number, text, product (accents optional)',
    tf_mine: 'My unit only',
    th_due: 'Due',
    th_status: 'Status',
    th_progress: 'Progress',
    th_unit: 'Unit',
    th_task: 'Task',
    role_lead: 'Lead',
    role_support: 'Support',
    overdue_days: (n) => `Overdue by ${n} working days`,
    left_days: (n) => `${n} working days left`,
    due_today: 'Due today',
    no_due: 'No fixed due date',
    st: {
      chua_thuc_hien: 'Not started',
      dang_thuc_hien: 'In progress',
      hoan_thanh: 'Completed',
      hoan_thanh_qua_han: 'Completed late',
      khong_thuc_hien_duoc: 'Cannot be done',
    },
    task_back: '‹ Task list',
    task_plan: 'Plan',
    task_area: 'Area',
    task_product: 'Product',
    task_deadline: 'Deadline as written',
    task_due: 'Computed due date',
    task_unit: 'Assigned unit',
    task_reason: 'Reason',
    task_completed_on: 'Completed on',
    progress_range: 'Progress is a whole number from 0 to 100%.',
    note_count: (n, max) => `${n}/${max} characters`,
    note_too_long: (max) => `The update text has at most ${max} characters.`,
    proof_required: 'A completion needs an evidence file or a note on the result.',
    update_note_done: 'Result (or attach an evidence file)',
    task_parties: 'Units assigned',
    task_group: 'group of units',
    history_title: 'Update history',
    history_none: 'No update yet.',
    update_title: 'Report progress',
    update_status: 'New status',
    update_progress: 'Progress (%)',
    update_note: 'Update',
    update_note_reason: 'Update (the reason is required)',
    update_files: 'Evidence files (PDF, DOCX, XLSX, PNG, JPEG; at most 20 MB each)',
    update_submit: 'Send update',
    update_busy: 'Sending…',
    update_uploading: (i, n) => `Uploading file ${i}/${n}…`,
    update_done: 'Update recorded.',
    update_readonly: 'You may only read this task.',
    file_type: (name) => `File “${name}” is not an accepted type (PDF, DOCX, XLSX, PNG, JPEG).`,
    file_size: (name) => `File “${name}” is larger than 20 MB.`,
    file_failed: (name, msg) => `File “${name}” could not be uploaded: ${msg}`,
    reason_required: 'Please give the reason why the task cannot be done.',
    by: (who, at) => `${who} — ${at}`,
    period_label: (p) => `period ${periodName(p, 'en')}`,
    missed: (n) => `${n} earlier period(s) not completed`,
    occ_title: 'Periods (periodic task)',
    occ_col_period: 'Period',
    occ_col_due: 'Due',
    occ_col_status: 'Status',
    update_period: 'Period reported',
    task_period: 'Current period',
  },
});

const view = {
  showLogin: null,
  current: null,
};

// ---- one assignment ----------------------------------------------------------

function facts(d) {
  const dl = el('dl', 'facts');
  const add = (k, v) => {
    if (v === null || v === undefined || v === '') return;
    const div = el('div');
    div.append(el('dt', null, t(k)), el('dd', null, v));
    dl.append(div);
  };
  add('task_plan', d.plan_title);
  add('task_area', d.area_label);
  add('task_product', d.product);
  add('task_deadline', d.deadline_text);
  add('task_due', d.due ? `${formatDate(d.due)} — ${dueNote(d)}` : t('no_due'));
  if (d.period) add('task_period', periodName(d.period, state.lang));
  add('task_unit', d.unit ? `${d.unit.name} (${d.role === 'lead' ? t('role_lead') : t('role_support')})` : d.label);
  add('task_reason', d.reason);
  if (d.completed_on) add('task_completed_on', formatDate(d.completed_on));
  return dl;
}

function parties(d) {
  const ul = el('ul', 'parties');
  for (const p of d.assignments || []) {
    const li = el('li');
    const name = p.unit ? p.unit.name : `${p.label} (${t('task_group')})`;
    if (p.tracked && p.id !== d.id) {
      const a = el('a', null, name);
      a.href = `#/nhiem-vu/${p.id}`;
      li.append(a);
    } else {
      li.append(el('span', p.id === d.id ? 'strong' : null, name));
    }
    li.append(el('span', 'small muted', ` — ${p.role === 'lead' ? t('role_lead') : t('role_support')}`));
    if (p.status) li.append(document.createTextNode(' '), badge(p.status));
    ul.append(li);
  }
  return ul;
}

function history(d) {
  const sec = el('section', 'history');
  sec.append(el('h2', null, t('history_title')));
  if (!d.history.length) {
    sec.append(el('p', 'muted', t('history_none')));
    return sec;
  }
  const ol = el('ol', 'history-list');
  for (const h of d.history) {
    const li = el('li');
    const head = el('div', 'history-head');
    if (h.period) head.append(el('span', 'small strong', `${periodName(h.period, state.lang)}: `));
    head.append(
      badge(h.status),
      el('span', 'progress-num', ` ${h.progress}%`),
      el('span', 'small muted', ` ${t('by', h.author, formatDateTime(h.at))}`),
    );
    li.append(head);
    if (h.note) li.append(el('p', 'history-note', h.note));
    if (h.evidence && h.evidence.length) {
      const files = el('ul', 'files');
      for (const f of h.evidence) {
        const fi = el('li');
        const a = el('a', null, f.filename);
        a.href = `/api/v1/evidence/${f.id}/content`;
        a.setAttribute('download', f.filename);
        fi.append(a, el('span', 'small muted', ` (${Math.max(1, Math.round(f.size / 1024))} KB)`));
        files.append(fi);
      }
      li.append(files);
    }
    ol.append(li);
  }
  sec.append(ol);
  return sec;
}

function occurrences(d) {
  const sec = el('section', 'occurrences');
  sec.append(el('h2', null, t('occ_title')));
  const tb = el('table', 'tasks-table');
  tb.id = 'task-occurrences';
  const head = el('tr');
  for (const k of ['occ_col_period', 'occ_col_due', 'occ_col_status']) {
    const th = el('th', null, t(k));
    th.scope = 'col';
    head.append(th);
  }
  tb.append(el('thead'), el('tbody'));
  tb.tHead.append(head);
  for (const o of d.occurrences) {
    const tr = el('tr', o.overdue ? 'row-overdue' : null);
    tr.dataset.period = o.period;
    const st = el('td');
    st.append(badge(o.status), el('span', 'progress-num', ` ${o.progress}%`));
    tr.append(el('td', null, periodName(o.period, state.lang)), el('td', null, formatDate(o.due)), st);
    tb.tBodies[0].append(tr);
  }
  sec.append(tb);
  return sec;
}

function checkFiles(files) {
  for (const f of files) {
    const ext = (f.name.split('.').pop() || '').toLowerCase();
    if (!EXTS.includes(ext)) return localError('evidence.type', 'file_type', f.name);
    if (f.size > MAX_FILE) return localError('evidence.too_large', 'file_size', f.name);
  }
  return null;
}

function updateForm(d) {
  const sec = el('section', 'update');
  sec.append(el('h2', null, t('update_title')));
  if (!d.can_write) {
    sec.append(el('p', 'muted', t('update_readonly')));
    return sec;
  }
  const form = el('form', 'update-form');
  form.id = 'task-update';
  form.noValidate = true;
  const status = el('select');
  status.id = 'upd-status';
  let period = null;
  // the current status stays selected (a note added to a finished task
  // must not reopen it); a task not started yet offers "in progress"
  const fillStatus = (allowed, current) => {
    status.replaceChildren();
    for (const s of allowed) status.append(option(s, statusText(s), false));
    const cur = current === 'hoan_thanh_qua_han' ? 'hoan_thanh' : current;
    if (allowed.includes(cur)) status.value = cur;
    else if (allowed.includes('dang_thuc_hien')) status.value = 'dang_thuc_hien';
  };
  const cur = (d.occurrences || []).find((o) => o.period === d.period);
  fillStatus(d.allowed, cur ? cur.status : d.status);
  if (d.occurrences && d.occurrences.length) {
    period = el('select');
    period.id = 'upd-period';
    for (const o of d.occurrences) {
      period.append(
        option(o.period, `${periodName(o.period, state.lang)} — ${statusText(o.status)}`, o.period === d.period),
      );
    }
    period.addEventListener('change', () => {
      const o = d.occurrences.find((x) => x.period === period.value);
      if (o) {
        fillStatus(o.allowed, o.status);
        progress.value = String(o.progress);
        sync();
      }
    });
  }
  const progress = el('input');
  progress.id = 'upd-progress';
  progress.type = 'text';
  progress.inputMode = 'numeric';
  progress.autocomplete = 'off';
  progress.value = String(d.progress);
  const note = el('textarea');
  note.id = 'upd-note';
  note.rows = 3;
  const files = el('input');
  files.id = 'upd-files';
  files.type = 'file';
  files.multiple = true;
  files.accept = ACCEPT;
  const noteLabel = el('label', null, t('update_note'));
  noteLabel.htmlFor = 'upd-note';
  const noteField = el('div', 'field');
  const counter = el('p', 'small muted note-count');
  counter.id = 'upd-note-count';
  counter.setAttribute('aria-live', 'polite');
  const count = () => {
    const n = [...note.value].length;
    counter.textContent = t('note_count', formatNumber(n), formatNumber(NOTE_MAX));
    counter.classList.toggle('danger', n > NOTE_MAX);
  };
  note.addEventListener('input', count);
  watchUnsaved(note);
  count();
  noteField.append(noteLabel, note, counter);
  const err = el('p', 'form-error');
  err.id = 'upd-error';
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const msg = el('p', 'form-ok');
  msg.id = 'upd-message';
  msg.setAttribute('aria-live', 'polite');
  const submit = el('button', 'btn btn-primary', t('update_submit'));
  submit.type = 'submit';
  submit.id = 'upd-submit';
  const sync = () => {
    const done = status.value === 'hoan_thanh';
    if (done) progress.value = '100';
    progress.disabled = done || status.value === 'chua_thuc_hien';
    noteLabel.textContent =
      status.value === 'khong_thuc_hien_duoc'
        ? t('update_note_reason')
        : status.value === 'hoan_thanh'
          ? t('update_note_done')
          : t('update_note');
  };
  status.addEventListener('change', sync);
  sync();
  if (period) form.append(field(t('update_period'), period));
  form.append(
    field(t('update_status'), status),
    field(t('update_progress'), progress),
    noteField,
    field(t('update_files'), files),
    err,
    msg,
    submit,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    sendUpdate(d, { status, progress, note, files, err, msg, submit, period });
  });
  sec.append(form);
  return sec;
}

async function sendUpdate(d, f) {
  f.err.hidden = true;
  f.msg.textContent = '';
  const chosen = Array.from(f.files.files || []);
  if (f.status.value === 'khong_thuc_hien_duoc' && !f.note.value.trim()) {
    showError(f.err, localError('task.reason_required', 'reason_required'));
    f.note.focus();
    return;
  }
  const pct = parseDecimal(f.progress.value);
  if (!f.progress.disabled && f.progress.value.trim() !== '' && !(pct >= 0 && pct <= 100 && Number.isInteger(pct))) {
    showError(f.err, localError('task.progress', 'progress_range'));
    f.progress.focus();
    return;
  }
  if ([...f.note.value].length > NOTE_MAX) {
    showError(f.err, localError('task.note_too_long', 'note_too_long', formatNumber(NOTE_MAX)));
    f.note.focus();
    return;
  }
  if (f.status.value === 'hoan_thanh' && !f.note.value.trim() && !chosen.length) {
    showError(f.err, localError('task.completion_proof', 'proof_required'));
    f.note.focus();
    return;
  }
  const bad = checkFiles(chosen);
  if (bad) {
    showError(f.err, bad);
    return;
  }
  f.submit.disabled = true;
  f.submit.textContent = t('update_busy');
  const ids = [];
  const body = { status: f.status.value, note: f.note.value };
  if (f.period) body.period = f.period.value;
  if (!f.progress.disabled && f.progress.value.trim() !== '') body.progress = pct;
  try {
    // the server checks the update before any file is uploaded, so that a
    // refused update leaves no orphaned evidence behind
    if (chosen.length) {
      const dry = await api('POST', `/api/v1/tasks/${d.id}/updates`, {
        ...body,
        dry_run: true,
        evidence_pending: chosen.length,
      });
      if (dry.status === 401) return view.showLogin(errorOf(dry));
      if (dry.status !== 200) {
        showError(f.err, errorOf(dry));
        return;
      }
    }
    for (let i = 0; i < chosen.length; i++) {
      f.msg.textContent = t('update_uploading', i + 1, chosen.length);
      const r = await uploadEvidence(chosen[i], { unit: d.unit.code, type: 'task_assignment', id: d.id });
      if (r.status === 401) return view.showLogin(errorOf(r));
      if (r.status !== 201) {
        const e = errorOf(r);
        showError(f.err, {
          code: e.code,
          message: t('file_failed', chosen[i].name, e.message),
          message_en: `File “${chosen[i].name}” could not be uploaded: ${e.message_en || e.message}`,
        });
        f.msg.textContent = '';
        return;
      }
      ids.push(r.data.evidence.id);
    }
    const r = await api('POST', `/api/v1/tasks/${d.id}/updates`, { ...body, evidence: ids });
    if (r.status === 401) return view.showLogin(errorOf(r));
    if (r.status !== 201) {
      showError(f.err, errorOf(r));
      f.msg.textContent = '';
      return;
    }
    renderDetail(r.data, t('update_done'));
  } finally {
    f.submit.disabled = false;
    f.submit.textContent = t('update_submit');
  }
}

function renderDetail(d, message) {
  view.current = d;
  const box = $('tasks-view');
  const back = el('a', 'back', t('task_back'));
  back.href = '#/nhiem-vu';
  const h1 = el('h1', 'task-title', `${d.task_no}. ${d.title}`);
  const head = el('div', 'task-status');
  head.append(badge(d.status), ...progressBar(d.progress));
  box.replaceChildren(back, h1, head, facts(d));
  if (d.detail) box.append(el('p', 'task-detail', d.detail));
  const p = el('section');
  p.append(el('h2', null, t('task_parties')), parties(d));
  box.append(p);
  if (d.occurrences && d.occurrences.length) box.append(occurrences(d));
  box.append(updateForm(d), history(d));
  if (message) {
    const m = $('upd-message');
    if (m) m.textContent = message;
  }
}

async function openDetail(id) {
  const box = $('tasks-view');
  const want = location.hash;
  box.replaceChildren(el('p', 'muted', t('tasks_loading')));
  const r = await api('GET', `/api/v1/tasks/${id}`);
  if (location.hash !== want) return; // the user moved on: the answer is stale
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status !== 200) {
    const back = el('a', 'back', t('task_back'));
    back.href = '#/nhiem-vu';
    const p = el('p', 'form-error');
    p.setAttribute('role', 'alert');
    showError(p, errorOf(r));
    box.replaceChildren(back, p);
    return;
  }
  renderDetail(r.data);
}

export function openTasks(showLogin) {
  view.showLogin = showLogin;
  const m = /^#\/nhiem-vu\/(\d+)/.exec(location.hash);
  return m ? openDetail(m[1]) : openList(showLogin);
}

export function resetTasks() {
  view.current = null;
  resetList();
}

export function initTasks() {
  onLangChange(() => {
    if ($('tasks-view') && !$('tasks-view').hidden && location.hash.startsWith('#/nhiem-vu')) {
      if (view.current && /^#\/nhiem-vu\/\d+/.test(location.hash)) renderDetail(view.current);
      else openList(view.showLogin);
    }
  });
}
