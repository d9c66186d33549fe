// task_list.js - the list of assignments (Nhiệm vụ, route #/nhiem-vu): pages
// of 50 from the server with the total ("1–50 / 2.014"), sorted by due date,
// status, unit or area; filters by plan, status, due period, area, unit (a
// picker of the units in scope, with or without their subtree) and text; the
// whole filtered list as XLSX (GET /api/v1/tasks/export.xlsx) and as a
// print view. Texts of the shared filters are added by tasks.js.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  field,
  formatDate,
  formatNumber,
  option,
  pagerBar,
  query,
  showError,
  state,
  t,
} from './core.js';
import { AREAS, areaLabel } from './plans.js';
import { STATUSES, badge, dueNote, progressBar, statusText } from './task_common.js';
import { fetchUnits, units } from './units.js';

addText({
  vi: {
    tf_area: 'Lĩnh vực',
    tf_area_all: 'Tất cả lĩnh vực',
    tf_unit: 'Đơn vị',
    tf_unit_all: 'Tất cả đơn vị trong phạm vi',
    tf_tree: 'Gồm đơn vị trực thuộc',
    tf_sort: 'Sắp xếp theo',
    tf_sort_due: 'Hạn',
    tf_sort_status: 'Trạng thái',
    tf_sort_unit: 'Đơn vị',
    tf_sort_area: 'Lĩnh vực',
    tf_desc: 'Giảm dần',
    tasks_range: (from, to, total) => `${from}–${to} / ${total}`,
    tasks_prev: 'Trang trước',
    tasks_next: 'Trang sau',
    tasks_export: 'Xuất Excel',
    tasks_print: 'Bản in',
    tasks_print_title: 'Danh sách nhiệm vụ được giao',
  },
  en: {
    tf_area: 'Area',
    tf_area_all: 'All areas',
    tf_unit: 'Unit',
    tf_unit_all: 'All units in scope',
    tf_tree: 'With subordinate units',
    tf_sort: 'Sort by',
    tf_sort_due: 'Due date',
    tf_sort_status: 'Status',
    tf_sort_unit: 'Unit',
    tf_sort_area: 'Area',
    tf_desc: 'Descending',
    tasks_range: (from, to, total) => `${from}–${to} of ${total}`,
    tasks_prev: 'Previous page',
    tasks_next: 'Next page',
    tasks_export: 'Export to Excel',
    tasks_print: 'Print view',
    tasks_print_title: 'Assigned tasks',
  },
});

export const PAGE_SIZE = 50;

const FILTERS = {
  plan: '',
  status: '',
  due: '',
  q: '',
  mine: true,
  unit: '',
  tree: true,
  area: '',
  sort: 'due',
  desc: false,
};

const view = { showLogin: null, plans: null, filters: { ...FILTERS }, offset: 0, seq: 0, nav: 0 };

// The query of the filters (without paging).
function filterParams() {
  const f = view.filters;
  const p = { plan: f.plan, status: f.status, q: f.q, area: f.area };
  if (f.unit) {
    p.unit = f.unit;
    if (f.tree) p.tree = 1;
  } else if (f.mine && state.user && state.user.unit_code) {
    p.unit = state.user.unit_code;
    p.tree = 1;
  }
  if (f.sort !== 'due') p.sort = f.sort;
  if (f.desc) p.desc = 1;
  if (f.due === 'overdue') p.overdue = 1;
  else if (f.due === 'soon') p.due_soon = 5;
  // the quarter of each plan's own year (the server knows it per task)
  else if (f.due.startsWith('q')) p.due_quarter = Number(f.due.slice(1));
  return p;
}

// The units a user may pick: every unit for a user without a unit, else
// their unit's subtree; internal divisions left out.
function pickableUnits() {
  // units of earlier trees too: plans of past years are assigned to them
  const list = (units.list || []).filter((u) => u.kind !== 'phong');
  const mine = state.user && state.user.unit_code;
  if (!mine) return list;
  const byCode = new Map(list.map((u) => [u.code, u]));
  const within = (u) => {
    for (let x = u, depth = 0; x && depth < 32; x = byCode.get(x.parent), depth++) if (x.code === mine) return true;
    return false;
  };
  return list.filter(within);
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

function renderFilters(box) {
  const f = view.filters;
  const plans = (view.plans || []).map((p) => [
    String(p.id),
    `${p.number || '#' + p.id} — ${p.title || ''}`.slice(0, 90),
  ]);
  const plan = select('tasks-plan', [['', t('tf_plan_all')], ...plans], f.plan);
  const status = select(
    'tasks-status',
    [['', t('tf_status_all')], ...STATUSES.map((s) => [s, statusText(s)])],
    f.status,
  );
  const dues = [
    ['', t('tf_due_all')],
    ['overdue', t('tf_due_overdue')],
    ['soon', t('tf_due_soon')],
    ...[1, 2, 3, 4].map((q) => [`q${q}`, t('tf_due_quarter', q)]),
  ];
  const due = select('tasks-due', dues, f.due);
  const areas = [['', t('tf_area_all')], ...AREAS.map(([c], i) => [String(i + 1), areaLabel(c)])];
  const area = select('tasks-area', areas, f.area);
  const unitList = pickableUnits().map((u) => [u.code, `${u.name} (${u.code})`]);
  const unit = select('tasks-unit', [['', t('tf_unit_all')], ...unitList], f.unit);
  const [tree, treeLabel] = checkbox('tasks-tree', f.tree, t('tf_tree'));
  const sorts = ['due', 'status', 'unit', 'area'].map((k) => [k, t(`tf_sort_${k}`)]);
  const sort = select('tasks-sort', sorts, f.sort);
  const [desc, descLabel] = checkbox('tasks-desc', f.desc, t('tf_desc'));
  const q = el('input');
  q.id = 'tasks-q';
  q.type = 'search';
  q.value = f.q;
  q.placeholder = t('tf_q_placeholder');
  const [mine, mineLabel] = checkbox('tasks-mine', f.mine, t('tf_mine'));
  const form = el('form', 'tasks-filters');
  form.append(
    field(t('tf_plan'), plan),
    field(t('tf_status'), status),
    field(t('tf_due'), due),
    field(t('tf_area'), area),
    field(t('tf_unit'), unit),
    treeLabel,
    field(t('tf_q'), q),
    field(t('tf_sort'), sort),
    descLabel,
  );
  if (state.user && state.user.unit_code) form.append(mineLabel);
  const apply = () => {
    Object.assign(view.filters, {
      plan: plan.value,
      status: status.value,
      due: due.value,
      area: area.value,
      unit: unit.value,
      tree: tree.checked,
      sort: sort.value,
      desc: desc.checked,
      q: q.value.trim(),
      mine: mine.checked,
    });
    view.offset = 0;
    loadList();
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply();
  });
  box.append(form);
}

function renderRows(tbody, items) {
  for (const it of items) {
    const tr = el('tr', it.overdue ? 'row-overdue' : null);
    const due = el('td', 'nowrap');
    due.append(
      el('div', null, it.due ? formatDate(it.due) : '—'),
      el('div', it.overdue ? 'small danger' : 'small muted', dueNote(it)),
    );
    const st = el('td');
    st.append(badge(it.status));
    const pr = el('td', 'nowrap');
    pr.append(...progressBar(it.progress));
    const unit = el('td');
    unit.append(
      el('div', null, it.unit ? it.unit.name : it.label),
      el('div', 'small muted', it.role === 'lead' ? t('role_lead') : t('role_support')),
    );
    const task = el('td');
    const a = el('a', 'task-link', `${it.task_no}. ${it.title}`);
    a.href = `#/nhiem-vu/${it.id}`;
    task.append(a, el('div', 'small muted', it.plan_title));
    tr.append(due, st, pr, unit, task);
    tbody.append(tr);
  }
}

function table(items, className) {
  const tb = el('table', className);
  const head = el('tr');
  for (const k of ['th_due', 'th_status', 'th_progress', 'th_unit', 'th_task']) {
    const th = el('th', null, t(k));
    th.scope = 'col';
    head.append(th);
  }
  tb.append(el('thead'), el('tbody'));
  tb.tHead.append(head);
  renderRows(tb.tBodies[0], items);
  return tb;
}

// Previous / next with the range shown; `ids` on the first pager only.
function pager(total, ids) {
  return pagerBar({
    total,
    offset: view.offset,
    size: PAGE_SIZE,
    labels: { range: 'tasks_range', prev: 'tasks_prev', next: 'tasks_next' },
    ids: ids ? 'tasks' : null,
    go: (offset) => {
      view.offset = offset;
      loadList();
    },
  });
}

function tools() {
  const bar = el('div', 'list-tools');
  const xlsx = el('a', 'btn btn-secondary btn-small', t('tasks_export'));
  xlsx.id = 'tasks-export';
  xlsx.href = `/api/v1/tasks/export.xlsx${query({ ...filterParams(), lang: state.lang === 'en' ? 'en' : '' })}`;
  xlsx.setAttribute('download', '');
  const print = el('button', 'btn btn-secondary btn-small', t('tasks_print'));
  print.type = 'button';
  print.id = 'tasks-print-btn';
  print.addEventListener('click', printAll);
  bar.append(xlsx, print);
  return bar;
}

// The whole filtered list in a print-only block, then the browser's print.
async function printAll() {
  const r = await api('GET', `/api/v1/tasks${query({ ...filterParams(), limit: 5000 })}`);
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status !== 200) return;
  let box = $('tasks-print');
  if (!box) {
    box = el('div', 'print-only');
    box.id = 'tasks-print';
    document.body.append(box);
  }
  box.replaceChildren(
    el('h1', null, t('tasks_print_title')),
    el('p', null, t('tasks_total', formatNumber(r.data.total), formatDate(r.data.today))),
    table(r.data.items, 'tasks-table print-table'),
  );
  document.body.classList.add('printing-list');
  window.print();
  document.body.classList.remove('printing-list');
}

export async function loadList() {
  const box = $('tasks-view');
  const out = $('tasks-results');
  if (!out) return;
  out.replaceChildren(el('p', 'muted', t('tasks_loading')));
  const seq = ++view.seq;
  const resp = await api('GET', `/api/v1/tasks${query({ ...filterParams(), limit: PAGE_SIZE, offset: view.offset })}`);
  if (seq !== view.seq) return; // a newer filter was chosen meanwhile
  if (resp.status === 401) return view.showLogin(errorOf(resp));
  if (!box.isConnected || !$('tasks-results')) return;
  out.replaceChildren();
  if (resp.status !== 200) {
    const p = el('p', 'form-error');
    p.setAttribute('role', 'alert');
    showError(p, errorOf(resp));
    out.append(p);
    return;
  }
  const d = resp.data;
  out.append(el('p', 'muted', t('tasks_total', formatNumber(d.total), formatDate(d.today))));
  if (!d.items.length) {
    out.append(el('p', 'muted', t('tasks_none')));
    return;
  }
  const wrap = el('div', 'table-wrap');
  wrap.append(table(d.items, 'tasks-table task-rows'));
  out.append(tools(), pager(d.total, true), wrap, pager(d.total, false));
}

// Whether the list is still what the page shows after an answer came back:
// no newer openList, and the address is the list's, not a task's (an
// answer arriving after the user moved on must not add to the new page).
function stillListing(nav) {
  return nav === view.nav && /^#\/nhiem-vu(\?|$)/.test(location.hash);
}

export async function openList(showLogin) {
  view.showLogin = showLogin;
  const nav = ++view.nav;
  const box = $('tasks-view');
  box.replaceChildren(el('h1', null, t('tasks_title')));
  if (!view.plans) {
    const r = await api('GET', '/api/v1/plans');
    if (r.status === 401) return view.showLogin(errorOf(r));
    view.plans = r.status === 200 ? r.data.plans : [];
  }
  await fetchUnits();
  if (!stillListing(nav)) return;
  const m = /[?&]plan=(\d+)/.exec(location.hash);
  if (m) view.filters.plan = m[1];
  renderFilters(box);
  const res = el('div');
  res.id = 'tasks-results';
  res.setAttribute('aria-live', 'polite');
  box.append(res);
  await loadList();
}

export function resetList() {
  view.seq++;
  view.plans = null;
  view.offset = 0;
  view.filters = { ...FILTERS };
}
