// dashboard.js - a unit's dashboard (Tổng quan, route #/tong-quan) and the
// standing agency's ranking of units (Xếp hạng, route #/xep-hang).
// Dashboard: the targets that apply to the unit with their live values as
// bars with the target line and a traffic-light status (colour and text), task
// completion by area, overdue and due-soon tasks, the 766 score and rank, and
// monthly trends (uPlot, from web/vendor) with the target lines. Ranking: the
// units of a kind ranked by task completion and by target attainment.
// Everything is inserted with textContent.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  field,
  formatDate,
  formatNumber,
  onLangChange,
  monthLabel,
  opSign,
  option,
  formatPercent,
  parseDecimal,
  query,
  showError,
  state,
  t,
  TEXT,
  uploadEvidence,
} from './core.js';
import { fetchUnits, kindLabel, units } from './units.js';
import { indicatorLabel } from './kpi_labels.js';

addText({
  vi: {
    nav_dashboard: 'Tổng quan',
    nav_ranking: 'Xếp hạng',
    dash_title: 'Tổng quan thực hiện cải cách hành chính',
    dash_unit: 'Đơn vị',
    dash_year: 'Năm',
    dash_loading: 'Đang tải số liệu…',
    dash_targets: 'Chỉ tiêu của kế hoạch',
    dash_targets_none: 'Chưa có chỉ tiêu nào áp dụng cho đơn vị trong năm này.',
    dash_targets_sum: (s) =>
      `${s.dat} đạt, ${s.co_nguy_co} có nguy cơ, ${s.chua_dat} chưa đạt, ` + `${s.chua_co_so_lieu} chưa có số liệu`,
    dash_target_line: (op, v) => `Chỉ tiêu ${opSign(op)} ${formatPercent(v)}%`,
    dash_projection: (v) => `Dự báo cuối năm: ${v}%`,
    dash_manual: 'Số liệu nhập tay',
    dash_measure: 'Nhập số liệu',
    dash_measure_value: (y) => `Giá trị năm ${y}`,
    dash_measure_note: 'Ghi chú, nguồn số liệu',
    dash_measure_files: 'Tệp minh chứng',
    dash_measure_save: 'Lưu số liệu',
    dash_measure_missing: 'Vui lòng nhập giá trị.',
    dash_measure_nan: 'Giá trị phải là một số, ví dụ 98,5.',
    dash_measure_range: 'Tỷ lệ phải từ 0 đến 100%.',
    dash_areas: 'Tiến độ nhiệm vụ theo lĩnh vực',
    dash_areas_none: 'Chưa có nhiệm vụ nào được giao cho đơn vị trong năm này.',
    dash_area_count: (r) => `${r.completed}/${r.assigned} hoàn thành, ${r.overdue} quá hạn`,
    dash_overdue: 'Nhiệm vụ quá hạn',
    dash_soon: 'Nhiệm vụ sắp đến hạn (5 ngày làm việc)',
    dash_none: 'Không có.',
    dash_more: (n) => `Xem tất cả ${n} nhiệm vụ`,
    dash_766: 'Chỉ số phục vụ người dân, doanh nghiệp (766)',
    dash_766_none: 'Chưa có dữ liệu hồ sơ để tính chỉ số.',
    dash_766_rank: (r, kind) =>
      r.province_name
        ? `Xếp thứ ${r.rank}/${r.of} trong các đơn vị ${kind} của ${r.province_name}`
        : `Xếp thứ ${r.rank}/${r.of} trong các đơn vị ${kind}`,
    dash_766_nodata: 'Chưa có dữ liệu: đơn vị không có hồ sơ trong kỳ nên không được chấm điểm và không xếp hạng.',
    dash_766_rules: 'Nhóm thiếu số liệu, tính theo quy tắc của Quyết định 766 (data/indices/766.json):',
    dash_766_rule: (label, rule) => `${label}: ${rule === 'full' ? 'tính đủ điểm' : 'tính 0 điểm'}`,
    rank_province: (name) => `Đơn vị thuộc ${name}`,
    rank_empty: 'Không có đơn vị nào trong phạm vi của bạn để xếp hạng.',
    dash_no_scope: 'Tài khoản của bạn chưa được gắn với đơn vị nào trong danh mục; hãy liên hệ quản trị hệ thống.',
    rank_nodata: 'Chưa có dữ liệu',
    rank_note: 'Xếp hạng trong các đơn vị cùng loại của cùng một tỉnh.',
    dash_trend: 'Diễn biến theo tháng',
    dash_trend_none: 'Chưa có dữ liệu hồ sơ theo tháng.',
    st_target: { dat: 'Đạt', co_nguy_co: 'Có nguy cơ', chua_dat: 'Chưa đạt', chua_co_so_lieu: 'Chưa có số liệu' },
    ind: { 'tthc.on_time': 'Đúng hạn', 'tthc.online': 'Trực tuyến', 'tthc.satisfaction': 'Hài lòng' },
    rank_title: 'Xếp hạng các đơn vị',
    rank_kind: 'Loại đơn vị',
    rank_kind_all: 'Tất cả',
    rank_tasks: 'Theo tỷ lệ hoàn thành nhiệm vụ',
    rank_targets: 'Theo tỷ lệ đạt chỉ tiêu',
    rank_col_rank: 'Hạng',
    rank_col_unit: 'Đơn vị',
    rank_col_rate: 'Tỷ lệ',
    rank_col_counts: 'Chi tiết',
    rank_col_766: 'Điểm 766',
    rank_tasks_counts: (x) => `${x.completed}/${x.assigned} hoàn thành, ${x.overdue} quá hạn`,
    rank_targets_counts: (x) => `${x.dat}/${x.total} đạt, ${x.co_nguy_co} có nguy cơ`,
    rank_unranked: 'Chưa xếp hạng',
  },
  en: {
    nav_dashboard: 'Dashboard',
    nav_ranking: 'Ranking',
    dash_title: 'Administrative reform dashboard',
    dash_unit: 'Unit',
    dash_year: 'Year',
    dash_loading: 'Loading figures…',
    dash_targets: 'Plan targets',
    dash_targets_none: 'No target applies to this unit in this year.',
    dash_targets_sum: (s) =>
      `${s.dat} met, ${s.co_nguy_co} at risk, ${s.chua_dat} not met, ` + `${s.chua_co_so_lieu} without data`,
    dash_target_line: (op, v) => `Target ${opSign(op)} ${formatPercent(v)}%`,
    dash_projection: (v) => `Year-end projection: ${v}%`,
    dash_manual: 'Entered by hand',
    dash_measure: 'Enter a value',
    dash_measure_value: (y) => `Value for ${y}`,
    dash_measure_note: 'Note, source of the figure',
    dash_measure_files: 'Evidence files',
    dash_measure_save: 'Save',
    dash_measure_missing: 'Please enter the value.',
    dash_measure_nan: 'The value must be a number, e.g. 98.5.',
    dash_measure_range: 'A rate is from 0 to 100%.',
    dash_areas: 'Task completion by area',
    dash_areas_none: 'No task is assigned to this unit in this year.',
    dash_area_count: (r) => `${r.completed}/${r.assigned} completed, ${r.overdue} overdue`,
    dash_overdue: 'Overdue tasks',
    dash_soon: 'Tasks due within 5 working days',
    dash_none: 'None.',
    dash_more: (n) => `See all ${n} tasks`,
    dash_766: 'Service-quality index (766)',
    dash_766_none: 'No dossier data to compute the index.',
    dash_766_rank: (r, kind) =>
      r.province_name
        ? `Rank ${r.rank}/${r.of} among the ${kind} units of ${r.province_name}`
        : `Rank ${r.rank}/${r.of} among the ${kind} units`,
    dash_766_nodata: 'No data: the unit had no dossiers in the period, so it has no score and no rank.',
    dash_766_rules: 'Groups without data, scored by the rule of Decision 766 (data/indices/766.json):',
    dash_766_rule: (label, rule) => `${label}: ${rule === 'full' ? 'full marks' : 'zero'}`,
    rank_province: (name) => `Units of ${name}`,
    rank_empty: 'There is no unit in your scope to rank.',
    dash_no_scope: 'Your account is not linked to a unit of the registry; please contact the administrator.',
    rank_nodata: 'No data',
    rank_note: 'Units are ranked among the units of the same kind in the same province.',
    dash_trend: 'Monthly trend',
    dash_trend_none: 'No monthly dossier data.',
    st_target: { dat: 'Met', co_nguy_co: 'At risk', chua_dat: 'Not met', chua_co_so_lieu: 'No data' },
    ind: { 'tthc.on_time': 'On time', 'tthc.online': 'Online', 'tthc.satisfaction': 'Satisfied' },
    rank_title: 'Ranking of units',
    rank_kind: 'Kind of unit',
    rank_kind_all: 'All',
    rank_tasks: 'By task completion',
    rank_targets: 'By target attainment',
    rank_col_rank: 'Rank',
    rank_col_unit: 'Unit',
    rank_col_rate: 'Rate',
    rank_col_counts: 'Details',
    rank_col_766: '766 score',
    rank_tasks_counts: (x) => `${x.completed}/${x.assigned} completed, ${x.overdue} overdue`,
    rank_targets_counts: (x) => `${x.dat}/${x.total} met, ${x.co_nguy_co} at risk`,
    rank_unranked: 'Not ranked',
  },
});

const TREND = ['tthc.on_time', 'tthc.online', 'tthc.satisfaction'];
const COLORS = ['#1565c0', '#2e7d32', '#ef6c00'];
const view = {
  showLogin: null,
  unit: '',
  year: 0,
  kind: 'so',
  chart: null,
  data: null,
  rankData: null,
  dashSeq: 0,
  rankSeq: 0,
};

function yearSelect(id, onChange) {
  const sel = el('select');
  const now = new Date().getFullYear();
  for (let y = now; y >= 2022; y--) sel.append(option(String(y), String(y), y === view.year));
  sel.addEventListener('change', () => onChange(Number(sel.value)));
  return field(t('dash_year'), sel, id);
}

function section(title, id) {
  const s = el('section', 'dash-card');
  if (id) s.id = id;
  s.append(el('h2', null, title));
  return s;
}

function errorBox(resp) {
  const p = el('p', 'form-error');
  p.setAttribute('role', 'alert');
  showError(p, errorOf(resp));
  return p;
}

// ---- dashboard parts ---------------------------------------------------------

function targetBar(it) {
  const row = el('div', `tbar tstatus-${it.status}`);
  const m = it.measurement;
  const v = m && m.value !== null && m.value !== undefined ? m.value : null;
  const head = el('div', 'tbar-head');
  head.append(
    el('span', 'tbar-name', it.indicator_label || it.text),
    el('span', `tbadge tb-${it.status}`, t('st_target')[it.status] || it.status_label),
  );
  const track = el('div', 'tbar-track');
  track.setAttribute('role', 'img');
  track.setAttribute(
    'aria-label',
    `${v === null ? '—' : `${formatPercent(v)}%`}; ${t('dash_target_line', it.op, it.value)}`,
  );
  const fill = el('span', 'tbar-fill');
  fill.style.width = `${Math.max(0, Math.min(100, v ?? 0))}%`;
  const line = el('span', 'tbar-line');
  line.style.left = `${Math.max(0, Math.min(100, it.value))}%`;
  track.append(fill, line);
  const foot = el('div', 'small muted');
  const bits = [v === null ? '—' : `${formatPercent(v)}%`, t('dash_target_line', it.op, it.value)];
  if (m && m.den !== undefined && m.den !== null && m.source === 'kpi') {
    bits.push(`${formatNumber(m.num)}/${formatNumber(m.den)}`);
  }
  if (m && m.source === 'manual') bits.push(t('dash_manual'));
  if (it.projection !== null && it.projection !== undefined) {
    bits.push(t('dash_projection', formatNumber(it.projection, 2)));
  }
  foot.textContent = bits.join(' · ');
  row.title = it.text;
  row.append(head, track, foot);
  if (!it.computed && canEnter()) row.append(measureForm(it));
  return row;
}

function canEnter() {
  const role = state.user && state.user.role;
  return role === 'admin' || role === 'standing' || role === 'officer';
}

// Hand entry of a target the ledger cannot measure, with evidence files
// uploaded first (attached to the target).
function measureForm(it) {
  const det = el('details', 'measure');
  det.append(el('summary', null, t('dash_measure')));
  const form = el('form', 'measure-form');
  form.noValidate = true;
  // text, not type=number: "98,5" must work whatever the browser's language
  const value = el('input');
  value.type = 'text';
  value.inputMode = 'decimal';
  value.autocomplete = 'off';
  value.placeholder = it.unit === '%' ? '98,5' : '';
  value.id = `m-value-${it.id}`;
  const note = el('input');
  note.type = 'text';
  note.id = `m-note-${it.id}`;
  const files = el('input');
  files.type = 'file';
  files.multiple = true;
  files.accept = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';
  files.id = `m-files-${it.id}`;
  const err = el('p', 'form-error');
  err.hidden = true;
  err.setAttribute('role', 'alert');
  const submit = el('button', 'btn btn-primary', t('dash_measure_save'));
  submit.type = 'submit';
  form.append(
    field(t('dash_measure_value', view.year), value),
    field(t('dash_measure_note'), note),
    field(t('dash_measure_files'), files),
    err,
    submit,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    showError(err, null);
    if (value.value.trim() === '') {
      showError(err, {
        code: 'target.value',
        message: t('dash_measure_missing'),
        message_en: t('dash_measure_missing'),
      });
      return;
    }
    const number = parseDecimal(value.value, it.unit !== '%');
    const bad = Number.isNaN(number)
      ? 'dash_measure_nan'
      : number < 0 || (it.unit === '%' && number > 100)
        ? 'dash_measure_range'
        : null;
    if (bad) {
      showError(err, { code: 'target.value', message: TEXT.vi[bad], message_en: TEXT.en[bad] });
      value.focus();
      return;
    }
    submit.disabled = true;
    try {
      const ids = [];
      for (const f of Array.from(files.files || [])) {
        const r = await uploadEvidence(f, { unit: view.unit, type: 'target', id: it.id });
        if (r.status === 401) return view.showLogin(errorOf(r));
        if (r.status !== 201) {
          showError(err, errorOf(r));
          return;
        }
        ids.push(r.data.evidence.id);
      }
      const r = await api('POST', `/api/v1/targets/${it.id}/measurements`, {
        unit: view.unit,
        period: String(view.year),
        value: number,
        note: note.value,
        evidence: ids,
      });
      if (r.status === 401) return view.showLogin(errorOf(r));
      if (r.status !== 201) {
        showError(err, errorOf(r));
        return;
      }
      await loadDashboard();
    } finally {
      submit.disabled = false;
    }
  });
  det.append(form);
  return det;
}

function renderTargets(box, resp) {
  const s = section(t('dash_targets'), 'dash-targets');
  if (resp.status !== 200) s.append(errorBox(resp));
  else if (!resp.data.items.length) s.append(el('p', 'muted', t('dash_targets_none')));
  else {
    s.append(el('p', 'muted', t('dash_targets_sum', resp.data.summary)));
    for (const it of resp.data.items) s.append(targetBar(it));
  }
  box.append(s);
}

function renderAreas(box, resp) {
  const s = section(t('dash_areas'), 'dash-areas');
  if (resp.status !== 200) s.append(errorBox(resp));
  else if (!resp.data.total.assigned) s.append(el('p', 'muted', t('dash_areas_none')));
  else {
    for (const a of resp.data.by_area) {
      const row = el('div', 'abar');
      const rate = a.rate ?? 0;
      const track = el('div', 'tbar-track');
      const fill = el('span', 'tbar-fill area-fill');
      fill.style.width = `${Math.max(0, Math.min(100, rate))}%`;
      track.append(fill);
      row.append(
        el('div', 'tbar-head', `${a.label || '—'} — ${formatNumber(rate, 2)}%`),
        track,
        el('div', 'small muted', t('dash_area_count', a)),
      );
      s.append(row);
    }
  }
  box.append(s);
}

function taskList(title, id, resp, more) {
  const s = section(title, id);
  if (resp.status !== 200) {
    s.append(errorBox(resp));
    return s;
  }
  if (!resp.data.items.length) {
    s.append(el('p', 'muted', t('dash_none')));
    return s;
  }
  const ul = el('ul', 'dash-tasks');
  for (const it of resp.data.items) {
    const li = el('li');
    const a = el('a', null, `${it.task_no}. ${it.title}`);
    a.href = `#/nhiem-vu/${it.id}`;
    li.append(
      a,
      el('div', 'small muted', `${it.unit ? it.unit.name : it.label} · ${it.due ? formatDate(it.due) : ''}`),
    );
    ul.append(li);
  }
  s.append(ul);
  if (resp.data.total > resp.data.items.length) {
    const a = el('a', null, t('dash_more', resp.data.total));
    a.href = more;
    s.append(a);
  }
  return s;
}

function render766(box, resp) {
  const s = section(t('dash_766'), 'dash-766');
  const r = resp.status === 200 ? resp.data.unit_rank : null;
  if (resp.status !== 200) s.append(errorBox(resp));
  else if (!r || !r.has_data) s.append(el('p', 'muted nodata', t('dash_766_nodata')));
  else {
    s.append(
      el('p', 'score', formatNumber(r.total, 2)),
      el('p', 'muted', t('dash_766_rank', r, kindLabel(r.kind_code))),
    );
    if (r.no_data && r.no_data.length) {
      const ul = el('ul', 'small muted no-data-rules');
      for (const x of r.no_data)
        ul.append(el('li', null, t('dash_766_rule', indicatorLabel(x.indicator, state.lang), x.rule)));
      s.append(el('p', 'small muted', t('dash_766_rules')), ul);
    }
  }
  box.append(s);
}

async function renderTrend(box, resp, targets) {
  const s = section(t('dash_trend'), 'dash-trend');
  box.append(s);
  if (resp.status !== 200) {
    s.append(errorBox(resp));
    return;
  }
  const d = resp.data;
  const hasData = TREND.some((id) => (d.indicators[id] || []).some((v) => v !== null && v !== undefined));
  if (!d.months.length || !hasData) {
    s.append(el('p', 'muted nodata', t('dash_trend_none')));
    return;
  }
  const holder = el('div', 'trend-chart');
  s.append(holder);
  let UPlot;
  try {
    ({ default: UPlot } = await import('/vendor/uplot/uPlot.esm.js'));
  } catch {
    s.append(el('p', 'muted', t('dash_trend_none')));
    return;
  }
  const xs = d.months.map((_, i) => i + 1);
  const data = [xs];
  const series = [{ label: state.lang === 'en' ? 'Month' : 'Tháng' }];
  TREND.forEach((id, i) => {
    data.push(d.indicators[id] || xs.map(() => null));
    series.push({ label: (t('ind') || {})[id] || id, stroke: COLORS[i], width: 2 });
    const tg = targets.find((x) => x.indicator === id);
    if (tg) {
      data.push(xs.map(() => tg.value));
      series.push({
        label: `${(t('ind') || {})[id] || id} (${t('dash_target_line', tg.op, tg.value)})`,
        stroke: COLORS[i],
        dash: [6, 4],
        width: 1,
      });
    }
  });
  const opts = {
    width: Math.max(300, Math.min(860, holder.clientWidth || 640)),
    height: 260,
    series,
    scales: { x: { time: false }, y: { range: [0, 100] } },
    // whole months only on the x axis, in the UI's language; rates as "95%"
    axes: [
      { incrs: [1, 2, 3, 6], values: (u, vals) => vals.map((v) => (Number.isInteger(v) ? monthLabel(v, true) : '')) },
      { values: (u, vals) => vals.map((v) => `${formatPercent(v)}%`) },
    ],
  };
  view.chart = new UPlot(opts, data, holder);
}

async function loadDashboard() {
  const out = $('dash-body');
  if (!out) return;
  const seq = ++view.dashSeq;
  out.replaceChildren(el('p', 'muted', t('dash_loading')));
  const q = { unit: view.unit, year: view.year };
  const [targets, progress, overdue, soon, i766, trend] = await Promise.all([
    api('GET', `/api/v1/targets/summary${query(q)}`),
    api('GET', `/api/v1/progress${query({ unit: view.unit, year: view.year, tree: 1 })}`),
    api('GET', `/api/v1/tasks/overdue${query({ unit: view.unit, tree: 1, year: view.year, limit: 8 })}`),
    api('GET', `/api/v1/tasks/due-soon${query({ unit: view.unit, tree: 1, year: view.year, limit: 8, days: 5 })}`),
    api('GET', `/api/v1/index766${query({ period: view.year, unit: view.unit })}`),
    api('GET', `/api/v1/kpi/trend${query(q)}`),
  ]);
  if (seq !== view.dashSeq) return; // a newer choice was made meanwhile
  const expired = [targets, progress, overdue, soon, i766, trend].find((r) => r.status === 401);
  if (expired) {
    view.showLogin(errorOf(expired));
    return;
  }
  if (view.chart) {
    view.chart.destroy();
    view.chart = null;
  }
  view.data = { targets, progress, overdue, soon, i766, trend };
  out.replaceChildren();
  const grid = el('div', 'dash-grid');
  out.append(grid);
  renderTargets(grid, targets);
  render766(grid, i766);
  renderAreas(grid, progress);
  const tasks = el('div', 'dash-col');
  tasks.append(
    taskList(t('dash_overdue'), 'dash-overdue', overdue, '#/nhiem-vu'),
    taskList(t('dash_soon'), 'dash-soon', soon, '#/nhiem-vu'),
  );
  grid.append(tasks);
  await renderTrend(out, trend, targets.status === 200 ? targets.data.items : []);
}

export async function openDashboard(showLogin) {
  view.showLogin = showLogin;
  if (!view.year) view.year = await defaultYear();
  const box = $('dashboard-view');
  box.replaceChildren(el('h1', null, t('dash_title')));
  const r = await fetchUnits();
  if (r.status === 401) return showLogin(errorOf(r));
  const list = units.list || [];
  if (!view.unit) view.unit = (state.user && state.user.unit_code) || view.planUnit || defaultUnit(list);
  const choices = inScope(list).filter((u) => u.kind !== 'phong');
  if (!choices.length) {
    // nothing in scope: say so instead of an empty switcher and empty tables
    box.append(el('p', 'muted dash-no-scope', t('dash_no_scope')));
    return;
  }
  const sel = el('select');
  for (const u of choices) sel.append(option(u.code, `${u.name} (${u.code})`, u.code === view.unit));
  sel.addEventListener('change', () => {
    view.unit = sel.value;
    loadDashboard();
  });
  const tools = el('div', 'tasks-filters');
  tools.append(
    field(t('dash_unit'), sel, 'dash-unit'),
    yearSelect('dash-year', (y) => {
      view.year = y;
      loadDashboard();
    }),
  );
  const body = el('div');
  body.id = 'dash-body';
  body.setAttribute('aria-live', 'polite');
  box.append(tools, body);
  await loadDashboard();
}

// The latest year of the imported plans, else the current year; remembers
// the unit of the latest plan with targets as the default unit.
async function defaultYear() {
  const r = await api('GET', '/api/v1/plans');
  const plans = r.status === 200 ? r.data.plans.filter((p) => p.year) : [];
  const best = plans.filter((p) => p.targets > 0 && p.unit_code).sort((a, b) => b.year - a.year || b.id - a.id)[0];
  view.planUnit = best ? best.unit_code : '';
  return plans.length ? Math.max(...plans.map((p) => p.year)) : new Date().getFullYear();
}

// The units a user may switch to: their unit's subtree (everything for a
// user without a unit). The server checks the scope again on every request.
function inScope(list) {
  const mine = state.user && state.user.unit_code;
  if (!mine) return list;
  const byCode = new Map(list.map((u) => [u.code, u]));
  const within = (u) => {
    for (let x = u, depth = 0; x && depth < 32; x = byCode.get(x.parent), depth++) {
      if (x.code === mine) return true;
    }
    return false;
  };
  return list.filter(within);
}

// The first root (a province) of the registry.
function defaultUnit(list) {
  const root =
    list.find((u) => !u.parent && u.kind === 'tinh' && !u.valid_to) || list.find((u) => !u.parent) || list[0];
  return root ? root.code : '';
}

// ---- ranking -------------------------------------------------------------------

function rankTable(title, id, rows, rankKey, rateOf, countsOf) {
  const s = section(title, id);
  const table = el('table', 'tasks-table rank-table');
  const head = el('tr');
  for (const k of ['rank_col_rank', 'rank_col_unit', 'rank_col_rate', 'rank_col_counts', 'rank_col_766']) {
    const th = el('th', null, t(k));
    th.scope = 'col';
    head.append(th);
  }
  table.append(el('thead'), el('tbody'));
  table.tHead.append(head);
  const sorted = rows.slice().sort((a, b) => (a[rankKey] ?? 1e9) - (b[rankKey] ?? 1e9));
  for (const r of sorted) {
    const tr = el('tr');
    const rate = rateOf(r);
    tr.append(
      el('td', 'num', r[rankKey] ?? '—'),
      el('td', null, `${r.unit.name} (${kindLabel(r.unit.kind)})`),
      el('td', 'num', rate === null || rate === undefined ? t('rank_unranked') : `${formatNumber(rate, 2)}%`),
      el('td', 'small', countsOf(r)),
      el('td', 'num', r.index766 === null ? t('rank_nodata') : formatNumber(r.index766, 2)),
    );
    table.tBodies[0].append(tr);
  }
  const wrap = el('div', 'table-wrap');
  wrap.append(table);
  s.append(wrap);
  return s;
}

async function loadRanking() {
  const out = $('rank-body');
  if (!out) return;
  const seq = ++view.rankSeq;
  out.replaceChildren(el('p', 'muted', t('dash_loading')));
  const r = await api('GET', `/api/v1/overview${query({ year: view.year, kind: view.kind })}`);
  if (seq !== view.rankSeq) return; // a newer choice was made meanwhile
  if (r.status === 401) return view.showLogin(errorOf(r));
  view.rankData = r;
  out.replaceChildren();
  if (r.status !== 200) {
    out.append(errorBox(r));
    return;
  }
  const rows = r.data.units;
  if (!rows.length) {
    out.append(el('p', 'muted rank-empty', t('rank_empty')));
    return;
  }
  // one block per province: ranks are among the units of one province
  const byProvince = new Map();
  for (const x of rows) {
    const p = x.province || '';
    if (!byProvince.has(p)) byProvince.set(p, []);
    byProvince.get(p).push(x);
  }
  const names = new Map((units.list || []).map((u) => [u.code, u.name]));
  out.append(el('p', 'small muted', t('rank_note')));
  let i = 0;
  for (const [code, list] of byProvince) {
    const block = el('div', 'rank-province');
    block.dataset.province = code;
    if (byProvince.size > 1) block.append(el('h2', null, t('rank_province', names.get(code) || code)));
    const suffix = i++ ? `-${i}` : '';
    block.append(
      rankTable(
        t('rank_tasks'),
        `rank-tasks${suffix}`,
        list,
        'rank_tasks',
        (x) => x.tasks && x.tasks.rate,
        (x) => (x.tasks ? t('rank_tasks_counts', x.tasks) : ''),
      ),
      rankTable(
        t('rank_targets'),
        `rank-targets${suffix}`,
        list,
        'rank_targets',
        (x) => x.targets && x.targets.rate,
        (x) => (x.targets ? t('rank_targets_counts', x.targets) : ''),
      ),
    );
    out.append(block);
  }
}

export async function openRanking(showLogin) {
  view.showLogin = showLogin;
  if (!view.year) view.year = await defaultYear();
  await fetchUnits(); // province names
  const box = $('ranking-view');
  box.replaceChildren(el('h1', null, t('rank_title')));
  const kind = el('select');
  kind.append(option('', t('rank_kind_all'), !view.kind));
  for (const k of ['so', 'huyen', 'xa', 'dvsn']) kind.append(option(k, kindLabel(k), view.kind === k));
  kind.addEventListener('change', () => {
    view.kind = kind.value;
    loadRanking();
  });
  const tools = el('div', 'tasks-filters');
  tools.append(
    field(t('rank_kind'), kind, 'rank-kind'),
    yearSelect('rank-year', (y) => {
      view.year = y;
      loadRanking();
    }),
  );
  const body = el('div');
  body.id = 'rank-body';
  body.setAttribute('aria-live', 'polite');
  box.append(tools, body);
  await loadRanking();
}

export function resetDashboard() {
  view.unit = '';
  view.data = null;
  view.rankData = null;
  if (view.chart) {
    view.chart.destroy();
    view.chart = null;
  }
}

export function initDashboard() {
  onLangChange(() => {
    if ($('dashboard-view') && !$('dashboard-view').hidden) openDashboard(view.showLogin);
    if ($('ranking-view') && !$('ranking-view').hidden) openRanking(view.showLogin);
  });
}
