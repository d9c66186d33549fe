// ranking.js - the ranking of units (Xếp hạng, route #/xep-hang): the units of
// a kind ranked by task completion, by target attainment and by their 766
// score, each among the units of the same kind in the same province
// (GET /api/v1/overview). Pages of 50 from the server with the total
// ("1–50 / 312"), a province heading row wherever the province changes,
// filters (kind, year, province, text), sorting (rank by tasks, by targets,
// by 766, or name; descending), the whole filtered ranking as XLSX
// (/api/v1/overview/export.xlsx) and as a print view. Everything is inserted
// with textContent.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  field,
  formatNumber,
  onLangChange,
  option,
  pagerBar,
  query,
  showError,
  state,
  t,
} from './core.js';
import { fetchUnits, kindLabel, units } from './units.js';
import { defaultYear } from './dashboard.js';

addText({
  vi: {
    rank_title: 'Xếp hạng các đơn vị',
    rank_year: 'Năm',
    rank_kind: 'Loại đơn vị',
    rank_kind_all: 'Tất cả',
    rank_prov: 'Tỉnh',
    rank_prov_all: 'Tất cả tỉnh trong phạm vi',
    rank_q: 'Tìm đơn vị',
    rank_q_placeholder: 'Tên hoặc mã đơn vị',
    rank_sort: 'Sắp xếp theo',
    rank_sorts: {
      tasks: 'Hạng theo nhiệm vụ',
      targets: 'Hạng theo chỉ tiêu',
      766: 'Hạng theo chỉ số 766',
      unit: 'Tên đơn vị',
    },
    rank_desc: 'Giảm dần',
    rank_loading: 'Đang tải số liệu…',
    rank_province: (name) => `Đơn vị thuộc ${name}`,
    rank_empty: 'Không có đơn vị nào trong phạm vi của bạn để xếp hạng.',
    rank_none: 'Không có đơn vị nào khớp với bộ lọc.',
    rank_nodata: 'Chưa có dữ liệu',
    rank_note: 'Xếp hạng trong các đơn vị cùng loại của cùng một tỉnh; bằng nhau thì cùng hạng.',
    rank_col_unit: 'Đơn vị',
    rank_col_tasks: 'Hạng theo nhiệm vụ',
    rank_col_task_rate: 'Tỷ lệ hoàn thành nhiệm vụ',
    rank_col_targets: 'Hạng theo chỉ tiêu',
    rank_col_target_rate: 'Tỷ lệ đạt chỉ tiêu',
    rank_col_766: 'Điểm 766 (hạng)',
    rank_of: (r, of) => `${r}/${of}`,
    rank_tasks_counts: (x) => `${x.completed}/${x.assigned} hoàn thành, ${x.overdue} quá hạn`,
    rank_targets_counts: (x) => `${x.dat}/${x.total} đạt, ${x.co_nguy_co} có nguy cơ`,
    rank_unranked: 'Chưa xếp hạng',
    rank_range: (from, to, total) => `${from}–${to} / ${total}`,
    rank_prev: 'Trang trước',
    rank_next: 'Trang sau',
    rank_export: 'Xuất Excel',
    rank_print: 'Bản in',
    rank_print_sub: (year, n) => `Năm ${year} · ${n} đơn vị`,
  },
  en: {
    rank_title: 'Ranking of units',
    rank_year: 'Year',
    rank_kind: 'Kind of unit',
    rank_kind_all: 'All',
    rank_prov: 'Province',
    rank_prov_all: 'All provinces in scope',
    rank_q: 'Find a unit',
    rank_q_placeholder: 'Unit name or code',
    rank_sort: 'Sort by',
    rank_sorts: { tasks: 'Rank by tasks', targets: 'Rank by targets', 766: 'Rank by the 766 index', unit: 'Unit name' },
    rank_desc: 'Descending',
    rank_loading: 'Loading figures…',
    rank_province: (name) => `Units of ${name}`,
    rank_empty: 'There is no unit in your scope to rank.',
    rank_none: 'No unit matches the filters.',
    rank_nodata: 'No data',
    rank_note: 'Units are ranked among the units of the same kind in the same province; ties share a rank.',
    rank_col_unit: 'Unit',
    rank_col_tasks: 'Rank by tasks',
    rank_col_task_rate: 'Tasks completed',
    rank_col_targets: 'Rank by targets',
    rank_col_target_rate: 'Targets met',
    rank_col_766: '766 score (rank)',
    rank_of: (r, of) => `${r}/${of}`,
    rank_tasks_counts: (x) => `${x.completed}/${x.assigned} completed, ${x.overdue} overdue`,
    rank_targets_counts: (x) => `${x.dat}/${x.total} met, ${x.co_nguy_co} at risk`,
    rank_unranked: 'Not ranked',
    rank_range: (from, to, total) => `${from}–${to} of ${total}`,
    rank_prev: 'Previous page',
    rank_next: 'Next page',
    rank_export: 'Export to Excel',
    rank_print: 'Print view',
    rank_print_sub: (year, n) => `${year} · ${n} units`,
  },
});

const PAGE = 50;
const COLS = [
  'rank_col_unit',
  'rank_col_tasks',
  'rank_col_task_rate',
  'rank_col_targets',
  'rank_col_target_rate',
  'rank_col_766',
];
const view = {
  showLogin: null,
  year: 0,
  f: { kind: 'so', parent: '', q: '', sort: 'tasks', desc: false },
  offset: 0,
  seq: 0,
};

// The query of the filters (without paging).
function params() {
  const f = view.f;
  const p = { year: view.year, kind: f.kind, parent: f.parent, q: f.q };
  if (f.sort !== 'tasks') p.sort = f.sort;
  if (f.desc) p.desc = 1;
  return p;
}

function rankText(rank, of) {
  return rank ? t('rank_of', rank, of) : '—';
}

function rateCell(rate, counts) {
  const td = el('td', 'num');
  td.append(
    el('div', null, rate === null || rate === undefined ? t('rank_unranked') : `${formatNumber(rate, 2)}%`),
    el('div', 'small muted', counts),
  );
  return td;
}

// One table of units, a heading row wherever the province changes.
function table(list, className) {
  const tb = el('table', className);
  const head = el('tr');
  for (const k of COLS) {
    const th = el('th', null, t(k));
    th.scope = 'col';
    head.append(th);
  }
  tb.append(el('thead'), el('tbody'));
  tb.tHead.append(head);
  let prov = null;
  for (const r of list) {
    if (r.province !== prov) {
      prov = r.province;
      const g = el('tr', 'rank-group');
      g.dataset.province = prov || '';
      const th = el('th', null, t('rank_province', r.province_name || prov || ''));
      th.colSpan = COLS.length;
      th.scope = 'colgroup';
      g.append(th);
      tb.tBodies[0].append(g);
    }
    const tr = el('tr', 'rank-row');
    tr.dataset.unit = r.unit.code;
    const s766 = r.index766 === null ? t('rank_nodata') : formatNumber(r.index766, 2);
    tr.append(
      el('td', 'rank-unit', `${r.unit.name} (${kindLabel(r.unit.kind)})`),
      el('td', 'num rank-tasks', rankText(r.rank_tasks, r.of_tasks)),
      rateCell(r.tasks && r.tasks.rate, r.tasks ? t('rank_tasks_counts', r.tasks) : ''),
      el('td', 'num rank-targets', rankText(r.rank_targets, r.of_targets)),
      rateCell(r.targets && r.targets.rate, r.targets ? t('rank_targets_counts', r.targets) : ''),
      el('td', 'num rank-766', r.rank_766 ? `${s766} (${rankText(r.rank_766, r.of_766)})` : s766),
    );
    tb.tBodies[0].append(tr);
  }
  return tb;
}

function pager(total, ids) {
  return pagerBar({
    total,
    offset: view.offset,
    size: PAGE,
    labels: { range: 'rank_range', prev: 'rank_prev', next: 'rank_next' },
    ids: ids ? 'rank' : null,
    go: (offset) => {
      view.offset = offset;
      loadRanking();
    },
  });
}

function tools() {
  const bar = el('div', 'list-tools');
  const xlsx = el('a', 'btn btn-secondary btn-small', t('rank_export'));
  xlsx.id = 'rank-export';
  xlsx.href = `/api/v1/overview/export.xlsx${query({ ...params(), lang: state.lang === 'en' ? 'en' : '' })}`;
  xlsx.setAttribute('download', '');
  const print = el('button', 'btn btn-secondary btn-small', t('rank_print'));
  print.type = 'button';
  print.id = 'rank-print-btn';
  print.addEventListener('click', printAll);
  bar.append(xlsx, print);
  return bar;
}

// The whole filtered ranking in a print-only block, then the browser's print.
async function printAll() {
  const r = await api('GET', `/api/v1/overview${query(params())}`);
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status !== 200) return;
  let box = $('rank-print');
  if (!box) {
    box = el('div', 'print-only');
    box.id = 'rank-print';
    document.body.append(box);
  }
  box.replaceChildren(
    el('h1', null, t('rank_title')),
    el('p', null, t('rank_print_sub', r.data.year, formatNumber(r.data.total))),
    el('p', 'small', t('rank_note')),
    table(r.data.units, 'tasks-table print-table rank-table'),
  );
  // only this list prints: the print blocks of the other lists go
  for (const id of ['tasks-print', 'cas-print', 'rank-print']) if (id !== 'rank-print' && $(id)) $(id).remove();
  document.body.classList.add('printing-list');
  window.addEventListener('afterprint', () => box.remove(), { once: true });
  window.print();
  document.body.classList.remove('printing-list');
}

async function loadRanking() {
  const out = $('rank-body');
  if (!out) return;
  const seq = ++view.seq;
  out.replaceChildren(el('p', 'muted', t('rank_loading')));
  const r = await api('GET', `/api/v1/overview${query({ ...params(), limit: PAGE, offset: view.offset })}`);
  if (seq !== view.seq) return; // a newer choice was made meanwhile
  if (r.status === 401) return view.showLogin(errorOf(r));
  out.replaceChildren();
  if (r.status !== 200) {
    const p = el('p', 'form-error');
    p.setAttribute('role', 'alert');
    showError(p, errorOf(r));
    out.append(p);
    return;
  }
  const d = r.data;
  if (!d.total) {
    const filtered = view.f.q || view.f.parent;
    out.append(el('p', 'muted rank-empty', t(filtered ? 'rank_none' : 'rank_empty')));
    return;
  }
  const wrap = el('div', 'table-wrap');
  wrap.append(table(d.units, 'tasks-table rank-table'));
  wrap.firstChild.id = 'rank-table';
  out.append(el('p', 'small muted', t('rank_note')), tools(), pager(d.total, true), wrap, pager(d.total, false));
}

// The provinces a user may pick: every province for a user without a unit,
// else the province their unit belongs to.
function provinces() {
  const list = (units.list || []).filter((u) => u.kind === 'tinh');
  const mine = state.user && state.user.unit_code;
  const seen = new Set();
  const unique = list.filter((u) => !seen.has(u.code) && seen.add(u.code));
  if (!mine) return unique;
  const byCode = new Map((units.list || []).map((u) => [u.code, u]));
  for (let x = byCode.get(mine), depth = 0; x && depth < 32; x = byCode.get(x.parent), depth++) {
    if (x.kind === 'tinh') return unique.filter((u) => u.code === x.code);
  }
  return [];
}

function filters() {
  const f = view.f;
  const form = el('form', 'tasks-filters');
  form.id = 'rank-filters';
  const kind = el('select');
  kind.append(option('', t('rank_kind_all'), !f.kind));
  for (const k of ['so', 'huyen', 'xa', 'dvsn']) kind.append(option(k, kindLabel(k), f.kind === k));
  const year = el('select');
  for (let y = new Date().getFullYear(); y >= 2022; y--) year.append(option(String(y), String(y), y === view.year));
  const prov = el('select');
  prov.append(option('', t('rank_prov_all'), !f.parent));
  for (const p of provinces()) prov.append(option(p.code, p.name, p.code === f.parent));
  const q = el('input');
  q.type = 'search';
  q.value = f.q;
  q.placeholder = t('rank_q_placeholder');
  const sort = el('select');
  for (const k of ['tasks', 'targets', '766', 'unit']) sort.append(option(k, t('rank_sorts')[k], f.sort === k));
  const desc = el('input');
  desc.type = 'checkbox';
  desc.id = 'rank-desc';
  desc.checked = f.desc;
  const descLabel = el('label', 'check');
  descLabel.append(desc, document.createTextNode(` ${t('rank_desc')}`));
  form.append(
    field(t('rank_kind'), kind, 'rank-kind'),
    field(t('rank_year'), year, 'rank-year'),
    field(t('rank_prov'), prov, 'rank-province'),
    field(t('rank_q'), q, 'rank-q'),
    field(t('rank_sort'), sort, 'rank-sort'),
    descLabel,
  );
  const apply = () => {
    view.year = Number(year.value);
    Object.assign(view.f, {
      kind: kind.value,
      parent: prov.value,
      q: q.value.trim(),
      sort: sort.value,
      desc: desc.checked,
    });
    view.offset = 0;
    loadRanking();
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    apply();
  });
  return form;
}

export async function openRanking(showLogin) {
  view.showLogin = showLogin;
  if (!view.year) view.year = await defaultYear();
  await fetchUnits(); // province names
  const box = $('ranking-view');
  const body = el('div');
  body.id = 'rank-body';
  body.setAttribute('aria-live', 'polite');
  box.replaceChildren(el('h1', null, t('rank_title')), filters(), body);
  await loadRanking();
}

export function resetRanking() {
  view.seq++;
  view.year = 0;
  view.offset = 0;
  view.f = { kind: 'so', parent: '', q: '', sort: 'tasks', desc: false };
}

export function initRanking() {
  onLangChange(() => {
    if ($('ranking-view') && !$('ranking-view').hidden) openRanking(view.showLogin);
  });
}
