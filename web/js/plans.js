// plans.js - imported plans (Kế hoạch, routes #/ke-hoach and #/ke-hoach/{id}):
// the list (GET /api/v1/plans) and one plan (GET /api/v1/plans/{id}) with
// its tasks grouped by the eight reform areas, filterable by area and by unit
// (accent-insensitive), and its targets. The renderers of the plan JSON
// (document header, tasks by area, targets, warnings) are shared with the
// import preview (plan_import.js). All text goes through textContent.

import {
  $,
  addText,
  api,
  debounce,
  el,
  errorOf,
  formatDate,
  formatNumber,
  onLangChange,
  searchKey,
  showError,
  state,
  t,
} from './core.js';
import { indicatorLabel } from './kpi_labels.js';
import { decorateTargets, decorateTasks, renderReview } from './plan_editor.js';
import { decoratePlanRow, initPlanLife, planStatusText, plansListQuery, setPlansList } from './plan_life.js';
import { fetchUnits, units } from './units.js';

// The eight areas of DOMAIN §2, in their order, then tasks without an area.
export const AREAS = [
  ['chidao', 'Công tác chỉ đạo, điều hành CCHC', 'Direction and management of the reform'],
  ['theche', 'Cải cách thể chế', 'Institutional reform'],
  ['tthc', 'Cải cách thủ tục hành chính', 'Administrative procedure reform'],
  ['bomay', 'Cải cách tổ chức bộ máy hành chính nhà nước', 'Reform of the state apparatus'],
  ['congvu', 'Cải cách chế độ công vụ', 'Civil service reform'],
  ['taichinh', 'Cải cách tài chính công', 'Public finance reform'],
  ['so', 'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số', 'E-government and digital government'],
  [
    'tacdong',
    'Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế – xã hội',
    'Impact of the reform on people, organisations and development',
  ],
];
const NO_AREA = '';

addText({
  vi: {
    nav_plans: 'Kế hoạch',
    plans_title: 'Kế hoạch cải cách hành chính',
    plans_loading: 'Đang tải danh sách kế hoạch…',
    plans_none: 'Chưa có kế hoạch nào. Hãy nhập một kế hoạch.',
    plans_import_link: 'Nhập kế hoạch mới',
    plans_count: (n) => `${n} kế hoạch`,
    col_number: 'Số, ký hiệu',
    col_issuer: 'Cơ quan ban hành',
    col_year: 'Năm',
    col_title: 'Trích yếu',
    col_tasks: 'Nhiệm vụ',
    col_targets: 'Chỉ tiêu',
    plan_back: '‹ Danh sách kế hoạch',
    plan_tasks_link: 'Theo dõi thực hiện nhiệm vụ',
    plan_cascade_link: 'Rà soát kế hoạch của các đơn vị được giao',
    plan_loading: 'Đang tải kế hoạch…',
    doc_number: 'Số, ký hiệu',
    doc_issuer: 'Cơ quan ban hành',
    doc_date: 'Ngày ban hành',
    doc_place: 'Nơi ban hành',
    doc_year: 'Năm kế hoạch',
    doc_source: 'Tệp gốc',
    doc_imported: 'Nhập lúc',
    doc_decision: 'Ban hành kèm theo',
    doc_untitled: '(không đọc được trích yếu)',
    tasks_title: 'Nhiệm vụ',
    tasks_summary: (shown, total) =>
      shown === total ? `${total} nhiệm vụ` : `${shown} / ${total} nhiệm vụ khớp bộ lọc`,
    tasks_none: 'Không có nhiệm vụ nào khớp bộ lọc.',
    filter_area: 'Lĩnh vực',
    filter_area_all: 'Tất cả lĩnh vực',
    filter_unit: 'Đơn vị chủ trì hoặc phối hợp',
    filter_unit_placeholder: 'Tên hoặc mã đơn vị, không cần dấu',
    area_none: 'Chưa xác định lĩnh vực',
    area_count: (n) => `${n} nhiệm vụ`,
    col_no: 'STT',
    col_task: 'Nhiệm vụ',
    col_lead: 'Chủ trì',
    col_support: 'Phối hợp',
    col_product: 'Sản phẩm',
    col_deadline: 'Thời hạn',
    lead_default: 'Cơ quan ban hành',
    unresolved: 'chưa xác định',
    unresolved_title: 'Tên đơn vị chưa khớp với danh mục đơn vị',
    group: 'nhóm',
    groups: {
      standing: 'cơ quan thường trực',
      so: 'sở, ban, ngành',
      huyen: 'cấp huyện',
      xa: 'cấp xã',
      phong: 'phòng chuyên môn',
      related: 'đơn vị liên quan',
    },
    due: (d) => `Hạn: ${d}`,
    targets_title: 'Chỉ tiêu',
    targets_none: 'Kế hoạch không nêu chỉ tiêu định lượng.',
    col_indicator: 'Chỉ tiêu',
    col_op: 'So sánh',
    col_value: 'Giá trị',
    col_unit: 'Đơn vị tính',
    col_area: 'Lĩnh vực',
    op_between: (a, b) => `từ ${a} đến ${b}`,
    warnings_title: (n) => `Cảnh báo khi đọc tài liệu (${n})`,
    col_where: 'Vị trí',
    col_message: 'Nội dung',
  },
  en: {
    nav_plans: 'Plans',
    plans_title: 'Administrative reform plans',
    plans_loading: 'Loading plans…',
    plans_none: 'No plan yet. Import one.',
    plans_import_link: 'Import a new plan',
    plans_count: (n) => `${n} plan${n === 1 ? '' : 's'}`,
    col_number: 'Number',
    col_issuer: 'Issuer',
    col_year: 'Year',
    col_title: 'Title',
    col_tasks: 'Tasks',
    col_targets: 'Targets',
    plan_back: '‹ All plans',
    plan_tasks_link: 'Track the tasks',
    plan_cascade_link: 'Check the plans of the assigned units',
    plan_loading: 'Loading the plan…',
    doc_number: 'Number',
    doc_issuer: 'Issuer',
    doc_date: 'Date of issue',
    doc_place: 'Place',
    doc_year: 'Plan year',
    doc_source: 'Source file',
    doc_imported: 'Imported',
    doc_decision: 'Issued with',
    doc_untitled: '(title not found)',
    tasks_title: 'Tasks',
    tasks_summary: (shown, total) =>
      shown === total ? `${total} tasks` : `${shown} of ${total} tasks match the filters`,
    tasks_none: 'No task matches the filters.',
    filter_area: 'Area',
    filter_area_all: 'All areas',
    filter_unit: 'Lead or supporting unit',
    filter_unit_placeholder: 'Unit name or code, accents optional',
    area_none: 'Area not identified',
    area_count: (n) => `${n} task${n === 1 ? '' : 's'}`,
    col_no: 'No.',
    col_task: 'Task',
    col_lead: 'Lead',
    col_support: 'Support',
    col_product: 'Product',
    col_deadline: 'Deadline',
    lead_default: 'The issuer',
    unresolved: 'not identified',
    unresolved_title: 'This unit name does not match the unit registry',
    group: 'group',
    groups: {
      standing: 'standing agency',
      so: 'departments',
      huyen: 'district level',
      xa: 'commune level',
      phong: 'divisions',
      related: 'related units',
    },
    due: (d) => `Due: ${d}`,
    targets_title: 'Targets',
    targets_none: 'The plan states no quantified target.',
    col_indicator: 'Indicator',
    col_op: 'Comparator',
    col_value: 'Value',
    col_unit: 'Unit',
    col_area: 'Area',
    op_between: (a, b) => `from ${a} to ${b}`,
    warnings_title: (n) => `Warnings while reading the document (${n})`,
    col_where: 'Where',
    col_message: 'Message',
  },
});

export function areaLabel(code) {
  const a = AREAS.find(([c]) => c === code);
  if (!a) return t('area_none');
  return state.lang === 'en' ? a[2] : a[1];
}

// ---- shared renderers of the plan JSON -------------------------------------

function unitLabel(code) {
  const u = (units.list || []).find((x) => x.code === code);
  return u ? u.name : null;
}

// One party {text, unit, group}: the text as written, the resolved unit's
// name when it differs; unresolved names are marked.
function partyNode(p) {
  const li = el('li', 'party');
  li.append(el('span', 'party-text', p.text || p.unit || p.group || ''));
  if (p.unit) {
    const name = unitLabel(p.unit);
    const code = el(
      'span',
      'party-code',
      name && searchKey(name) !== searchKey(p.text) ? `${name} · ${p.unit}` : p.unit,
    );
    li.append(' ', code);
  } else if (p.group) {
    const g = (t('groups') || {})[p.group];
    li.append(' ', el('span', 'party-code', `${t('group')}: ${g || p.group}`));
  } else {
    li.classList.add('party-unresolved');
    li.title = t('unresolved_title');
    li.append(' ', el('span', 'badge badge-unresolved', t('unresolved')));
  }
  return li;
}

function partiesCell(list, fallback) {
  const td = el('td', 'parties');
  if (Array.isArray(list) && list.length) {
    const ul = el('ul', 'party-list');
    ul.append(...list.map(partyNode));
    td.append(ul);
  } else if (fallback) {
    td.append(el('span', 'muted', fallback));
  }
  return td;
}

function deadlineCell(dl) {
  const td = el('td', 'deadline');
  if (!dl) return td;
  if (dl.text) td.append(el('span', 'deadline-text', dl.text));
  const dates = Array.isArray(dl.dates) ? dl.dates : [];
  if (dates.length) {
    const shown = dates.slice(0, 4).map(formatDate).join(', ') + (dates.length > 4 ? ', …' : '');
    td.append(el('span', 'deadline-dates', t('due', shown)));
  }
  return td;
}

// Search key of everything that names a task's units.
function taskUnitKey(task) {
  const parts = [];
  for (const p of [...(task.lead || []), ...(task.support || [])]) {
    parts.push(p.text, p.unit, p.group);
    if (p.unit) parts.push(unitLabel(p.unit));
  }
  return searchKey(parts.filter(Boolean).join(' | '));
}

function taskRow(task, index) {
  const tr = el('tr', 'task-row');
  tr.dataset.area = task.area || NO_AREA;
  tr.dataset.index = String(index); // the task's position in the plan (plan_editor.js)
  const no = el('td', 'task-no', task.no || '');
  const title = el('td', 'task-title');
  title.append(el('span', null, task.title || ''));
  tr.append(
    no,
    title,
    partiesCell(task.lead, task.lead_default ? t('lead_default') : ''),
    partiesCell(task.support, ''),
    el('td', 'task-product', task.product || ''),
    deadlineCell(task.deadline),
  );
  return tr;
}

function headRow(keys) {
  const thead = el('thead');
  const tr = el('tr');
  for (const k of keys) {
    const th = el('th', null, t(k));
    th.scope = 'col';
    tr.append(th);
  }
  thead.append(tr);
  return thead;
}

// Renders tasks grouped by area into box (a container element); filter
// {area, unit} (unit: raw text). Returns the number of tasks shown.
export function renderTasks(box, tasks, filter = {}) {
  const q = searchKey(filter.unit || '');
  const shown = (tasks || []).filter(
    (tk) => (!filter.area || (tk.area || NO_AREA) === filter.area) && (!q || taskUnitKey(tk).includes(q)),
  );
  const order = [...AREAS.map(([c]) => c), NO_AREA];
  const pos = new Map((tasks || []).map((tk, i) => [tk, i]));
  const groups = [];
  for (const code of order) {
    const list = shown.filter(
      (tk) => (tk.area || NO_AREA) === code || (code === NO_AREA && !AREAS.some(([c]) => c === tk.area)),
    );
    if (!list.length) continue;
    const sec = el('section', 'area-group');
    sec.dataset.area = code;
    const h = el('h3', 'area-title', areaLabel(code));
    h.append(' ', el('span', 'area-count', t('area_count', list.length)));
    const table = el('table', 'task-table');
    const tbody = el('tbody');
    tbody.append(...list.map((tk) => taskRow(tk, pos.get(tk))));
    table.append(headRow(['col_no', 'col_task', 'col_lead', 'col_support', 'col_product', 'col_deadline']), tbody);
    const wrap = el('div', 'table-wrap');
    wrap.append(table);
    sec.append(h, wrap);
    groups.push(sec);
  }
  if (!groups.length) groups.push(el('p', 'muted tasks-empty', t('tasks_none')));
  box.replaceChildren(...groups);
  return shown.length;
}

function num(v) {
  if (v === null || v === undefined) return '—';
  return formatNumber(v, Number.isInteger(Number(v)) ? 0 : 2);
}

const OPS = { '>=': '≥', '>': '>', '=': '=', '<=': '≤', '<': '<' };

export function renderTargets(box, targets) {
  const list = Array.isArray(targets) ? targets : [];
  if (!list.length) {
    box.replaceChildren(el('p', 'muted', t('targets_none')));
    return;
  }
  const tbody = el('tbody');
  for (const tg of list) {
    const tr = el('tr', 'target-row');
    const ind = el('td', 'target-indicator');
    ind.append(
      el(
        'span',
        null,
        tg.indicator && tg.indicator !== 'other'
          ? indicatorLabel(tg.indicator, state.lang)
          : tg.text || tg.indicator || '',
      ),
    );
    if (tg.text && tg.indicator !== 'other') ind.append(el('span', 'target-text', tg.text));
    const between = tg.op === 'between';
    tr.append(
      ind,
      el('td', 'target-op', between ? '↔' : OPS[tg.op] || tg.op || ''),
      el('td', 'num target-value', between ? t('op_between', num(tg.value), num(tg.value_max)) : num(tg.value)),
      el('td', 'target-unit', tg.unit || ''),
      el('td', 'target-area', tg.area ? areaLabel(tg.area) : ''),
    );
    tbody.append(tr);
  }
  const table = el('table', 'target-table');
  table.append(headRow(['col_indicator', 'col_op', 'col_value', 'col_unit', 'col_area']), tbody);
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  box.replaceChildren(wrap);
}

export function renderWarnings(box, warnings) {
  const list = Array.isArray(warnings) ? warnings : [];
  box.hidden = !list.length;
  if (!list.length) {
    box.replaceChildren();
    return;
  }
  const details = el('details', 'warnings');
  details.open = list.length <= 10;
  details.append(el('summary', null, t('warnings_title', list.length)));
  const tbody = el('tbody');
  for (const w of list) {
    const tr = el('tr', 'warning-row');
    tr.dataset.code = w.code || '';
    tr.append(
      el('td', 'warning-where', w.where || ''),
      el('td', null, state.lang === 'en' ? w.message_en || w.message : w.message || w.message_en),
    );
    tbody.append(tr);
  }
  const table = el('table', 'warning-table');
  table.append(headRow(['col_where', 'col_message']), tbody);
  details.append(table);
  box.replaceChildren(details);
}

// The document header as a definition list; extra: [[labelKey, value]].
export function renderDocument(titleNode, dl, doc, extra = []) {
  const d = doc || {};
  titleNode.textContent = d.title || t('doc_untitled');
  const rows = [
    ['doc_number', d.number],
    ['doc_issuer', d.issuer],
    ['doc_date', d.date ? formatDate(d.date) : ''],
    ['doc_place', d.place],
    ['doc_year', d.year ? String(d.year) : ''],
    ['doc_decision', d.decision ? [d.decision.number, d.decision.title].filter(Boolean).join(' — ') : ''],
    ...extra,
  ].filter(([, v]) => v);
  dl.replaceChildren(
    ...rows.map(([k, v]) => {
      const div = el('div');
      div.dataset.key = k;
      div.append(el('dt', null, t(k)), el('dd', null, v));
      return div;
    }),
  );
}

export function fillAreaSelect(select, tasks) {
  const keep = select.value;
  const present = new Set((tasks || []).map((tk) => tk.area || NO_AREA));
  const opts = [['', t('filter_area_all')], ...AREAS.filter(([c]) => present.has(c)).map(([c]) => [c, areaLabel(c)])];
  select.replaceChildren(
    ...opts.map(([v, label]) => {
      const o = el('option', null, label);
      o.value = v;
      return o;
    }),
  );
  if (opts.some(([v]) => v === keep)) select.value = keep;
}

// ---- the pages ---------------------------------------------------------------

const view = {
  list: null, // plans of GET /api/v1/plans
  plan: null, // the open plan
  showLogin: null,
  editing: false, // the editor is on (plan_editor.js)
  selected: new Set(), // task indexes selected in the editor
};

function planRow(p) {
  const tr = el('tr', 'plan-row');
  tr.dataset.id = String(p.id);
  const titleCell = el('td', 'plan-title');
  const a = el('a', null, p.title || t('doc_untitled'));
  a.href = `#/ke-hoach/${encodeURIComponent(p.id)}`;
  titleCell.append(a);
  tr.append(
    el('td', 'plan-number', p.number || '—'),
    el('td', null, p.issuer || ''),
    el('td', 'num', p.year ? String(p.year) : ''),
    titleCell,
    el('td', 'num plan-tasks', formatNumber(p.tasks)),
    el('td', 'num plan-targets', formatNumber(p.targets)),
  );
  decoratePlanRow(tr, p); // status mark, delete / supersede / restore
  return tr;
}

function renderList() {
  const list = view.list || [];
  $('plans-count').textContent = view.list ? t('plans_count', list.length) : '';
  $('plans-empty').hidden = !view.list || list.length > 0;
  $('plans-table').hidden = !list.length;
  $('plans-rows').replaceChildren(...list.map(planRow));
}

async function loadList() {
  showError($('plans-error'), null);
  $('plans-count').textContent = t('plans_loading');
  const r = await api('GET', `/api/v1/plans${plansListQuery()}`);
  if (r.status === 200 && r.data && Array.isArray(r.data.plans)) {
    view.list = r.data.plans;
    setPlansList(view.list, loadList);
    renderList();
    return;
  }
  $('plans-count').textContent = '';
  if (r.status === 401 && view.showLogin) view.showLogin(errorOf(r));
  else showError($('plans-error'), errorOf(r));
}

function renderPlanTasks() {
  const p = view.plan;
  if (!p) return;
  const filter = { area: $('plan-area').value, unit: $('plan-unit-filter').value };
  const n = renderTasks($('plan-tasks'), p.tasks, filter);
  $('plan-task-count').textContent = t('tasks_summary', n, (p.tasks || []).length);
  renderReview($('plan-review'), view.editing ? p : null, AREAS);
  if (view.editing) decorateTasks($('plan-tasks'), editorContext(p));
}

function editorContext(p) {
  const year = p.document && p.document.year;
  return { plan: p, apply: saveEdits, year, errorBox: $('plan-error'), areas: AREAS, selected: view.selected };
}

// The editor on a stored plan: each change saved in place (POST
// /api/v1/plans/{id}/edits), the plan redrawn from the answer.
async function saveEdits(ops) {
  const id = currentPlanId();
  showError($('plan-error'), null);
  const r = await api('POST', `/api/v1/plans/${encodeURIComponent(id)}/edits`, { edits: ops });
  if (currentPlanId() !== id) return false;
  if (r.status === 200 && r.data && Array.isArray(r.data.tasks)) {
    view.plan = { ...view.plan, tasks: r.data.tasks, targets: r.data.targets, review: r.data.review };
    renderPlan();
    return true;
  }
  if (r.status === 401 && view.showLogin) view.showLogin(errorOf(r));
  else showError($('plan-error'), errorOf(r));
  return false;
}

function toggleEditing() {
  view.editing = !view.editing;
  view.selected.clear();
  $('plan-edit-btn').setAttribute('aria-pressed', String(view.editing));
  $('plan-edit-btn').textContent = t(view.editing ? 'pe_done' : 'pe_edit_plan');
  renderPlan();
}

function renderPlan() {
  const p = view.plan;
  $('plan-body').hidden = !p;
  if (!p) return;
  renderDocument($('plan-title'), $('plan-doc'), p.document, [
    ['doc_source', p.source_name],
    ['doc_imported', p.imported_at ? `${formatDate(p.imported_at)}${p.imported_by ? ` · ${p.imported_by}` : ''}` : ''],
    ['life_status', planStatusText(p)], // only for a superseded or deleted plan
  ]);
  fillAreaSelect($('plan-area'), p.tasks);
  renderPlanTasks();
  renderTargets($('plan-targets'), p.targets);
  if (view.editing) decorateTargets($('plan-targets'), editorContext(p));
  renderWarnings($('plan-warnings'), p.warnings);
}

// The editor is offered to the roles that may import (the server checks the scope).
function mayEdit() {
  const r = state.user && state.user.role;
  return r === 'admin' || r === 'standing' || r === 'officer';
}

async function loadPlan(id) {
  view.plan = null;
  view.editing = false;
  $('plan-edit-btn').hidden = !mayEdit();
  view.selected.clear();
  $('plan-edit-btn').setAttribute('aria-pressed', 'false');
  $('plan-edit-btn').textContent = t('pe_edit_plan');
  renderPlan();
  showError($('plan-error'), null);
  $('plan-title').textContent = t('plan_loading');
  $('plan-area').value = '';
  $('plan-unit-filter').value = '';
  const r = await api('GET', `/api/v1/plans/${encodeURIComponent(id)}`);
  if (currentPlanId() !== id) return; // the user moved on
  if (r.status === 200 && r.data && typeof r.data === 'object') {
    view.plan = r.data;
    renderPlan();
    return;
  }
  $('plan-title').textContent = '';
  if (r.status === 401 && view.showLogin) view.showLogin(errorOf(r));
  else showError($('plan-error'), errorOf(r));
}

function currentPlanId() {
  const m = /^#\/ke-hoach\/([^/?#]+)$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

// Opens the list or, for #/ke-hoach/{id}, one plan.
export async function openPlans(showLogin) {
  view.showLogin = showLogin;
  const id = currentPlanId();
  $('plans-list').hidden = id !== null;
  $('plan-detail').hidden = id === null;
  if (id !== null) {
    $('plan-tasks-link').href = `#/nhiem-vu?plan=${encodeURIComponent(id)}`;
    $('plan-cascade-link').href = `#/ke-hoach/${encodeURIComponent(id)}/ra-soat`;
  }
  await fetchUnits(); // names of resolved units; the pages work without them
  if (id === null) await loadList();
  else await loadPlan(id);
}

export function resetPlans() {
  view.list = null;
  view.plan = null;
  $('plans-rows').replaceChildren();
  $('plan-tasks').replaceChildren();
}

export function initPlans() {
  $('plan-edit-btn').addEventListener('click', toggleEditing);
  $('plan-area').addEventListener('change', renderPlanTasks);
  $('plan-unit-filter').addEventListener('input', debounce(renderPlanTasks, 150));
  initPlanLife(loadList);
  onLangChange(() => {
    $('plan-edit-btn').textContent = t(view.editing ? 'pe_done' : 'pe_edit_plan');
    if (view.list) renderList();
    if (view.plan) renderPlan();
  });
}
