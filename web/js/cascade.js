// cascade.js - the cascade check of a plan (route #/ke-hoach/{id}/ra-soat):
// for each unit the plan assigns tasks to, whether the unit's own plan of the
// same year covers each task (GET /api/v1/plans/{id}/cascade): a summary per
// unit, the rows filterable by unit and state with the best match and its
// score, and buttons to confirm by hand (POST .../cascade) for the standing
// agency. All text through textContent.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  formatDateTime,
  formatNumber,
  onLangChange,
  option,
  query,
  showError,
  state,
  t,
} from './core.js';

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
    cas_state: 'Kết quả',
    cas_state_all: 'Tất cả',
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
    cas_range: (from, to, total) => `${from}–${to} / ${total}`,
    cas_prev: 'Trang trước',
    cas_next: 'Trang sau',
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
    cas_state: 'Result',
    cas_state_all: 'All',
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
    cas_range: (from, to, total) => `${from}–${to} of ${total}`,
    cas_prev: 'Previous page',
    cas_next: 'Next page',
  },
});

const view = { showLogin: null, id: null, data: null, unit: '', state: '', offset: 0 };

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

function table(heads) {
  const tb = el('table', 'tasks-table');
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

function unitsTable(d) {
  const tb = table(['cas_col_unit', 'cas_col_plans', 'cas_col_counts']);
  for (const u of d.units) {
    const tr = el('tr');
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
  const r = await api('POST', `/api/v1/plans/${view.id}/cascade`, {
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
  await load();
}

const CAS_PAGE = 50;

// Previous / next over the filtered rows, with "1–50 / 1.234"; rendering a
// page at a time keeps a province plan's thousands of rows off the page.
function casPager(total, onMove) {
  const nav = el('div', 'pager');
  const from = total ? view.offset + 1 : 0;
  const to = Math.min(view.offset + CAS_PAGE, total);
  const range = el('span', 'pager-range', t('cas_range', formatNumber(from), formatNumber(to), formatNumber(total)));
  range.id = 'cas-range';
  const prev = el('button', 'btn-secondary', t('cas_prev'));
  prev.type = 'button';
  prev.id = 'cas-prev';
  prev.disabled = view.offset === 0;
  prev.addEventListener('click', () => onMove(Math.max(0, view.offset - CAS_PAGE)));
  const next = el('button', 'btn-secondary', t('cas_next'));
  next.type = 'button';
  next.id = 'cas-next';
  next.disabled = to >= total;
  next.addEventListener('click', () => onMove(view.offset + CAS_PAGE));
  nav.append(prev, range, next);
  return nav;
}

function rowsTable(d, onMove) {
  const tb = table(['cas_col_unit', 'cas_col_task', 'cas_col_state', 'cas_col_match']);
  const all = d.rows.filter(
    (r) => (!view.unit || r.unit.code === view.unit) && (!view.state || r.state === view.state),
  );
  if (view.offset >= all.length) view.offset = 0;
  const rows = all.slice(view.offset, view.offset + CAS_PAGE);
  const frag = document.createDocumentFragment();
  frag.append(casPager(all.length, onMove), tb);
  for (const r of rows) {
    const tr = el('tr', `cas-${r.state}`);
    tr.dataset.task = r.task_id;
    tr.dataset.unit = r.unit.code;
    const st = el('td');
    st.append(el('span', `badge cas-badge cas-b-${r.state}`, stateText(r.state)));
    if (r.decided_by) st.append(el('div', 'small muted', t('cas_decided', r.decided_by, formatDateTime(r.decided_at))));
    const match = el('td');
    if (r.match) {
      match.append(
        el('div', null, `${r.match.task_no}. ${r.match.title}`),
        el('div', 'small muted', t('cas_score', formatNumber(r.score, 2))),
      );
    }
    if (canDecide() && r.auto_state !== 'no_plan') {
      const yes = el('button', 'btn btn-secondary btn-small cas-yes', t('cas_confirm_yes'));
      const no = el('button', 'btn btn-secondary btn-small cas-no', t('cas_confirm_no'));
      yes.type = 'button';
      no.type = 'button';
      yes.addEventListener('click', () => decide(r, 'covered', match, r.auto_state));
      no.addEventListener('click', () => decide(r, 'missing', match));
      const bar = el('div', 'cas-actions');
      bar.append(yes, no);
      match.append(bar);
    }
    tr.append(el('td', null, r.unit.name), el('td', null, `${r.task_no}. ${r.title}`), st, match);
    tb.tBodies[0].append(tr);
  }
  return frag;
}

function render() {
  const box = $('cascade-view');
  const d = view.data;
  const back = el('a', 'back', t('cas_back'));
  back.href = `#/ke-hoach/${encodeURIComponent(view.id)}`;
  box.replaceChildren(back, el('h1', null, t('cas_title')));
  if (!d) return;
  box.append(
    el('p', 'muted', t('cas_hint', formatNumber(d.thresholds.covered, 1), formatNumber(d.thresholds.maybe, 1))),
  );
  if (!d.rows.length) {
    box.append(el('p', 'muted', t('cas_empty')));
    return;
  }
  const unit = el('select');
  unit.id = 'cas-unit';
  unit.append(option('', t('cas_unit_all'), !view.unit));
  for (const u of d.units) unit.append(option(u.unit.code, u.unit.name, u.unit.code === view.unit));
  const st = el('select');
  st.id = 'cas-state';
  st.append(option('', t('cas_state_all'), !view.state));
  for (const s of ['covered', 'maybe', 'missing', 'no_plan']) st.append(option(s, stateText(s), s === view.state));
  const filters = el('div', 'tasks-filters');
  for (const [label, sel] of [
    ['cas_unit', unit],
    ['cas_state', st],
  ]) {
    const f = el('div', 'field field-inline');
    const l = el('label', null, t(label));
    l.htmlFor = sel.id;
    f.append(l, sel);
    filters.append(f);
  }
  const rowsBox = el('div', 'table-wrap');
  rowsBox.id = 'cas-rows';
  const move = (offset) => {
    view.offset = offset;
    rowsBox.replaceChildren(rowsTable(d, move));
  };
  const refresh = () => {
    view.unit = unit.value;
    view.state = st.value;
    move(0);
  };
  unit.addEventListener('change', refresh);
  st.addEventListener('change', refresh);
  const unitsBox = el('div', 'table-wrap');
  unitsBox.id = 'cas-units';
  unitsBox.append(unitsTable(d));
  rowsBox.append(rowsTable(d, move));
  box.append(el('h2', null, t('cas_units_title')), unitsBox, el('h2', null, t('cas_rows_title')), filters, rowsBox);
}

async function load() {
  const r = await api('GET', `/api/v1/plans/${encodeURIComponent(view.id)}/cascade${query({})}`);
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status !== 200) {
    view.data = null;
    render();
    const p = el('p', 'form-error');
    p.setAttribute('role', 'alert');
    showError(p, errorOf(r));
    $('cascade-view').append(p);
    return;
  }
  view.data = r.data;
  render();
}

export async function openCascade(showLogin) {
  view.showLogin = showLogin;
  const id = planId();
  if (id !== view.id) {
    view.unit = '';
    view.state = '';
    view.offset = 0;
  }
  view.id = id;
  view.data = null;
  render();
  $('cascade-view').append(el('p', 'muted', t('cas_loading')));
  await load();
}

export function initCascade() {
  onLangChange(() => {
    if (!$('cascade-view').hidden) render();
  });
}
