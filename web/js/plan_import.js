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
  formatNumber,
  localError,
  onLangChange,
  query,
  searchKey,
  showError,
  t,
} from './core.js';
import { fillAreaSelect, renderDocument, renderTargets, renderTasks, renderWarnings } from './plans.js';
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
  },
  en: {
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
  return { file, q: { filename: file.name, unit: $('import-unit').value.trim(), year, unit_fixes: fixesParam() } };
}

async function send(path, form, doneKey) {
  setBusy(true);
  setStatus('import_uploading', 0);
  const r = await api('POST', `${path}${query(form.q)}`, form.file, {
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
  renderWarnings($('import-warnings'), plan.warnings);
}

function renderPreviewTasks() {
  if (view.preview) renderTasks($('import-tasks'), view.preview.plan.tasks, { area: $('import-area').value });
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
  view.duplicate = null;
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
