// par.js - "Chấm điểm CCHC" (PAR Index scoring, routes #/chi-so-cchc...):
//   #/chi-so-cchc                  the campaigns; the standing agency creates one
//                                  and imports frameworks (JSON or XLSX)
//   #/chi-so-cchc/{id}             one campaign: phase and deadlines, the unit's
//                                  own sheet, the appraiser's work list (filter by
//                                  state), the results (ranking table, component
//                                  indices as bars, last year's index, lost points
//                                  of a unit and province-wide), and its
//                                  administration (dates, caps and survey rule:
//                                  par_campaign_edit.js; pre-fill, survey CSV,
//                                  deadline extension, appraiser units, finalise,
//                                  publish)
//   #/chi-so-cchc/{id}/phieu/{unit} a score sheet (par_sheet.js)
// Rights are the server's: actions a user may not take answer 403 and the
// page shows the message. Text goes through textContent.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  formatDate,
  formatNumber,
  onLangChange,
  query,
  showError,
  state,
  t,
} from './core.js';
import { num, openSheet, rerenderSheet } from './par_sheet.js';
import { campaignForm } from './par_campaign_edit.js';

addText({
  vi: {
    nav_par: 'Chấm điểm CCHC',
    par_title: 'Chấm điểm Chỉ số cải cách hành chính',
    par_none: 'Chưa có đợt chấm điểm nào.',
    par_col_name: 'Đợt chấm điểm',
    par_col_year: 'Năm',
    par_col_phase: 'Giai đoạn',
    par_col_units: 'Đơn vị (đã gửi)',
    par_new: 'Mở đợt chấm điểm mới',
    par_new_year: 'Năm đánh giá',
    par_new_fw: 'Bộ tiêu chí',
    par_new_bonus: 'Điểm thưởng tối đa',
    par_new_penalty: 'Điểm trừ tối đa',
    par_new_submit: 'Mở đợt',
    par_fw_import: 'Nhập bộ tiêu chí (JSON hoặc Excel)',
    par_fw_import_btn: 'Nhập',
    par_fw_imported: (id) => `Đã nhập bộ tiêu chí số ${id}.`,
    par_back: '‹ Các đợt chấm điểm',
    par_phase: 'Giai đoạn',
    par_deadlines: (d) =>
      `Tự chấm đến ${formatDate(d.self)} · thẩm định vòng 1 đến ${formatDate(d.round1)} · giải trình đến ${formatDate(d.explain)} · vòng 2 đến ${formatDate(d.round2)} · công bố ${formatDate(d.publish)}`,
    par_my_sheet: 'Phiếu chấm điểm của đơn vị',
    par_open_sheet: 'Mở phiếu chấm điểm',
    par_queue: 'Thẩm định',
    par_queue_state: 'Lọc',
    par_queue_all: 'Tất cả',
    par_queue_submitted: 'Đã gửi',
    par_queue_pending: 'Còn tiêu chí chưa thẩm định',
    par_queue_explain: 'Có giải trình',
    par_queue_none: 'Không có đơn vị nào.',
    par_q_unit: 'Đơn vị',
    par_q_state: 'Trạng thái',
    par_q_leaves: 'Tiêu chí',
    par_q_explain: 'Giải trình',
    par_q_points: 'Tự chấm / thẩm định',
    par_st: { draft: 'Đang tự chấm', submitted: 'Đã gửi' },
    par_results: 'Kết quả',
    par_results_hidden: 'Kết quả chưa được công bố.',
    par_r_rank: 'Hạng',
    par_r_unit: 'Đơn vị',
    par_r_total: 'Tổng điểm',
    par_r_max: 'Tối đa',
    par_r_index: 'Chỉ số',
    par_r_band: 'Xếp loại',
    par_r_prev: 'Năm trước',
    par_ranking_xlsx: 'Tải bảng xếp hạng (Excel)',
    par_areas: (u) => `Chỉ số thành phần theo lĩnh vực: ${u}`,
    par_lost: (u) => `Tiêu chí bị mất điểm: ${u}`,
    par_lost_none: 'Không mất điểm ở tiêu chí nào.',
    par_lost_prev: (v) => (v === null ? 'năm trước: —' : `năm trước mất ${v}`),
    par_lost_all: 'Tiêu chí nhiều đơn vị mất điểm nhất',
    par_lost_line: (x) => `${x.units_lost}/${x.units} đơn vị, tổng ${num(x.lost)} điểm`,
    par_admin: 'Quản trị đợt chấm điểm',
    par_prefill: 'Lấy số liệu từ cchc cho mọi đơn vị',
    par_prefill_done: (r) => `Đã cập nhật ${r.figures} số liệu; ${r.missing.length} tiêu chí chưa có số liệu.`,
    par_survey: 'Nhập kết quả điều tra xã hội học (CSV: MaDonVi,TieuChi,Diem)',
    par_survey_done: (r) => `Đã nhập ${r.rows} dòng của ${r.units} đơn vị.`,
    par_extend: 'Gia hạn cho một đơn vị',
    par_extend_unit: 'Mã đơn vị',
    par_extend_step: 'Bước',
    par_extend_due: 'Hạn mới',
    par_extend_btn: 'Gia hạn',
    par_steps: { self: 'Tự chấm', explain: 'Giải trình', round1: 'Thẩm định vòng 1', round2: 'Thẩm định vòng 2' },
    par_appraisers: 'Đơn vị thẩm định',
    par_appr_save: 'Lưu',
    par_finalise: 'Chốt kết quả thẩm định',
    par_publish: 'Công bố kết quả',
    par_withdraw: 'Hủy công bố',
    par_reason: 'Lý do',
    par_done: 'Đã cập nhật.',
  },
  en: {
    nav_par: 'PAR scoring',
    par_title: 'PAR Index scoring',
    par_none: 'No scoring campaign yet.',
    par_col_name: 'Campaign',
    par_col_year: 'Year',
    par_col_phase: 'Phase',
    par_col_units: 'Units (submitted)',
    par_new: 'Open a new campaign',
    par_new_year: 'Evaluation year',
    par_new_fw: 'Framework',
    par_new_bonus: 'Bonus cap',
    par_new_penalty: 'Penalty cap',
    par_new_submit: 'Open',
    par_fw_import: 'Import a framework (JSON or Excel)',
    par_fw_import_btn: 'Import',
    par_fw_imported: (id) => `Framework ${id} imported.`,
    par_back: '‹ Campaigns',
    par_phase: 'Phase',
    par_deadlines: (d) =>
      `Self-assessment until ${formatDate(d.self)} · round 1 until ${formatDate(d.round1)} · explanations until ${formatDate(d.explain)} · round 2 until ${formatDate(d.round2)} · publication ${formatDate(d.publish)}`,
    par_my_sheet: "Your unit's score sheet",
    par_open_sheet: 'Open the score sheet',
    par_queue: 'Appraisal',
    par_queue_state: 'Filter',
    par_queue_all: 'All',
    par_queue_submitted: 'Submitted',
    par_queue_pending: 'Criteria left to appraise',
    par_queue_explain: 'With explanations',
    par_queue_none: 'No unit.',
    par_q_unit: 'Unit',
    par_q_state: 'State',
    par_q_leaves: 'Criteria',
    par_q_explain: 'Explanations',
    par_q_points: 'Self / appraised',
    par_st: { draft: 'Self-assessment', submitted: 'Submitted' },
    par_results: 'Results',
    par_results_hidden: 'The results are not published yet.',
    par_r_rank: 'Rank',
    par_r_unit: 'Unit',
    par_r_total: 'Total',
    par_r_max: 'Maximum',
    par_r_index: 'Index',
    par_r_band: 'Grade',
    par_r_prev: 'Last year',
    par_ranking_xlsx: 'Download the ranking (Excel)',
    par_areas: (u) => `Component index per area: ${u}`,
    par_lost: (u) => `Criteria where points were lost: ${u}`,
    par_lost_none: 'No points lost.',
    par_lost_prev: (v) => (v === null ? 'last year: —' : `last year lost ${v}`),
    par_lost_all: 'Criteria where most units lose points',
    par_lost_line: (x) => `${x.units_lost}/${x.units} units, ${num(x.lost)} points in all`,
    par_admin: 'Campaign administration',
    par_prefill: 'Fetch cchc figures for every unit',
    par_prefill_done: (r) => `${r.figures} figures updated; ${r.missing.length} criteria without data.`,
    par_survey: 'Import survey results (CSV: MaDonVi,TieuChi,Diem)',
    par_survey_done: (r) => `${r.rows} rows of ${r.units} units imported.`,
    par_extend: "Extend a unit's deadline",
    par_extend_unit: 'Unit code',
    par_extend_step: 'Step',
    par_extend_due: 'New deadline',
    par_extend_btn: 'Extend',
    par_steps: { self: 'Self-assessment', explain: 'Explanation', round1: 'Round 1', round2: 'Round 2' },
    par_appraisers: 'Appraising units',
    par_appr_save: 'Save',
    par_finalise: 'Finalise the appraisal',
    par_publish: 'Publish the results',
    par_withdraw: 'Withdraw the publication',
    par_reason: 'Reason',
    par_done: 'Updated.',
  },
});

const ps = { id: 0, camp: null, showLogin: null, selected: null };

const isStanding = () => state.user && ['admin', 'standing'].includes(state.user.role);

function table(head, rows, cls) {
  const wrap = el('div', 'table-wrap');
  const tab = el('table', cls);
  const tr = el('tr');
  for (const h of head) {
    const th = el('th', null, h);
    th.scope = 'col';
    tr.append(th);
  }
  tab.append(el('thead'), el('tbody'));
  tab.tHead.append(tr);
  for (const r of rows) tab.tBodies[0].append(r);
  wrap.append(tab);
  return wrap;
}

function message() {
  const p = el('p', 'form-error');
  p.setAttribute('role', 'alert');
  p.hidden = true;
  return p;
}

function ok(p, text) {
  p.className = 'form-ok';
  p.hidden = false;
  p.textContent = text;
}

function field(labelKey, control, id) {
  const f = el('div', 'field');
  const l = el('label', null, t(labelKey));
  l.htmlFor = id;
  control.id = id;
  f.append(l, control);
  return f;
}

function input(type, value) {
  const i = el('input');
  i.type = type;
  if (value !== undefined) i.value = value;
  return i;
}

function button(key, cls, fn) {
  const b = el('button', `btn ${cls || ''}`, t(key));
  b.type = 'button';
  b.addEventListener('click', fn);
  return b;
}

// ---- the campaign list -------------------------------------------------------

async function importFramework(file, msg) {
  const xlsx = /\.xlsx$/i.test(file.name);
  const path = `/api/v1/par/frameworks${query({ filename: file.name, format: xlsx ? 'xlsx' : '' })}`;
  const res = await api('POST', path, file, {
    contentType: xlsx ? 'application/octet-stream' : 'application/json',
  });
  const { data } = res;
  if (res.status === 200 || res.status === 201) return ok(msg, t('par_fw_imported', data.id));
  const e = errorOf({ status: res.status, data });
  const probs = data && data.error && data.error.problems;
  if (probs && probs.length)
    e.message = `${e.message}: ${probs
      .slice(0, 5)
      .map((p) => `${p.node} ${p.field}: ${p.message}`)
      .join('; ')}`;
  showError(msg, e);
}

async function newCampaignForm(sec) {
  const fws = await api('GET', '/api/v1/par/frameworks');
  const form = el('form', 'par-new');
  form.append(el('h2', null, t('par_new')));
  const year = input('number', String(new Date().getFullYear()));
  const fw = el('select');
  for (const f of (fws.data && fws.data.items) || [])
    fw.append(new Option(`#${f.id} ${f.name} (${f.unit_kind}, ${f.year}–${f.year_to})`, String(f.id)));
  const bonus = input('number');
  const penalty = input('number');
  const msg = message();
  form.append(
    field('par_new_year', year, 'par-new-year'),
    field('par_new_fw', fw, 'par-new-fw'),
    field('par_new_bonus', bonus, 'par-new-bonus'),
    field('par_new_penalty', penalty, 'par-new-penalty'),
  );
  const sub = el('button', 'btn btn-primary', t('par_new_submit'));
  sub.type = 'submit';
  form.append(sub, msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { year: Number(year.value), framework: Number(fw.value) };
    if (bonus.value) body.bonus_max = Number(bonus.value);
    if (penalty.value) body.penalty_max = Number(penalty.value);
    const r = await api('POST', '/api/v1/par/campaigns', body);
    if (r.status === 201) location.hash = `#/chi-so-cchc/${r.data.id}`;
    else showError(msg, errorOf(r));
  });
  const imp = el('div', 'par-import');
  const file = input('file');
  file.accept = '.json,.xlsx';
  const imsg = message();
  imp.append(
    field('par_fw_import', file, 'par-fw-file'),
    button('par_fw_import_btn', 'btn-secondary', () => file.files[0] && importFramework(file.files[0], imsg)),
    imsg,
  );
  sec.append(form, imp);
}

async function openList() {
  const view = $('par-view');
  view.replaceChildren(el('h1', null, t('par_title')));
  const r = await api('GET', '/api/v1/par/campaigns');
  if (r.status === 401) return ps.showLogin();
  const msg = message();
  view.append(msg);
  if (r.status !== 200) return showError(msg, errorOf(r));
  const items = r.data.items || [];
  if (!items.length) view.append(el('p', 'muted', t('par_none')));
  else {
    const rows = items.map((c) => {
      const tr = el('tr');
      const a = el('a', null, c.name);
      a.href = `#/chi-so-cchc/${c.id}`;
      const td = el('td');
      td.append(a);
      tr.append(
        td,
        el('td', 'num', String(c.year)),
        el('td', null, c.phase_label),
        el('td', 'num', `${c.units} (${c.submitted})`),
      );
      return tr;
    });
    view.append(
      table([t('par_col_name'), t('par_col_year'), t('par_col_phase'), t('par_col_units')], rows, 'par-campaigns'),
    );
  }
  if (isStanding()) await newCampaignForm(view);
}

// ---- one campaign ------------------------------------------------------------

async function queueSection(sec, stateFilter) {
  const r = await api('GET', `/api/v1/par/campaigns/${ps.id}/queue${query({ state: stateFilter })}`);
  if (r.status !== 200) return;
  const units = r.data.units || [];
  const h = el('h2', null, t('par_queue'));
  const f = el('select');
  for (const [v, k] of [
    ['', 'par_queue_all'],
    ['submitted', 'par_queue_submitted'],
    ['pending', 'par_queue_pending'],
    ['explain', 'par_queue_explain'],
  ])
    f.append(new Option(t(k), v));
  f.value = stateFilter || '';
  const box = el('div', 'par-queue');
  f.addEventListener('change', () => {
    box.replaceChildren();
    queueSection(box, f.value);
  });
  box.append(h, field('par_queue_state', f, 'par-queue-state'));
  if (!units.length) box.append(el('p', 'muted', t('par_queue_none')));
  else {
    const rows = units.map((u) => {
      const tr = el('tr');
      const a = el('a', null, u.name);
      a.href = `#/chi-so-cchc/${ps.id}/phieu/${encodeURIComponent(u.unit)}`;
      const td = el('td');
      td.append(a);
      tr.append(
        td,
        el('td', null, t('par_st')[u.state]),
        el('td', 'num', `${u.appraised}/${u.leaves}`),
        el('td', 'num', `${u.explain_answered}/${u.explain_requested + u.explain_answered}`),
        el('td', 'num', `${num(u.self_points)} / ${num(u.appraised_points)}`),
      );
      return tr;
    });
    box.append(
      table(
        [t('par_q_unit'), t('par_q_state'), t('par_q_leaves'), t('par_q_explain'), t('par_q_points')],
        rows,
        'par-queue-table',
      ),
    );
  }
  sec.append(box);
}

function areaBars(u) {
  const sec = el('section', 'par-areas');
  sec.append(el('h3', null, t('par_areas', u.name)));
  for (const a of u.areas) {
    const row = el('div', 'par-bar-line');
    const track = el('div', 'par-bar-track');
    const fill = el('div', 'par-bar-fill');
    fill.style.width = `${Math.max(0, Math.min(100, a.index ?? 0))}%`;
    track.append(fill);
    row.append(
      el('span', 'par-bar-head', `${a.code}. ${a.name}`),
      track,
      el('span', 'num', a.index === null ? '—' : `${formatNumber(a.index, 2)}%`),
    );
    sec.append(row);
  }
  return sec;
}

async function lostSection(box, u) {
  const r = await api('GET', `/api/v1/par/campaigns/${ps.id}/losses${query({ unit: u.unit })}`);
  const sec = el('section', 'par-lost');
  sec.append(el('h3', null, t('par_lost', u.name)));
  const items = (r.data && r.data.items) || [];
  if (!items.length) sec.append(el('p', 'muted', t('par_lost_none')));
  const ul = el('ul');
  for (const x of items)
    ul.append(
      el(
        'li',
        null,
        `${x.code} ${x.name}: −${num(x.lost)}/${num(x.max)} (${t('par_lost_prev', x.prev_lost === null ? null : num(x.prev_lost))})`,
      ),
    );
  sec.append(ul);
  box.append(sec);
}

async function resultsSection(sec) {
  const r = await api('GET', `/api/v1/par/campaigns/${ps.id}/results`);
  sec.append(el('h2', null, t('par_results')));
  if (r.status !== 200) {
    sec.append(el('p', 'muted', t('par_results_hidden')));
    return;
  }
  const detail = el('div', 'par-detail');
  const rows = (r.data.units || []).map((u) => {
    const tr = el('tr');
    const a = el('a', 'link-btn', u.name);
    a.href = '#';
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      detail.replaceChildren(areaBars(u));
      lostSection(detail, u);
    });
    const td = el('td');
    td.append(a);
    tr.append(
      el('td', 'num', u.rank ? String(u.rank) : '—'),
      td,
      el('td', 'num', num(u.total)),
      el('td', 'num', num(u.max)),
      el('td', 'num', u.index === null ? '—' : `${formatNumber(u.index, 2)}%`),
      el('td', null, u.band || '—'),
      el('td', 'num', u.prev_index === null ? '—' : `${formatNumber(u.prev_index, 2)}%`),
    );
    return tr;
  });
  sec.append(
    table(
      [
        t('par_r_rank'),
        t('par_r_unit'),
        t('par_r_total'),
        t('par_r_max'),
        t('par_r_index'),
        t('par_r_band'),
        t('par_r_prev'),
      ],
      rows,
      'par-ranking',
    ),
  );
  const x = el('a', 'btn btn-secondary', t('par_ranking_xlsx'));
  x.href = `/api/v1/par/campaigns/${ps.id}/ranking.xlsx`;
  sec.append(el('p'), x, detail);
  const lost = await api('GET', `/api/v1/par/campaigns/${ps.id}/losses`);
  if (lost.status === 200 && lost.data.items.length) {
    const s = el('section', 'par-lost-all');
    s.append(el('h3', null, t('par_lost_all')));
    const ul = el('ul');
    for (const y of lost.data.items.slice(0, 10))
      ul.append(el('li', null, `${y.code} ${y.name}: ${t('par_lost_line', y)}`));
    s.append(ul);
    sec.append(s);
  }
}

async function action(path, body, msg) {
  const r = await api('POST', `/api/v1/par/campaigns/${ps.id}${path}`, body);
  if (r.status === 200) {
    ok(msg, t('par_done'));
    return r;
  }
  showError(msg, errorOf(r));
  return null;
}

function adminSection(sec) {
  const c = ps.camp;
  sec.append(el('h2', null, t('par_admin')));
  sec.append(campaignForm(c, () => openCampaign(ps.id)));
  const msg = message();
  const pre = button('par_prefill', 'btn-secondary', async () => {
    const r = await action('/prefill', {}, msg);
    if (r) ok(msg, t('par_prefill_done', r.data));
  });
  const file = input('file');
  file.accept = '.csv,text/csv';
  const up = button('par_fw_import_btn', 'btn-secondary', async () => {
    const f = file.files[0];
    if (!f) return;
    const res = await api('POST', `/api/v1/par/campaigns/${ps.id}/survey${query({ filename: f.name })}`, f, {
      contentType: 'text/csv',
    });
    const { data } = res;
    if (res.status === 200) ok(msg, t('par_survey_done', data));
    else showError(msg, errorOf({ status: res.status, data }));
  });
  sec.append(el('p'), pre, field('par_survey', file, 'par-survey-file'), up);
  // extension
  const unit = input('text');
  const step = el('select');
  for (const s of ['self', 'explain', 'round1', 'round2']) step.append(new Option(t('par_steps')[s], s));
  const due = input('date');
  const why = input('text');
  const ext = el('div', 'par-extend');
  ext.append(
    el('h3', null, t('par_extend')),
    field('par_extend_unit', unit, 'par-ext-unit'),
    field('par_extend_step', step, 'par-ext-step'),
    field('par_extend_due', due, 'par-ext-due'),
    field('par_reason', why, 'par-ext-reason'),
    button('par_extend_btn', '', () =>
      action('/extensions', { unit: unit.value, step: step.value, due: due.value, reason: why.value }, msg),
    ),
  );
  sec.append(ext);
  // appraisers
  const ap = el('div', 'par-appr');
  ap.append(el('h3', null, t('par_appraisers')));
  for (const a of c.appraisers.filter((x) => x.role)) {
    const i = input('text', a.unit || '');
    const id = `par-appr-${a.role}`;
    const f = el('div', 'score-row');
    const l = el('label', null, a.label);
    l.htmlFor = id;
    i.id = id;
    f.append(
      l,
      i,
      button('par_appr_save', 'btn-small', () => action('/appraisers', { role: a.role, unit: i.value }, msg)),
    );
    ap.append(f);
  }
  sec.append(ap);
  const reason = input('text');
  const pub = el('div', 'par-publish');
  if (!c.published_at) {
    pub.append(
      button('par_finalise', 'btn-secondary', () => action('/finalise', {}, msg).then(() => openCampaign(ps.id))),
      ' ',
      button('par_publish', 'btn-primary', () =>
        action('/publish', { publish: true }, msg).then(() => openCampaign(ps.id)),
      ),
    );
  } else {
    pub.append(
      field('par_reason', reason, 'par-withdraw-reason'),
      button('par_withdraw', 'btn-secondary', () =>
        action('/publish', { publish: false, reason: reason.value }, msg).then(() => openCampaign(ps.id)),
      ),
    );
  }
  sec.append(pub, msg);
}

async function openCampaign(id) {
  ps.id = id;
  const view = $('par-view');
  view.replaceChildren(el('p', 'muted', t('loading')));
  const r = await api('GET', `/api/v1/par/campaigns/${id}`);
  if (r.status === 401) return ps.showLogin();
  if (r.status !== 200) {
    const msg = message();
    view.replaceChildren(msg);
    return showError(msg, errorOf(r));
  }
  const c = r.data;
  ps.camp = c;
  const back = el('a', null, t('par_back'));
  back.href = '#/chi-so-cchc';
  view.replaceChildren(back, el('h1', null, c.name));
  const phase = el('p', 'par-phase');
  phase.append(el('span', 'badge', c.phase_label), ' ', el('span', 'muted', t('par_deadlines', c.deadlines)));
  view.append(phase);
  const u = state.user;
  if (u && u.unit_code && ['officer', 'standing', 'admin', 'viewer'].includes(u.role)) {
    const mine = el('p');
    const a = el('a', 'btn btn-primary', t('par_open_sheet'));
    a.id = 'par-my-sheet';
    a.href = `#/chi-so-cchc/${id}/phieu/${encodeURIComponent(u.unit_code)}`;
    if (u.role === 'officer' || u.role === 'viewer') mine.append(a);
    view.append(mine);
  }
  if (u && ['appraiser', 'standing', 'admin'].includes(u.role)) {
    const sec = el('section');
    view.append(sec);
    await queueSection(sec, '');
  }
  const res = el('section');
  view.append(res);
  await resultsSection(res);
  if (isStanding()) {
    const adm = el('section', 'par-admin');
    view.append(adm);
    adminSection(adm);
  }
}

export function openPar(showLogin) {
  ps.showLogin = showLogin;
  const m = /^#\/chi-so-cchc(?:\/(\d+)(?:\/phieu\/([^/]+))?)?$/.exec(location.hash);
  if (m && m[2]) return openSheet(Number(m[1]), decodeURIComponent(m[2]), showLogin);
  if (m && m[1]) return openCampaign(Number(m[1]));
  return openList();
}

export function initPar() {
  onLangChange(() => {
    if ($('par-view').hidden) return;
    if (location.hash.includes('/phieu/')) rerenderSheet();
    else if (ps.showLogin) openPar(ps.showLogin);
  });
}
