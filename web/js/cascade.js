// cascade.js - the cascade check of a plan (route #/ke-hoach/{id}/ra-soat):
// for each unit the plan assigns tasks to, whether the unit's own plan of the
// same year covers each task (GET /api/v1/plans/{id}/cascade): a summary per
// unit, then the rows page by page from the server ("1–50 / 1.996"), filtered
// by unit (with its subtree), result (with the count of each), area and text,
// sorted by task, unit, result or similarity; the whole filtered list as XLSX
// (.../cascade/export.xlsx) and as a print view; buttons to confirm a row by
// hand (POST .../cascade) for the standing agency. All text through
// textContent.

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
  onLangChange,
  option,
  pagerBar,
  query,
  showError,
  state,
  t,
  todayIso,
} from './core.js';
import { AREAS, areaLabel } from './plans.js';

addText({
  vi: {
    cas_title: 'Rà soát kế hoạch của các đơn vị được giao',
    cas_back: '‹ Về kế hoạch',
    cas_hint: (c, m) =>
      `So khớp nội dung nhiệm vụ với kế hoạch của đơn vị cùng năm: từ ${c} là «đã có», ` +
      `từ ${m} là «có thể có» (cần xác nhận).`,
    cas_loading: 'Đang so khớp…',
    cas_unit: 'Đơn vị',
    cas_unit_all: 'Tất cả đơn vị',
    cas_tree: 'Gồm đơn vị trực thuộc',
    cas_state: 'Kết quả',
    cas_state_all: 'Tất cả',
    cas_state_n: (label, n) => `${label} (${n})`,
    cas_area: 'Lĩnh vực',
    cas_area_all: 'Tất cả lĩnh vực',
    cas_q: 'Tìm',
    cas_q_placeholder: 'Số, tên nhiệm vụ hoặc đơn vị',
    cas_sort: 'Sắp xếp theo',
    cas_sorts: { task: 'Thứ tự nhiệm vụ', unit: 'Đơn vị', state: 'Kết quả', score: 'Độ tương đồng' },
    cas_desc: 'Giảm dần',
    cas_states: { covered: 'Đã có', maybe: 'Có thể có', missing: 'Chưa có', no_plan: 'Chưa có kế hoạch' },
    cas_units_title: 'Tổng hợp theo đơn vị',
    cas_rows_title: 'Chi tiết nhiệm vụ',
    cas_col_unit: 'Đơn vị',
    cas_col_plans: 'Kế hoạch của đơn vị',
    cas_col_counts: 'Đã có / có thể / chưa có / chưa có kế hoạch',
    cas_col_task: 'Nhiệm vụ được giao',
    cas_col_state: 'Kết quả',
    cas_col_match: 'Nhiệm vụ tương ứng trong kế hoạch của đơn vị',
    cas_none_plan: '(chưa nhập kế hoạch)',
    cas_score: (s) => `độ tương đồng ${s}`,
    cas_confirm_yes: 'Xác nhận đã có',
    cas_confirm_no: 'Xác nhận chưa có',
    cas_decided: (who, at) => `Đã xác nhận bởi ${who} lúc ${at}`,
    cas_empty: 'Kế hoạch không giao nhiệm vụ cho đơn vị nào khác.',
    cas_no_rows: 'Không có nhiệm vụ nào khớp với bộ lọc.',
    cas_range: (from, to, total) => `${from}–${to} / ${total}`,
    cas_prev: 'Trang trước',
    cas_next: 'Trang sau',
    cas_export: 'Xuất Excel',
    cas_print: 'Bản in',
    cas_print_sub: (plan, n, day) => `Kế hoạch: ${plan} · ${n} dòng · ngày ${day}`,
  },
  en: {
    cas_title: 'Plans of the assigned units',
    cas_back: '‹ Back to the plan',
    cas_hint: (c, m) =>
      `Task texts are matched with the unit's own plan of the same year: from ${c} ` +
      `“covered”, from ${m} “maybe” (to confirm).`,
    cas_loading: 'Matching…',
    cas_unit: 'Unit',
    cas_unit_all: 'All units',
    cas_tree: 'With subordinate units',
    cas_state: 'Result',
    cas_state_all: 'All',
    cas_state_n: (label, n) => `${label} (${n})`,
    cas_area: 'Area',
    cas_area_all: 'All areas',
    cas_q: 'Search',
    cas_q_placeholder: 'Number, task or unit name',
    cas_sort: 'Sort by',
    cas_sorts: { task: 'Task order', unit: 'Unit', state: 'Result', score: 'Similarity' },
    cas_desc: 'Descending',
    cas_states: { covered: 'Covered', maybe: 'Maybe', missing: 'Missing', no_plan: 'No plan' },
    cas_units_title: 'By unit',
    cas_rows_title: 'Tasks',
    cas_col_unit: 'Unit',
    cas_col_plans: "Unit's plans",
    cas_col_counts: 'Covered / maybe / missing / no plan',
    cas_col_task: 'Task assigned',
    cas_col_state: 'Result',
    cas_col_match: "Matching task in the unit's plan",
    cas_none_plan: '(no plan imported)',
    cas_score: (s) => `similarity ${s}`,
    cas_confirm_yes: 'Confirm covered',
    cas_confirm_no: 'Confirm missing',
    cas_decided: (who, at) => `Confirmed by ${who} at ${at}`,
    cas_empty: 'The plan assigns no task to another unit.',
    cas_no_rows: 'No task matches the filters.',
    cas_range: (from, to, total) => `${from}–${to} of ${total}`,
    cas_prev: 'Previous page',
    cas_next: 'Next page',
    cas_export: 'Export to Excel',
    cas_print: 'Print view',
    cas_print_sub: (plan, n, day) => `Plan: ${plan} · ${n} rows · ${day}`,
  },
});

const STATES = ['covered', 'maybe', 'missing', 'no_plan'];
const SORTS = ['task', 'unit', 'state', 'score'];
const CAS_PAGE = 50;
const FILTERS = { unit: '', tree: false, state: '', area: '', q: '', sort: 'task', desc: false };

// units: the summary of the unfiltered check (the unit picker), per plan
const view = { showLogin: null, id: null, data: null, units: null, f: { ...FILTERS }, offset: 0, seq: 0 };

function planId() {
  const m = /^#\/ke-hoach\/([^/]+)\/ra-soat$/.exec(location.hash);
  return m ? decodeURIComponent(m[1]) : null;
}

function canDecide() {
  const r = state.user && state.user.role;
  return r === 'admin' || r === 'standing';
}

function stateText(s) {
  return (t('cas_states') || {})[s] || s;
}

function base() {
  return `/api/v1/plans/${encodeURIComponent(view.id)}/cascade`;
}

// The query of the filters (without paging).
function filterParams() {
  const f = view.f;
  const p = { unit: f.unit, state: f.state, area: f.area, q: f.q };
  if (f.unit && f.tree) p.tree = 1;
  if (f.sort !== 'task') p.sort = f.sort;
  if (f.desc) p.desc = 1;
  return p;
}

function table(heads, className) {
  const tb = el('table', className || 'tasks-table');
  const tr = el('tr');
  for (const h of heads) {
    const th = el('th', null, t(h));
    th.scope = 'col';
    tr.append(th);
  }
  tb.append(el('thead'), el('tbody'));
  tb.tHead.append(tr);
  return tb;
}

function unitsTable(list) {
  const tb = table(['cas_col_unit', 'cas_col_plans', 'cas_col_counts']);
  for (const u of list) {
    const tr = el('tr');
    tr.dataset.unit = u.unit.code;
    const plans = el('td');
    if (!u.plans.length) plans.append(el('span', 'muted', t('cas_none_plan')));
    for (const p of u.plans) {
      const a = el('a', null, p.title);
      a.href = `#/ke-hoach/${p.id}`;
      plans.append(a, el('br'));
    }
    tr.append(
      el('td', null, u.unit.name),
      plans,
      el('td', 'num', `${u.covered} / ${u.maybe} / ${u.missing} / ${u.no_plan}`),
    );
    tb.tBodies[0].append(tr);
  }
  return tb;
}

async function decide(row, decision, cell) {
  const plausible = row.match && (row.auto_state === 'covered' || row.auto_state === 'maybe');
  const r = await api('POST', base(), {
    task_id: row.task_id,
    unit: row.unit.code,
    decision,
    child_task_id: decision === 'covered' && plausible ? row.match.task_id : 0,
  });
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status !== 200) {
    const p = el('p', 'form-error');
    p.setAttribute('role', 'alert');
    showError(p, errorOf(r));
    cell.append(p);
    return;
  }
  view.units = null; // the counts changed
  await loadRows(true);
}

// Previous / next with "1–50 / 1.996"; `ids` on the first pager only.
function pager(total, ids) {
  return pagerBar({
    total,
    offset: view.offset,
    size: CAS_PAGE,
    labels: { range: 'cas_range', prev: 'cas_prev', next: 'cas_next' },
    ids: ids ? 'cas' : null,
    go: (offset) => {
      view.offset = offset;
      loadRows();
    },
  });
}

function stateCell(r) {
  const st = el('td');
  st.append(el('span', `badge cas-badge cas-b-${r.state}`, stateText(r.state)));
  if (r.decided_by) st.append(el('div', 'small muted', t('cas_decided', r.decided_by, formatDateTime(r.decided_at))));
  return st;
}

function matchCell(r, actions) {
  const match = el('td');
  if (r.match) {
    match.append(
      el('div', null, `${r.match.task_no}. ${r.match.title}`),
      el('div', 'small muted', t('cas_score', formatNumber(r.score, 2))),
    );
  }
  if (actions && canDecide() && r.auto_state !== 'no_plan') {
    const yes = el('button', 'btn btn-secondary btn-small cas-yes', t('cas_confirm_yes'));
    const no = el('button', 'btn btn-secondary btn-small cas-no', t('cas_confirm_no'));
    yes.type = 'button';
    no.type = 'button';
    yes.addEventListener('click', () => decide(r, 'covered', match));
    no.addEventListener('click', () => decide(r, 'missing', match));
    const bar = el('div', 'cas-actions');
    bar.append(yes, no);
    match.append(bar);
  }
  return match;
}

// The rows as a table; `actions`: the confirmation buttons (not in print).
function rowsTable(rows, actions, className) {
  const tb = table(['cas_col_task', 'cas_col_unit', 'cas_col_state', 'cas_col_match'], className);
  for (const r of rows) {
    const tr = el('tr', `cas-${r.state}`);
    tr.dataset.task = r.task_id;
    tr.dataset.unit = r.unit.code;
    const task = el('td', 'cas-task');
    task.append(el('div', 'cas-task-title', `${r.task_no}. ${r.title}`));
    if (r.area) task.append(el('div', 'small muted', areaLabel(AREAS[r.area - 1][0])));
    tr.append(task, el('td', null, r.unit.name), stateCell(r), matchCell(r, actions));
    tb.tBodies[0].append(tr);
  }
  return tb;
}

function select(id, options, value) {
  const s = el('select');
  s.id = id;
  for (const [v, text] of options) s.append(option(v, text, v === value));
  return s;
}

function checkbox(id, checked, label) {
  const input = el('input');
  input.id = id;
  input.type = 'checkbox';
  input.checked = checked;
  const l = el('label', 'check');
  l.append(input, document.createTextNode(` ${label}`));
  return [input, l];
}

// The labels of the result filter with the counts of the last answer.
function stateLabels(sel, counts) {
  const c = counts || {};
  for (const o of sel.options) {
    o.textContent = o.value ? t('cas_state_n', stateText(o.value), formatNumber(c[o.value] || 0)) : t('cas_state_all');
  }
}

function filtersForm() {
  const f = view.f;
  const unitOpts = [['', t('cas_unit_all')], ...(view.units || []).map((u) => [u.unit.code, u.unit.name])];
  const unit = select('cas-unit', unitOpts, f.unit);
  const [tree, treeLabel] = checkbox('cas-tree', f.tree, t('cas_tree'));
  const st = select('cas-state', [['', ''], ...STATES.map((s) => [s, s])], f.state);
  const areaOpts = [['', t('cas_area_all')], ...AREAS.map(([code], i) => [String(i + 1), areaLabel(code)])];
  const area = select('cas-area', areaOpts, f.area);
  const q = el('input');
  q.type = 'search';
  q.value = f.q;
  q.placeholder = t('cas_q_placeholder');
  const sort = select(
    'cas-sort',
    SORTS.map((k) => [k, t('cas_sorts')[k]]),
    f.sort,
  );
  const [desc, descLabel] = checkbox('cas-desc', f.desc, t('cas_desc'));
  const form = el('form', 'tasks-filters');
  form.id = 'cas-filters';
  form.append(
    field(t('cas_unit'), unit),
    treeLabel,
    field(t('cas_state'), st),
    field(t('cas_area'), area),
    field(t('cas_q'), q, 'cas-q'),
    field(t('cas_sort'), sort),
    descLabel,
  );
  const apply = () => {
    Object.assign(view.f, {
      unit: unit.value,
      tree: tree.checked,
      state: st.value,
      area: area.value,
      q: q.value.trim(),
      sort: sort.value,
      desc: desc.checked,
    });
    view.offset = 0;
    loadRows();
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply();
  });
  return form;
}

function tools() {
  const bar = el('div', 'list-tools');
  const xlsx = el('a', 'btn btn-secondary btn-small', t('cas_export'));
  xlsx.id = 'cas-export';
  xlsx.href = `${base()}/export.xlsx${query({ ...filterParams(), lang: state.lang === 'en' ? 'en' : '' })}`;
  xlsx.setAttribute('download', '');
  const print = el('button', 'btn btn-secondary btn-small', t('cas_print'));
  print.type = 'button';
  print.id = 'cas-print-btn';
  print.addEventListener('click', printAll);
  bar.append(xlsx, print);
  return bar;
}

// The whole filtered list in a print-only block, then the browser's print.
async function printAll() {
  const r = await api('GET', `${base()}${query(filterParams())}`);
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status !== 200) return;
  let box = $('cas-print');
  if (!box) {
    box = el('div', 'print-only');
    box.id = 'cas-print';
    document.body.append(box);
  }
  box.replaceChildren(
    el('h1', null, t('cas_title')),
    el('p', null, t('cas_print_sub', r.data.plan_title || '', formatNumber(r.data.total), formatDate(todayIso()))),
    rowsTable(r.data.rows, false, 'tasks-table print-table'),
  );
  // only this list prints: the print blocks of the other lists go
  for (const id of ['tasks-print', 'cas-print', 'rank-print']) if (id !== 'cas-print' && $(id)) $(id).remove();
  document.body.classList.add('printing-list');
  window.addEventListener('afterprint', () => box.remove(), { once: true });
  window.print();
  document.body.classList.remove('printing-list');
}

// The results part: tools, pagers and the page of rows; the counts of the
// result filter.
function renderRows() {
  const out = $('cas-results');
  const d = view.data;
  if (!out || !d) return;
  stateLabels($('cas-state'), d.counts);
  out.replaceChildren();
  if (!d.rows.length) {
    out.append(el('p', 'muted cas-no-rows', t('cas_no_rows')));
    return;
  }
  const wrap = el('div', 'table-wrap');
  wrap.id = 'cas-rows';
  wrap.append(rowsTable(d.rows, true, 'tasks-table cas-rows'));
  out.append(tools(), pager(d.total, true), wrap, pager(d.total, false));
}

function render() {
  const box = $('cascade-view');
  const back = el('a', 'back', t('cas_back'));
  back.href = `#/ke-hoach/${encodeURIComponent(view.id)}`;
  box.replaceChildren(back, el('h1', null, t('cas_title')));
  const d = view.data;
  if (!d) return;
  box.append(
    el('p', 'muted', t('cas_hint', formatNumber(d.thresholds.covered, 1), formatNumber(d.thresholds.maybe, 1))),
  );
  if (!view.units || !view.units.length) {
    box.append(el('p', 'muted', t('cas_empty')));
    return;
  }
  const unitsBox = el('div', 'table-wrap');
  unitsBox.id = 'cas-units';
  unitsBox.append(unitsTable(view.units));
  const res = el('div');
  res.id = 'cas-results';
  res.setAttribute('aria-live', 'polite');
  box.append(el('h2', null, t('cas_units_title')), unitsBox, el('h2', null, t('cas_rows_title')), filtersForm(), res);
  renderRows();
}

function failed(r) {
  view.data = null;
  render();
  const p = el('p', 'form-error');
  p.setAttribute('role', 'alert');
  showError(p, errorOf(r));
  $('cascade-view').append(p);
}

// The summary of every unit (for the picker and the table): one call
// without filters that asks for no row.
async function loadUnits() {
  const r = await api('GET', `${base()}${query({ limit: 1, offset: 1e9 })}`);
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status !== 200) return failed(r);
  view.units = r.data.units;
  return true;
}

// The page of rows for the filters; the whole view the first time or when
// `all` (the summary changed).
async function loadRows(all = false) {
  const seq = ++view.seq;
  const first = all || !view.data;
  if (!view.units && !(await loadUnits())) return;
  const r = await api('GET', `${base()}${query({ ...filterParams(), limit: CAS_PAGE, offset: view.offset })}`);
  if (seq !== view.seq) return; // a newer choice was made meanwhile
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status !== 200) return failed(r);
  view.data = r.data;
  if (first || !$('cas-results')) render();
  else renderRows();
}

export async function openCascade(showLogin) {
  view.showLogin = showLogin;
  const id = planId();
  if (id !== view.id) {
    view.f = { ...FILTERS };
    view.offset = 0;
  }
  view.id = id;
  view.data = null;
  view.units = null;
  render();
  $('cascade-view').append(el('p', 'muted', t('cas_loading')));
  await loadRows();
}

export function initCascade() {
  onLangChange(() => {
    if (!$('cascade-view').hidden) render();
  });
}
