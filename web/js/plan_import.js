// plan_import.js - importing a plan (Nhập kế hoạch, route #/nhap-ke-hoach):
// choose a document (TXT, DOCX, PDF), optionally the unit code and the year,
// "Xem trước" sends the raw bytes to POST /api/v1/plans/parse and shows the
// parsed plan (header, tasks by area, targets, unresolved unit names,
// warnings); "Nhập" sends the same bytes to POST /api/v1/plans and opens the
// new plan, or says clearly that the document was imported before. Uploads go
// through XMLHttpRequest for the upload progress. Errors are shown in place;
// the chosen file and fields are kept.

import {
  $,
  addText,
  api,
  debounce,
  el,
  errorOf,
  formatDate,
  formatNumber,
  localError,
  onLangChange,
  query,
  searchKey,
  showError,
  state,
  t,
} from './core.js';
import { decorateTargets, decorateTasks, renderReview } from './plan_editor.js';
import { importLifeQuery, renderImportLife, resetImportLife } from './plan_life.js';
import { AREAS, fillAreaSelect, renderDocument, renderTargets, renderTasks, renderWarnings } from './plans.js';
import { fetchUnits, units } from './units.js';

const MAX_BYTES = 25 * 1024 * 1024; // cchc serve --max-body default

addText({
  vi: {
    nav_import: 'Nhập kế hoạch',
    import_title: 'Nhập kế hoạch từ tài liệu',
    import_hint:
      'Chọn tệp kế hoạch đã ban hành (TXT, Word .docx hoặc PDF có lớp văn bản), xem trước kết quả đọc rồi bấm “Nhập kế hoạch” để lưu.',
    import_file: 'Tệp kế hoạch',
    import_unit: 'Mã đơn vị ban hành (không bắt buộc)',
    import_unit_help: 'Để trống: xác định theo cơ quan ban hành ghi trong tài liệu.',
    import_unit_unknown: (code) => `Không có đơn vị mã «${code}» trong danh mục.`,
    import_unit_suggest: (code, hint) => `Không có đơn vị mã «${code}» trong danh mục. Có phải «${hint}»?`,
    import_year: 'Năm kế hoạch (không bắt buộc)',
    import_preview: 'Xem trước',
    import_confirm: 'Nhập kế hoạch',
    import_uploading: (p) => (p === null ? 'Đang tải tệp lên…' : `Đang tải tệp lên… ${p}%`),
    import_parsing: 'Đang đọc và phân tích tài liệu…',
    import_saving: 'Đang lưu kế hoạch…',
    import_no_file: 'Vui lòng chọn tệp kế hoạch.',
    import_bad_year: 'Năm không hợp lệ (từ 1990 đến 2199).',
    import_too_large: (mb) => `Tệp quá lớn (tối đa ${mb} MB).`,
    import_empty: 'Tệp đã chọn rỗng.',
    import_preview_title: 'Kết quả đọc tài liệu',
    import_summary: (tasks, targets, areas, unresolved) =>
      `${tasks} nhiệm vụ thuộc ${areas} lĩnh vực, ` +
      `${targets} chỉ tiêu` +
      (unresolved ? `, ${unresolved} tên đơn vị chưa xác định` : ''),
    import_unresolved: 'Tên đơn vị chưa khớp với danh mục — chọn đơn vị đúng (nếu có) trước khi nhập:',
    fix_choose: '— chưa chọn đơn vị —',
    fix_filter: 'Lọc đơn vị (không cần dấu)',
    fix_label: (n) => `Đơn vị cho «${n}»`,
    import_stale: 'Tệp hoặc thông tin đã thay đổi: bấm “Xem trước” lại trước khi nhập.',
    import_duplicate: (id) => `Tài liệu này đã được nhập trước đây (kế hoạch số ${id}). Không nhập lại.`,
    import_duplicate_link: 'Mở kế hoạch đã nhập',
    import_done: 'Đã nhập kế hoạch.',
    rep_clause_title: 'Chế độ báo cáo đọc từ kế hoạch',
    rep_clause_hint: (who) =>
      `Các đơn vị báo cáo cho ${who} sẽ dùng kỳ chốt số liệu và hạn gửi dưới đây khi nhập kế hoạch.`,
    rep_clause_unknown: 'chưa xác định được đơn vị ban hành — lịch báo cáo sẽ không được lưu',
    rep_clause_kind: 'Báo cáo',
    rep_clause_window: 'Kỳ chốt số liệu',
    rep_clause_due: 'Hạn gửi',
    rep_clause_source: 'Nguồn',
    rep_clause_default: 'mặc định',
    rep_clause_warn: 'Chưa đọc được chính xác (không tự suy đoán, cần cấu hình tay):',
    rep_due: {
      none: 'không quy định',
      day: (d) => `ngày ${d} của tháng cuối kỳ`,
      wd: (n) => `${n} ngày làm việc sau ngày chốt số liệu`,
      cd: (n) => `${n} ngày sau ngày chốt số liệu`,
    },
    rep_kinds: {
      quy1: 'Báo cáo quý I',
      '6thang': 'Báo cáo 6 tháng',
      quy3: 'Báo cáo quý III',
      '9thang': 'Báo cáo 9 tháng',
      nam: 'Báo cáo năm',
    },
  },
  en: {
    rep_clause_title: 'Reporting rules read from the plan',
    rep_clause_hint: (who) =>
      `Units reporting to ${who} will use these data windows and due dates once the plan is imported.`,
    rep_clause_unknown: 'the issuing unit is not identified — the calendar will not be stored',
    rep_clause_kind: 'Report',
    rep_clause_window: 'Data window',
    rep_clause_due: 'Due',
    rep_clause_source: 'Source',
    rep_clause_default: 'default',
    rep_clause_warn: 'Not read exactly (never guessed; set by hand):',
    rep_due: {
      none: 'none',
      day: (d) => `day ${d} of the period's last month`,
      wd: (n) => `${n} working days after the cut-off`,
      cd: (n) => `${n} days after the cut-off`,
    },
    rep_kinds: {
      quy1: 'Quarter I report',
      '6thang': 'Six-month report',
      quy3: 'Quarter III report',
      '9thang': 'Nine-month report',
      nam: 'Annual report',
    },
    nav_import: 'Import a plan',
    import_title: 'Import a plan from a document',
    import_hint:
      'Choose an issued plan (TXT, Word .docx or a PDF with a text layer), check the preview, then press “Import the plan” to save it.',
    import_file: 'Plan file',
    import_unit: 'Issuing unit code (optional)',
    import_unit_help: 'Leave empty to use the issuer named in the document.',
    import_unit_unknown: (code) => `There is no unit with code “${code}” in the registry.`,
    import_unit_suggest: (code, hint) =>
      `There is no unit with code “${code}” in the registry. Did you mean “${hint}”?`,
    import_year: 'Plan year (optional)',
    import_preview: 'Preview',
    import_confirm: 'Import the plan',
    import_uploading: (p) => (p === null ? 'Uploading…' : `Uploading… ${p}%`),
    import_parsing: 'Reading and analysing the document…',
    import_saving: 'Saving the plan…',
    import_no_file: 'Please choose a plan file.',
    import_bad_year: 'Invalid year (1990 to 2199).',
    import_too_large: (mb) => `The file is too large (at most ${mb} MB).`,
    import_empty: 'The chosen file is empty.',
    import_preview_title: 'What was read from the document',
    import_summary: (tasks, targets, areas, unresolved) =>
      `${tasks} tasks in ${areas} areas, ` +
      `${targets} targets` +
      (unresolved ? `, ${unresolved} unit names not identified` : ''),
    import_unresolved: 'Unit names not in the registry — choose the right unit (if any) before importing:',
    fix_choose: '— no unit chosen —',
    fix_filter: 'Filter units (accents optional)',
    fix_label: (n) => `Unit for “${n}”`,
    import_stale: 'The file or the fields changed: press “Preview” again before importing.',
    import_duplicate: (id) => `This document was imported before (plan ${id}). It was not imported again.`,
    import_duplicate_link: 'Open the imported plan',
    import_done: 'Plan imported.',
  },
});

const view = {
  busy: false,
  preview: null, // {key, plan} of the last successful preview
  duplicate: null, // id of the existing plan after a duplicate import
  status: null, // [key, ...args] of the progress line
  showLogin: null,
  fixes: {}, // unresolved name -> unit code chosen in the preview
  edits: [], // the corrections made in the preview (plan_editor.js), sent with the import
  selected: new Set(), // task indexes selected in the editor
};

// The identity of what would be sent: a preview is valid for it only.
function formKey() {
  const f = $('import-file').files[0];
  return f
    ? [f.name, f.size, f.lastModified, $('import-unit').value.trim(), $('import-year').value.trim()].join('\u0000')
    : null;
}

function setStatus(key, ...args) {
  view.status = key ? [key, ...args] : null;
  const p = $('import-status');
  p.textContent = key ? t(key, ...args) : '';
  p.hidden = !key;
}

function setBusy(busy) {
  view.busy = busy;
  $('import-form').setAttribute('aria-busy', String(busy));
  $('import-preview-btn').disabled = busy;
  for (const id of ['import-file', 'import-unit', 'import-year']) $(id).disabled = busy;
  updateConfirm();
}

function updateConfirm() {
  const ok = !view.busy && view.preview && view.preview.key === formKey();
  $('import-confirm').disabled = !ok;
  $('import-stale').hidden = !view.preview || !!ok || view.busy;
}

// Checks the unit code as it is typed or picked (issue 10 item 11): an
// unknown code is said at once, under the field, not at confirm. True when
// the field is empty or the code is in the registry (or the registry is not
// loaded: the server decides).
function checkUnit() {
  const input = $('import-unit');
  let msg = $('import-unit-error');
  if (!msg) {
    msg = el('p', 'form-error');
    msg.id = 'import-unit-error';
    msg.setAttribute('role', 'alert');
    msg.hidden = true;
    $('import-unit-help').after(msg);
  }
  const code = input.value.trim();
  const list = units.list || [];
  const ok = !code || !list.length || list.some((u) => u.code === code);
  if (ok) {
    showError(msg, null);
    input.removeAttribute('aria-invalid');
    return true;
  }
  const hint = list.find((u) => u.code.toLowerCase() === code.toLowerCase());
  showError(
    msg,
    hint
      ? localError('import.unit_unknown', 'import_unit_suggest', code, hint.code)
      : localError('import.unit_unknown', 'import_unit_unknown', code),
  );
  input.setAttribute('aria-invalid', 'true');
  return false;
}

// Checks the form; returns {file, q} or null after showing the error.
function readForm() {
  const file = $('import-file').files[0];
  const yearInput = $('import-year');
  yearInput.removeAttribute('aria-invalid');
  $('import-file').removeAttribute('aria-invalid');
  let err = null;
  let focus = null;
  const year = yearInput.value.trim();
  if (!file) {
    err = localError('import.no_file', 'import_no_file');
    focus = $('import-file');
  } else if (file.size === 0) {
    err = localError('plan.upload_empty', 'import_empty');
    focus = $('import-file');
  } else if (file.size > MAX_BYTES) {
    err = localError('http.too_large', 'import_too_large', MAX_BYTES / 1024 / 1024);
    focus = $('import-file');
  } else if (year && (!/^\d{4}$/.test(year) || Number(year) < 1990 || Number(year) > 2199)) {
    err = localError('http.bad_year', 'import_bad_year');
    focus = yearInput;
  } else if (!checkUnit()) {
    $('import-unit').focus();
    return null;
  }
  if (err) {
    focus.setAttribute('aria-invalid', 'true');
    showError($('import-error'), err);
    focus.focus();
    return null;
  }
  return {
    file,
    q: {
      filename: file.name,
      unit: $('import-unit').value.trim(),
      year,
      unit_fixes: fixesParam(),
      ...importLifeQuery(),
    },
  };
}

// The file's bytes as base64 (for a JSON body).
function base64Of(file) {
  return new Promise((resolve, reject) => {
    const rd = new FileReader();
    rd.onload = () => resolve(String(rd.result).replace(/^[^,]*,/, ''));
    rd.onerror = () => reject(rd.error);
    rd.readAsDataURL(file);
  });
}

// With corrections the document goes as JSON {filename, content_base64,
// unit, year, unit_fixes, edits, replace, add_units} while that fits the server's JSON limit
// (1 MiB); otherwise, and without corrections, as the raw bytes (the
// corrections then in the query, ?edits=).
const JSON_MAX = 1024 * 1024;
async function bodyOf(form, edits) {
  if (!edits.length) return { path: query(form.q), body: form.file };
  if ((form.file.size * 4) / 3 + JSON.stringify(edits).length + 4096 > JSON_MAX) {
    return { path: query({ ...form.q, edits: JSON.stringify(edits) }), body: form.file };
  }
  const q = form.q;
  const body = { filename: q.filename, content_base64: await base64Of(form.file), edits };
  if (q.unit) body.unit = q.unit;
  if (q.year) body.year = Number(q.year);
  if (q.unit_fixes) body.unit_fixes = JSON.parse(q.unit_fixes);
  if (q.replace) body.replace = true; // plan_life.js: supersede a same-decision plan
  if (q.add_units) body.add_units = JSON.parse(q.add_units);
  return { path: '', body };
}

async function send(path, form, doneKey, edits = view.edits) {
  setBusy(true);
  setStatus('import_uploading', 0);
  const b = await bodyOf(form, edits);
  const r = await api('POST', `${path}${b.path}`, b.body, {
    onProgress: (p, done) => {
      if (done) setStatus(doneKey);
      else setStatus('import_uploading', p);
    },
  });
  setStatus(null);
  setBusy(false);
  if (r.status === 401 && view.showLogin) {
    view.showLogin(errorOf(r));
    return null;
  }
  return r;
}

function unresolvedNames(plan) {
  const names = new Set();
  for (const tk of plan.tasks || []) {
    for (const p of [...(tk.lead || []), ...(tk.support || [])]) {
      if (!p.unit && !p.group && p.text) names.add(p.text);
    }
  }
  return [...names];
}

// A picker of the registry's units for one unresolved name: a filter
// (accent-insensitive) and a select; the choice goes with the import as
// unit_fixes and is kept while the page lives.
function fixPicker(name, i) {
  const li = el('li', 'fix-item');
  li.append(el('span', 'party-unresolved', name));
  const filter = el('input');
  filter.type = 'search';
  filter.id = `fix-filter-${i}`;
  filter.className = 'fix-filter';
  filter.placeholder = t('fix_filter');
  filter.setAttribute('aria-label', t('fix_filter'));
  const sel = el('select');
  sel.id = `fix-unit-${i}`;
  sel.className = 'fix-unit';
  sel.dataset.name = name;
  sel.setAttribute('aria-label', t('fix_label', name));
  const list = (units.list || []).slice().sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const fill = () => {
    const k = searchKey(filter.value);
    const keep = view.fixes[name] || '';
    const none = el('option', null, t('fix_choose'));
    none.value = '';
    sel.replaceChildren(none);
    for (const u of list) {
      if (k && !searchKey(`${u.name} ${u.code}`).includes(k) && u.code !== keep) continue;
      const o = el('option', null, `${u.name} (${u.code})`);
      o.value = u.code;
      sel.append(o);
    }
    sel.value = keep;
  };
  filter.addEventListener('input', fill);
  sel.addEventListener('change', () => {
    if (sel.value) view.fixes[name] = sel.value;
    else delete view.fixes[name];
  });
  fill();
  li.append(filter, sel);
  return li;
}

function fixesParam() {
  const chosen = Object.fromEntries(Object.entries(view.fixes).filter(([, v]) => v));
  return Object.keys(chosen).length ? JSON.stringify(chosen) : '';
}

function renderPreview() {
  const box = $('import-result');
  const pv = view.preview;
  box.hidden = !pv;
  if (!pv) return;
  const plan = pv.plan;
  const tasks = plan.tasks || [];
  renderDocument($('import-doc-title'), $('import-doc'), plan.document);
  const areas = new Set(tasks.map((tk) => tk.area).filter(Boolean));
  const unresolved = unresolvedNames(plan);
  $('import-summary').textContent = t(
    'import_summary',
    formatNumber(tasks.length),
    formatNumber((plan.targets || []).length),
    areas.size,
    unresolved.length,
  );
  const ub = $('import-unresolved');
  ub.hidden = !unresolved.length;
  if (unresolved.length) {
    const ul = el('ul', 'unresolved-list');
    ul.append(...unresolved.map((n, i) => fixPicker(n, i)));
    ub.replaceChildren(el('p', null, t('import_unresolved')), ul);
  }
  fillAreaSelect($('import-area'), tasks);
  renderPreviewTasks();
  renderTargets($('import-targets'), plan.targets);
  decorateTargets($('import-targets'), editorContext(plan));
  renderWarnings($('import-warnings'), plan.warnings);
  renderReporting($('import-reporting'), plan.reporting, plan);
  renderImportLife($('import-life'), plan); // same plan already imported, units to add
}

// The due grammar of data/reports/README.md in words.
function dueText(due) {
  const d = t('rep_due');
  if (!due || due === 'none') return d.none;
  let m = /^\+(\d+)wd$/.exec(due);
  if (m) return d.wd(m[1]);
  m = /^\+(\d+)d$/.exec(due);
  if (m) return d.cd(m[1]);
  if (/^\d+$/.test(due)) return d.day(due);
  return due;
}

// The reporting clauses read from the plan (rules, dated overrides, what was
// not read exactly), as the calendar the import will store.
function renderReporting(box, rep, plan) {
  const rules = (rep && rep.rules) || [];
  const overrides = (rep && rep.overrides) || [];
  const warnings = (rep && rep.warnings) || [];
  box.hidden = !rules.length && !overrides.length && !warnings.length;
  if (box.hidden) return box.replaceChildren();
  const receiver = rules[0]?.receiver || overrides[0]?.receiver;
  const who = receiver && receiver !== '?' ? (plan.document && plan.document.issuer) || receiver : null;
  const kids = [
    el('h3', null, t('rep_clause_title')),
    el('p', 'muted', who ? t('rep_clause_hint', who) : t('rep_clause_unknown')),
  ];
  const rows = [
    ...rules.map((r) => [
      t('rep_kinds')[r.kind] || r.kind,
      r.window ? r.window.replace('-', ' – ') : t('rep_clause_default'),
      dueText(r.due),
      r.source,
    ]),
    ...overrides.map((o) => [
      `${t('rep_kinds')[o.kind] || o.kind} ${o.year}`,
      `${formatDate(o.from)} – ${formatDate(o.to)}`,
      o.due ? formatDate(o.due) : dueText('none'),
      o.source,
    ]),
  ];
  if (rows.length) {
    const table = el('table', 'data-table');
    table.id = 'import-reporting-table';
    const hr = el('tr');
    for (const k of ['rep_clause_kind', 'rep_clause_window', 'rep_clause_due', 'rep_clause_source']) {
      const th = el('th', null, t(k));
      th.scope = 'col';
      hr.append(th);
    }
    const thead = el('thead');
    thead.append(hr);
    const tbody = el('tbody');
    for (const r of rows) {
      const tr = el('tr');
      for (const c of r) tr.append(el('td', null, c));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    const wrap = el('div', 'table-wrap');
    wrap.append(table);
    kids.push(wrap);
  }
  if (warnings.length) {
    const ul = el('ul', 'form-warning');
    for (const w of warnings) {
      const li = el('li', null, state.lang === 'en' ? w.message_en : w.message);
      const clause = w.clause !== null && rep.clauses[w.clause];
      if (clause) li.append(el('div', 'muted', `«${clause.text}»`));
      ul.append(li);
    }
    kids.push(el('p', null, t('rep_clause_warn')), ul);
  }
  box.replaceChildren(...kids);
}

function renderPreviewTasks() {
  renderReview($('import-review'), view.preview && view.preview.plan, AREAS);
  if (!view.preview) return;
  const plan = view.preview.plan;
  renderTasks($('import-tasks'), plan.tasks, { area: $('import-area').value });
  decorateTasks($('import-tasks'), editorContext(plan));
}

function editorContext(plan) {
  return {
    plan,
    apply: applyEdits,
    year: (plan.document && plan.document.year) || Number($('import-year').value) || null,
    errorBox: $('import-edit-error'),
    areas: AREAS,
    selected: view.selected,
    edits: view.edits.length,
  };
}

// A correction in the preview: the document is read again with every edit
// so far plus these (POST /api/v1/plans/parse), and shown from the answer.
async function applyEdits(ops) {
  if (view.busy || !view.preview || view.preview.key !== formKey()) return false;
  showError($('import-edit-error'), null);
  const form = readForm();
  if (!form) return false;
  const edits = [...view.edits, ...ops];
  const r = await send('/api/v1/plans/parse', form, 'import_parsing', edits);
  if (!r) return false;
  if (r.status === 200 && r.data && Array.isArray(r.data.tasks)) {
    view.edits = edits;
    view.selected.clear();
    view.preview = { key: view.preview.key, plan: r.data };
    renderPreview();
    updateConfirm();
    return true;
  }
  showError($('import-edit-error'), errorOf(r));
  return false;
}

function renderDuplicate() {
  const box = $('import-duplicate');
  box.hidden = view.duplicate === null;
  if (view.duplicate === null) return;
  const a = el('a', null, t('import_duplicate_link'));
  a.href = `#/ke-hoach/${encodeURIComponent(view.duplicate)}`;
  box.replaceChildren(el('span', null, t('import_duplicate', view.duplicate)), ' ', a);
}

async function onPreview(ev) {
  ev.preventDefault();
  if (view.busy) return;
  showError($('import-error'), null);
  view.duplicate = null;
  renderDuplicate();
  const form = readForm();
  if (!form) return;
  const key = formKey();
  if (!view.preview || view.preview.key !== key) view.edits = []; // another document
  const r = await send('/api/v1/plans/parse', form, 'import_parsing');
  if (!r) return;
  if (r.status === 200 && r.data && Array.isArray(r.data.tasks)) {
    view.preview = { key, plan: r.data };
    $('import-area').value = '';
    renderPreview();
    updateConfirm();
    $('import-result').focus();
    return;
  }
  view.preview = null;
  renderPreview();
  updateConfirm();
  showError($('import-error'), errorOf(r));
  $('import-file').focus();
}

async function onConfirm() {
  if (view.busy || !view.preview || view.preview.key !== formKey()) return;
  showError($('import-error'), null);
  view.duplicate = null;
  renderDuplicate();
  const form = readForm();
  if (!form) return;
  const r = await send('/api/v1/plans', form, 'import_saving');
  if (!r) return;
  if ((r.status === 201 || r.status === 200) && r.data && r.data.id) {
    if (r.data.duplicate) {
      view.duplicate = r.data.id;
      renderDuplicate();
      $('import-duplicate').focus();
      return;
    }
    location.hash = `#/ke-hoach/${encodeURIComponent(r.data.id)}`;
    return;
  }
  showError($('import-error'), errorOf(r));
}

function onFormChange() {
  view.duplicate = null;
  renderDuplicate();
  updateConfirm();
}

export function openImport(showLogin) {
  view.showLogin = showLogin;
  // names of resolved units in the preview, codes checked as typed
  fetchUnits().then(() => {
    if ($('import-unit').value.trim()) checkUnit();
  });
  updateConfirm();
}

// Forgets the preview after a logout (the chosen file stays in the form).
export function resetImport() {
  view.preview = null;
  view.fixes = {};
  view.edits = [];
  view.duplicate = null;
  resetImportLife();
  renderPreview();
  renderDuplicate();
  showError($('import-error'), null);
}

export function initImport() {
  $('import-form').addEventListener('submit', onPreview);
  $('import-confirm').addEventListener('click', onConfirm);
  for (const id of ['import-file', 'import-unit', 'import-year']) {
    $(id).addEventListener('input', onFormChange);
    $(id).addEventListener('change', onFormChange);
  }
  $('import-area').addEventListener('change', renderPreviewTasks);
  $('import-unit').addEventListener('input', debounce(checkUnit, 250));
  $('import-unit').addEventListener('change', checkUnit);
  onLangChange(() => {
    if (view.status) setStatus(...view.status);
    renderPreview();
    renderDuplicate();
    updateConfirm();
  });
}
