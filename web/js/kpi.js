// kpi.js - the KPI explorer (Chỉ số, route #/chi-so): unit (in scope) ×
// period (year + kind) × subtree, the dossier counts and every indicator
// with numerator / denominator; a row opens the dossiers behind the figure
// (GET /api/v1/kpi/explain, paged). Errors are shown in place.

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
import {
  COUNT_KEYS,
  EXPLAIN_COLUMNS,
  EXPLAIN_VALUES,
  PERIOD_KINDS,
  compareIndicators,
  indicatorLabel,
} from './kpi_labels.js';
import { buildForest, fetchUnits, units } from './units.js';

addText({
  vi: {
    kpi_title: 'Chỉ số giải quyết thủ tục hành chính',
    kpi_unit_filter: 'Đơn vị (tìm theo tên hoặc mã)',
    kpi_unit: 'Đơn vị',
    kpi_year: 'Năm',
    kpi_kind: 'Kỳ báo cáo',
    kpi_quarter: 'Quý',
    kpi_month: 'Tháng',
    kpi_tree: 'Gồm đơn vị trực thuộc',
    kpi_submit: 'Xem chỉ số',
    kpi_export: 'Xuất Excel (đơn vị và các đơn vị trực thuộc)',
    kpi_busy: 'Đang tính…',
    kpi_no_unit: 'Vui lòng chọn một đơn vị.',
    kpi_no_units: 'Tài khoản chưa được giao đơn vị nào để xem chỉ số.',
    kpi_caption: (unit, period, from, to, asOf) =>
      `${unit} · ${period} (${from} – ${to})` + (asOf ? ` · số liệu đến ngày ${asOf}` : ''),
    kpi_table_caption: 'Các chỉ số của đơn vị trong kỳ',
    kpi_col_indicator: 'Chỉ số',
    kpi_col_value: 'Giá trị',
    kpi_col_ratio: 'Tử số / mẫu số',
    kpi_col_bar: 'Biểu đồ',
    kpi_none: 'Không có chỉ số nào cho lựa chọn này.',
    kpi_no_data: 'Chưa có dữ liệu (mẫu số bằng 0)',
    kpi_target: (sign, v) => `Chỉ tiêu ${sign} ${v}%`,
    kpi_explain_btn: (label) => `Xem danh sách hồ sơ của chỉ số ${label}`,
    kpi_explain_title: (label) => `Hồ sơ tính vào chỉ số: ${label}`,
    kpi_close: 'Đóng',
    kpi_prev: '‹ Trang trước',
    kpi_next: 'Trang sau ›',
    kpi_page: (p, total) => (total ? `Trang ${p} / ${total}` : `Trang ${p}`),
    kpi_explain_loading: 'Đang tải danh sách hồ sơ…',
    kpi_explain_count: (from, to, total) =>
      total !== null ? `Hồ sơ ${from}–${to} trên tổng số ${total}` : `Hồ sơ ${from}–${to}`,
    kpi_explain_empty: 'Không có hồ sơ nào.',
  },
  en: {
    kpi_title: 'Administrative procedure indicators',
    kpi_unit_filter: 'Unit (search by name or code)',
    kpi_unit: 'Unit',
    kpi_year: 'Year',
    kpi_kind: 'Period',
    kpi_quarter: 'Quarter',
    kpi_month: 'Month',
    kpi_tree: 'Include subordinate units',
    kpi_submit: 'Show indicators',
    kpi_export: 'Export to Excel (unit and the units under it)',
    kpi_busy: 'Computing…',
    kpi_no_unit: 'Please choose a unit.',
    kpi_no_units: 'Your account has no unit to view indicators for.',
    kpi_caption: (unit, period, from, to, asOf) =>
      `${unit} · ${period} (${from} – ${to})` + (asOf ? ` · data as of ${asOf}` : ''),
    kpi_table_caption: 'Indicators of the unit for the period',
    kpi_col_indicator: 'Indicator',
    kpi_col_value: 'Value',
    kpi_col_ratio: 'Numerator / denominator',
    kpi_col_bar: 'Chart',
    kpi_none: 'No indicator for this choice.',
    kpi_no_data: 'No data (denominator is 0)',
    kpi_target: (sign, v) => `Target ${sign} ${v}%`,
    kpi_explain_btn: (label) => `List the dossiers behind ${label}`,
    kpi_explain_title: (label) => `Dossiers behind: ${label}`,
    kpi_close: 'Close',
    kpi_prev: '‹ Previous',
    kpi_next: 'Next ›',
    kpi_page: (p, total) => (total ? `Page ${p} of ${total}` : `Page ${p}`),
    kpi_explain_loading: 'Loading dossiers…',
    kpi_explain_count: (from, to, total) =>
      total !== null ? `Dossiers ${from}–${to} of ${total}` : `Dossiers ${from}–${to}`,
    kpi_explain_empty: 'No dossiers.',
  },
});

const PAGE_SIZE = 50;

// Dossier status codes (TrangThaiHoSo) and channels (KenhThucHien) in words.
const DOSSIER_STATUS = {
  1: ['Nộp trực tuyến', 'Submitted online'],
  2: ['Đã tiếp nhận', 'Accepted'],
  3: ['Từ chối tiếp nhận', 'Refused at intake'],
  4: ['Đang xử lý', 'Processing'],
  5: ['Yêu cầu bổ sung', 'Supplement requested'],
  6: ['Chờ nghĩa vụ tài chính', 'Financial obligation requested'],
  7: ['Rút hồ sơ', 'Withdrawn'],
  8: ['Dừng xử lý', 'Processing stopped'],
  9: ['Đã có kết quả', 'Result ready'],
  10: ['Đã trả kết quả', 'Result returned'],
};
const CHANNELS = { 1: ['Trực tiếp', 'In person'], 2: ['Trực tuyến', 'Online'], 3: ['Bưu chính', 'Post'] };

const view = {
  options: [], // [{code, label, key}] of the in-scope units, tree order
  result: null, // last /kpi answer with the query that produced it
  explain: null, // {indicator, offset, resp} of the open explain list
  showLogin: null,
  seq: 0, // the newest /kpi request: older answers are dropped
  dataYear: 0, // the latest year with dossiers for the default unit (0: not known yet)
};

// The latest year with dossiers for unit: this year, else up to three
// years back (a year just begun, or an archive); this year when none.
async function findDataYear(unit) {
  const thisYear = new Date().getFullYear();
  for (let y = thisYear; y > thisYear - 4 && unit; y--) {
    const r = await api('GET', `/api/v1/kpi${query({ unit, tree: 1, period: y })}`);
    if (r.status !== 200 || !r.data) break;
    const d = r.data.kpi ?? r.data;
    if (Number(d.received) > 0) return y; // dossiers received that year
  }
  return thisYear;
}

// ---- pickers ---------------------------------------------------------------

function buildUnitOptions() {
  const inScope = (units.list || []).filter((u) => u.in_scope !== false);
  const { roots } = buildForest(inScope);
  const out = [];
  const walk = (node, depth) => {
    const u = node.unit;
    out.push({ code: u.code, label: `${'\u2003'.repeat(depth)}${u.name || u.code} (${u.code})`, key: node.key });
    for (const c of node.children) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  view.options = out;
}

function renderUnitOptions() {
  const select = $('kpi-unit');
  const keep = select.value || (state.user && state.user.unit_code) || '';
  const q = searchKey($('kpi-unit-filter').value);
  const shown = view.options.filter((o) => !q || o.key.includes(q));
  select.replaceChildren(
    ...shown.map((o) => {
      const opt = el('option', null, o.label);
      opt.value = o.code;
      return opt;
    }),
  );
  if (shown.some((o) => o.code === keep)) select.value = keep;
  else if (shown.length) select.value = shown[0].code;
}

function fillSelect(select, items, keep) {
  select.replaceChildren(
    ...items.map(([value, label]) => {
      const opt = el('option', null, label);
      opt.value = value;
      return opt;
    }),
  );
  if (keep && items.some(([v]) => v === keep)) select.value = keep;
}

function renderPeriodPickers() {
  const yearSel = $('kpi-year');
  const thisYear = new Date().getFullYear();
  const years = [];
  // never a future year; the default is the latest year with data (defaultYear)
  for (let y = thisYear; y >= 2018; y--) years.push([String(y), String(y)]);
  fillSelect(yearSel, years, yearSel.value || String(view.dataYear || thisYear));
  const kindSel = $('kpi-kind');
  fillSelect(
    kindSel,
    PERIOD_KINDS.map((k) => [k.kind, k[state.lang]]),
    kindSel.value || 'year',
  );
  renderSubPicker();
}

function currentKind() {
  return PERIOD_KINDS.find((k) => k.kind === $('kpi-kind').value) || PERIOD_KINDS[0];
}

function renderSubPicker() {
  const kind = currentKind();
  const field = $('kpi-sub-field');
  field.hidden = !kind.subs;
  if (!kind.subs) return;
  $('kpi-sub-label').textContent = t(kind.kind === 'quarter' ? 'kpi_quarter' : 'kpi_month');
  const sub = $('kpi-sub');
  const keep = sub.dataset.kind === kind.kind ? sub.value : null;
  sub.dataset.kind = kind.kind;
  fillSelect(
    sub,
    kind.subs.map(([v, vi, en]) => [v, state.lang === 'en' ? en : vi]),
    keep,
  );
}

// The period part of the query, and its label for the caption.
function periodQuery() {
  const kind = currentKind();
  const y = $('kpi-year').value;
  if (kind.range) return kind.range(y);
  return { period: kind.code(y, $('kpi-sub').value) };
}

function periodLabel(q) {
  const kind = PERIOD_KINDS.find((k) => k.kind === q.kind) || PERIOD_KINDS[0];
  const name = kind[state.lang];
  if (!kind.subs) return `${name} ${q.year}`;
  const sub = kind.subs.find(([v]) => v === q.sub);
  if (!sub) return `${name} ${q.year}`;
  return state.lang === 'en' ? `${sub[2]} ${q.year}` : `${sub[1]}/${q.year}`;
}

// ---- indicators ------------------------------------------------------------

function unitName(code) {
  const u = (units.list || []).find((x) => x.code === code);
  return u ? `${u.name} (${u.code})` : code;
}

function setBusy(busy) {
  const btn = $('kpi-submit');
  btn.disabled = busy;
  btn.textContent = busy ? t('kpi_busy') : t('kpi_submit');
  $('kpi-form').setAttribute('aria-busy', String(busy));
}

async function onSubmit(ev) {
  ev.preventDefault();
  showError($('kpi-error'), null);
  closeExplain();
  const unit = $('kpi-unit').value;
  if (!unit) {
    showError($('kpi-error'), localError('kpi.no_unit', 'kpi_no_unit'));
    $('kpi-unit-filter').focus();
    return;
  }
  const q = { unit, tree: $('kpi-tree').checked ? 1 : 0, ...periodQuery() };
  const choice = { kind: currentKind().kind, year: $('kpi-year').value, sub: $('kpi-sub').value };
  setBusy(true);
  const seq = ++view.seq;
  const [r, tg] = await Promise.all([
    api('GET', `/api/v1/kpi${query(q)}`),
    api('GET', `/api/v1/targets/summary${query({ unit, year: choice.year })}`),
  ]);
  if (seq !== view.seq) return; // a newer query was sent, or the user logged out
  setBusy(false);
  if (r.status === 200 && r.data && typeof r.data === 'object') {
    // the unit's computed targets of the year colour the bars; none: neutral
    const targets = {};
    for (const it of (tg.status === 200 && tg.data.items) || []) {
      if (it.computed && !(it.indicator in targets)) targets[it.indicator] = it;
    }
    view.result = { q, choice, data: r.data.kpi ?? r.data, targets };
    renderResult();
    return;
  }
  if (r.status === 401 && view.showLogin) {
    view.showLogin(errorOf(r));
    return;
  }
  view.result = null;
  renderResult();
  showError($('kpi-error'), errorOf(r));
}

function renderCounts(d) {
  const dl = $('kpi-counts');
  dl.replaceChildren(
    ...COUNT_KEYS.filter(([k]) => k in d).map(([k, vi, en]) => {
      const div = el('div', `count count-${k}`);
      div.dataset.key = k;
      div.append(el('dt', null, state.lang === 'en' ? en : vi), el('dd', null, formatNumber(d[k])));
      return div;
    }),
  );
}

// Whether value meets a target {op, value, value_max}.
function meets(value, tg) {
  const v = Number(tg.value);
  if (tg.op === '>') return value > v;
  if (tg.op === '<') return value < v;
  if (tg.op === '<=') return value <= v;
  if (tg.op === 'range' && tg.value_max !== null && tg.value_max !== undefined) {
    return value >= v && value <= Number(tg.value_max);
  }
  return value >= v;
}

function indicatorRow(code, ind, q, target) {
  const label = indicatorLabel(code, state.lang);
  const tr = el('tr', 'kpi-row');
  tr.dataset.indicator = code;
  const th = el('th', null);
  th.scope = 'row';
  const btn = el('button', 'link-btn', label);
  btn.type = 'button';
  btn.setAttribute('aria-label', t('kpi_explain_btn', label));
  btn.addEventListener('click', (ev) => {
    ev.stopPropagation();
    openExplain(code, 0, q);
  });
  // the internal id only in a tooltip
  btn.title = code;
  th.append(btn);
  if (target) {
    const sign = { '>': '>', '<': '<', '<=': '≤', '>=': '≥' }[target.op] || '≥';
    th.append(el('div', 'small muted kpi-target', t('kpi_target', sign, formatNumber(target.value, 0))));
  }
  const value = ind && ind.value !== null && ind.value !== undefined ? Number(ind.value) : null;
  const valueCell = el('td', 'num kpi-value', value === null ? '—' : `${formatNumber(value, 2)}%`);
  if (value === null) valueCell.title = t('kpi_no_data');
  const ratio = el('td', 'num kpi-ratio', `${formatNumber(ind && ind.num)} / ${formatNumber(ind && ind.den)}`);
  const barCell = el('td', 'bar-col');
  const bar = el('div', 'bar');
  bar.setAttribute('aria-hidden', 'true');
  const state_ = value === null || !target ? 'neutral' : meets(value, target) ? 'met' : 'missed';
  bar.classList.add(`bar-${state_}`);
  tr.dataset.state = state_;
  const fill = el('span', 'bar-fill');
  fill.style.width = `${Math.max(0, Math.min(100, value ?? 0))}%`;
  bar.append(fill);
  barCell.append(bar);
  tr.append(th, valueCell, ratio, barCell);
  tr.addEventListener('click', () => openExplain(code, 0, q));
  return tr;
}

function renderResult() {
  const box = $('kpi-result');
  const res = view.result;
  if (!res) {
    box.hidden = true;
    return;
  }
  const d = res.data;
  $('kpi-caption').textContent = t(
    'kpi_caption',
    unitName(d.unit || res.q.unit),
    periodLabel(res.choice),
    formatDate(d.from),
    formatDate(d.to),
    d.as_of ? formatDate(d.as_of) : '',
  );
  renderCounts(d);
  const inds = d.indicators && typeof d.indicators === 'object' ? d.indicators : {};
  const codes = Object.keys(inds).sort(compareIndicators);
  const rows = codes.map((c) => indicatorRow(c, inds[c], res.q, (res.targets || {})[c]));
  if (!rows.length) {
    const tr = el('tr');
    const td = el('td', 'muted', t('kpi_none'));
    td.colSpan = 4;
    tr.append(td);
    rows.push(tr);
  }
  $('kpi-rows').replaceChildren(...rows);
  $('kpi-export').href = `/api/v1/kpi/export.xlsx${query({ ...res.q, children: 1, lang: state.lang })}`;
  box.hidden = false;
}

// ---- explain list ----------------------------------------------------------

// The rows of an explain answer: the first array found (the answer itself,
// or the first array-valued key).
function explainRows(data) {
  if (Array.isArray(data)) return data;
  if (data && typeof data === 'object') {
    for (const v of Object.values(data)) if (Array.isArray(v)) return v;
  }
  return [];
}

function cellText(v, column) {
  if (v === null || v === undefined) return '—';
  // numeric codes of the national sync in words
  const words = { status: DOSSIER_STATUS, channel: CHANNELS }[column];
  if (words && typeof v === 'number' && words[v]) return words[v][state.lang === 'en' ? 1 : 0];
  const known = EXPLAIN_VALUES[String(v)];
  if (known && typeof v !== 'number') return known[state.lang === 'en' ? 1 : 0];
  if (typeof v === 'object') return JSON.stringify(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$/.test(v)) {
    return v.length > 10 ? `${formatDate(v)} ${v.slice(11, 16)}` : formatDate(v);
  }
  return String(v);
}

async function openExplain(indicator, offset, q) {
  const sec = $('kpi-explain');
  view.explain = { indicator, offset, q, resp: null };
  sec.hidden = false;
  renderExplainHead();
  showError($('kpi-explain-error'), null);
  $('kpi-explain-status').textContent = t('kpi_explain_loading');
  $('kpi-explain-table').replaceChildren();
  if (offset === 0) sec.focus();
  const ex = view.explain;
  const r = await api('GET', `/api/v1/kpi/explain${query({ ...q, indicator, limit: PAGE_SIZE, offset })}`);
  if (view.explain !== ex) return; // another list was opened, or the explorer was reset
  if (r.status === 200 && r.data) {
    view.explain.resp = r.data;
    renderExplain();
  } else {
    $('kpi-explain-status').textContent = '';
    showError($('kpi-explain-error'), errorOf(r));
    renderPager(0);
  }
}

function renderExplainHead() {
  const ex = view.explain;
  $('kpi-explain-title').textContent = t('kpi_explain_title', indicatorLabel(ex.indicator, state.lang));
}

function renderPager(count) {
  const ex = view.explain;
  const total = ex.resp && typeof ex.resp.total === 'number' ? ex.resp.total : null;
  const pages = total !== null ? Math.max(1, Math.ceil(total / PAGE_SIZE)) : null;
  $('kpi-page').textContent = t('kpi_page', Math.floor(ex.offset / PAGE_SIZE) + 1, pages);
  $('kpi-prev').disabled = ex.offset === 0;
  $('kpi-next').disabled = total !== null ? ex.offset + count >= total : count < PAGE_SIZE;
}

function renderExplain() {
  const ex = view.explain;
  const rows = explainRows(ex.resp);
  const total = typeof ex.resp.total === 'number' ? ex.resp.total : null;
  $('kpi-explain-status').textContent = rows.length
    ? t('kpi_explain_count', ex.offset + 1, ex.offset + rows.length, total)
    : t('kpi_explain_empty');
  const cols = [];
  for (const row of rows.slice(0, 20)) {
    if (row && typeof row === 'object') for (const k of Object.keys(row)) if (!cols.includes(k)) cols.push(k);
  }
  const table = $('kpi-explain-table');
  if (!rows.length) {
    table.replaceChildren();
  } else {
    const thead = el('thead');
    const htr = el('tr');
    for (const c of cols.length ? cols : ['value']) {
      const known = EXPLAIN_COLUMNS[c];
      const th = el('th', null, known ? known[state.lang === 'en' ? 1 : 0] : c);
      th.dataset.key = c;
      th.scope = 'col';
      htr.append(th);
    }
    thead.append(htr);
    const tbody = el('tbody');
    for (const row of rows) {
      const tr = el('tr');
      if (row && typeof row === 'object') for (const c of cols) tr.append(el('td', null, cellText(row[c], c)));
      else tr.append(el('td', null, cellText(row)));
      tbody.append(tr);
    }
    table.replaceChildren(thead, tbody);
  }
  renderPager(rows.length);
}

function closeExplain() {
  view.explain = null;
  $('kpi-explain').hidden = true;
}

// ---- entry points ----------------------------------------------------------

export async function openKpi(showLogin) {
  view.showLogin = showLogin;
  renderPeriodPickers();
  showError($('kpi-error'), null);
  const r = await fetchUnits();
  if (!units.list) {
    if (r.status === 401) showLogin(errorOf(r));
    else showError($('kpi-error'), errorOf(r));
    return;
  }
  if (!view.options.length) {
    buildUnitOptions();
    renderUnitOptions();
  }
  if (!view.options.length) {
    showError($('kpi-error'), localError('kpi.no_units', 'kpi_no_units'));
  } else if (!view.dataYear) {
    view.dataYear = await findDataYear($('kpi-unit').value);
    $('kpi-year').value = String(view.dataYear);
  }
}

export function resetKpi() {
  view.seq++;
  view.dataYear = 0;
  setBusy(false);
  view.options = [];
  view.result = null;
  closeExplain();
  $('kpi-unit').replaceChildren();
  renderResult();
}

export function initKpi() {
  $('kpi-form').addEventListener('submit', onSubmit);
  $('kpi-kind').addEventListener('change', renderSubPicker);
  $('kpi-unit-filter').addEventListener('input', debounce(renderUnitOptions, 150));
  $('kpi-explain-close').addEventListener('click', closeExplain);
  $('kpi-prev').addEventListener('click', () => {
    const ex = view.explain;
    if (ex) openExplain(ex.indicator, Math.max(0, ex.offset - PAGE_SIZE), ex.q);
  });
  $('kpi-next').addEventListener('click', () => {
    const ex = view.explain;
    if (ex) openExplain(ex.indicator, ex.offset + PAGE_SIZE, ex.q);
  });
  onLangChange(() => {
    setBusy($('kpi-submit').disabled);
    renderPeriodPickers();
    renderResult();
    if (view.explain) {
      renderExplainHead();
      if (view.explain.resp) renderExplain();
    }
  });
}
