// surveys_admin.js - satisfaction surveys for officials (issue 18 item 3;
// route #/khao-sat-quan-ly): the runs of their scope with the public link
// and its QR code (printable for the one-stop desk), a new run from a
// questionnaire version for a unit and period, results (overall, component,
// group and item indices under the run's rule, as bars), the XLSX export,
// the import of paper forms (CSV) and feeding the unit's satisfaction
// targets. API: GET/POST /api/v1/surveys, /survey-forms,
// GET /api/v1/surveys/{id}/results(.xlsx), POST …/import, …/feed.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  formatPercent,
  onLangChange,
  option,
  query,
  showError,
  state,
  t,
} from './core.js';

addText({
  vi: {
    sa_title: 'Khảo sát sự hài lòng',
    sa_none: 'Chưa có đợt khảo sát nào.',
    sa_new: 'Tạo đợt khảo sát',
    sa_form: 'Phiếu khảo sát',
    sa_unit: 'Mã đơn vị',
    sa_period: 'Kỳ (ví dụ 2025, 2025Q2, 2025S1)',
    sa_rule: 'Cách tính chỉ số',
    sa_rules: { share: 'Tỷ lệ trả lời hài lòng', mean: 'Điểm trung bình quy về 100' },
    sa_create: 'Tạo',
    sa_responses: (n) => `${n} phiếu`,
    sa_link: 'Đường dẫn công khai',
    sa_print: 'In mã QR',
    sa_results: 'Kết quả',
    sa_overall: 'Chỉ số hài lòng chung',
    sa_export: 'Xuất Excel',
    sa_import: 'Nhập phiếu giấy (CSV)',
    sa_imported: (n) => `Đã nhập ${n} phiếu.`,
    sa_feed: 'Cập nhật chỉ tiêu hài lòng của kế hoạch',
    sa_fed: (n) => `Đã cập nhật ${n} chỉ tiêu.`,
    sa_close: 'Kết thúc đợt khảo sát (ngừng nhận phiếu)',
    sa_reopen: 'Mở lại đợt khảo sát',
    sa_closed: 'Đợt khảo sát đã kết thúc; kết quả có thể dùng để cập nhật chỉ tiêu.',
    sa_feed_open: 'Kết thúc đợt khảo sát trước khi cập nhật chỉ tiêu (kết quả còn thay đổi khi còn nhận phiếu).',
    sa_qr_alt: 'Mã QR dẫn tới phiếu khảo sát',
  },
  en: {
    sa_title: 'Satisfaction surveys',
    sa_none: 'No survey yet.',
    sa_new: 'New survey',
    sa_form: 'Questionnaire',
    sa_unit: 'Unit code',
    sa_period: 'Period (e.g. 2025, 2025Q2, 2025S1)',
    sa_rule: 'Index rule',
    sa_rules: { share: 'Share of satisfied answers', mean: 'Mean score scaled to 100' },
    sa_create: 'Create',
    sa_responses: (n) => `${n} responses`,
    sa_link: 'Public link',
    sa_print: 'Print the QR code',
    sa_results: 'Results',
    sa_overall: 'Overall satisfaction index',
    sa_export: 'Export to Excel',
    sa_import: 'Import paper forms (CSV)',
    sa_imported: (n) => `${n} forms imported.`,
    sa_feed: 'Update the plan’s satisfaction targets',
    sa_fed: (n) => `${n} target(s) updated.`,
    sa_close: 'Close the survey (stop taking answers)',
    sa_reopen: 'Reopen the survey',
    sa_closed: 'The survey is closed; its results can update the targets.',
    sa_feed_open: 'Close the survey before updating the targets (results change while answers come in).',
    sa_qr_alt: 'QR code of the survey link',
  },
});

const view = { runs: null, forms: [], results: null, run: null, showLogin: null, msg: null, seq: 0 };

function tr(o, key) {
  return state.lang === 'en' ? o[`${key}_en`] || o[key] : o[key];
}

function labelled(id, text, control) {
  const f = el('div', 'field');
  const l = el('label', null, text);
  control.id = id;
  l.htmlFor = id;
  f.append(l, control);
  return f;
}

function linkOf(run) {
  return `${location.origin}/#/khao-sat/${run.token}`;
}

function createForm() {
  const f = el('form', 'sa-new');
  f.id = 'sa-new';
  f.noValidate = true;
  const form = el('select');
  for (const x of view.forms) form.append(option(String(x.id), `${x.title} (${x.version})`));
  const unit = el('input');
  unit.autocomplete = 'off';
  unit.value = (state.user && state.user.unit_code) || '';
  const period = el('input');
  period.value = String(new Date().getFullYear());
  const rule = el('select');
  for (const [k, v] of Object.entries(t('sa_rules'))) rule.append(option(k, v));
  const err = el('p', 'form-error');
  err.id = 'sa-error';
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const b = el('button', 'btn btn-primary', t('sa_create'));
  b.type = 'submit';
  f.append(
    el('h2', null, t('sa_new')),
    labelled('sa-form', t('sa_form'), form),
    labelled('sa-unit', t('sa_unit'), unit),
    labelled('sa-period', t('sa_period'), period),
    labelled('sa-rule', t('sa_rule'), rule),
    err,
    b,
  );
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await api('POST', '/api/v1/surveys', {
      form: Number($('sa-form').value),
      unit: $('sa-unit').value.trim(),
      period: $('sa-period').value.trim(),
      rule: $('sa-rule').value,
    });
    if (r.status === 401) return view.showLogin(errorOf(r));
    if (r.status === 201) return load();
    showError(err, errorOf(r));
  });
  return f;
}

function runRow(run) {
  const li = el('li', 'sa-run');
  const h = el('h2', null, `${run.unit_name} — ${run.period}`);
  const link = el('a', null, linkOf(run));
  link.href = linkOf(run);
  const qr = el('img', 'sa-qr');
  qr.src = `/api/v1/public/surveys/${run.token}/qr.svg`;
  qr.alt = t('sa_qr_alt');
  qr.width = 160;
  qr.height = 160;
  const print = el('button', 'btn btn-small', t('sa_print'));
  print.type = 'button';
  print.addEventListener('click', () => {
    document.body.classList.add('print-qr');
    li.classList.add('print-this');
    window.print();
    document.body.classList.remove('print-qr');
    li.classList.remove('print-this');
  });
  const res = el('button', 'btn btn-secondary', t('sa_results'));
  res.type = 'button';
  res.id = `sa-results-${run.id}`;
  res.addEventListener('click', () => openResults(run));
  const p = el('p');
  p.append(`${t('sa_link')}: `, link);
  li.append(h, el('p', 'muted', `${tr(run.form, 'title')} · ${t('sa_responses', run.responses)}`), p, qr, print, res);
  return li;
}

function bar(label, value) {
  const row = el('div', 'sa-bar');
  const name = el('span', 'sa-bar-label', label);
  const track = el('span', 'sa-bar-track');
  const fill = el('span', 'sa-bar-fill');
  fill.style.width = `${Math.max(0, Math.min(100, value ?? 0))}%`;
  track.append(fill);
  track.setAttribute('aria-hidden', 'true');
  row.append(name, track, el('span', 'sa-bar-value', value === null ? '—' : `${formatPercent(value)}%`));
  return row;
}

function renderResults(box) {
  const d = view.results;
  const run = view.run;
  const sec = el('section', 'sa-results');
  sec.id = 'sa-results';
  sec.append(el('h2', null, `${t('sa_results')}: ${run.unit_name} — ${run.period}`));
  const o = el('p', 'sa-overall');
  o.id = 'sa-overall';
  o.append(
    `${t('sa_overall')}: `,
    el('strong', null, d.overall.value === null ? '—' : `${formatPercent(d.overall.value)}%`),
  );
  sec.append(o, el('p', 'muted', `${t('sa_rules')[d.rule]} · ${t('sa_responses', d.responses)}`));
  const chart = el('div', 'sa-chart');
  chart.setAttribute('role', 'list');
  for (const c of d.components) chart.append(bar(tr(c, 'name'), c.value));
  for (const g of d.groups) chart.append(bar(tr(g, 'name'), g.value));
  for (const row of chart.children) row.setAttribute('role', 'listitem');
  sec.append(chart);
  const x = el('a', 'btn btn-secondary', t('sa_export'));
  x.href = `/api/v1/surveys/${run.id}/results.xlsx${query({ lang: state.lang === 'en' ? 'en' : '' })}`;
  x.setAttribute('download', '');
  const file = el('input');
  file.type = 'file';
  file.accept = '.csv,text/csv';
  const imp = el('button', 'btn btn-secondary', t('sa_import'));
  imp.type = 'button';
  const feed = el('button', 'btn btn-secondary', t('sa_feed'));
  feed.type = 'button';
  feed.id = 'sa-feed';
  const msg = el('p', 'muted');
  msg.id = 'sa-msg';
  msg.setAttribute('role', 'status');
  if (view.msg) msg.textContent = view.msg;
  const err = el('p', 'form-error');
  err.id = 'sa-res-error';
  err.setAttribute('role', 'alert');
  err.hidden = true;
  imp.addEventListener('click', async () => {
    const f = file.files[0];
    if (!f) return;
    const r = await api('POST', `/api/v1/surveys/${run.id}/import${query({ filename: f.name })}`, f, {
      contentType: 'text/csv',
    });
    if (r.status === 200) {
      view.msg = t('sa_imported', r.data.rows);
      return openResults(run);
    }
    showError(err, errorOf(r));
  });
  feed.addEventListener('click', async () => {
    const r = await api('POST', `/api/v1/surveys/${run.id}/feed`, { targets: 1 });
    if (r.status === 200) {
      view.msg = t('sa_fed', r.data.targets.length);
      msg.textContent = view.msg;
      return;
    }
    showError(err, errorOf(r));
  });
  // Only a closed run feeds the targets (its results no longer change).
  const open = run.state !== 'closed';
  feed.disabled = open;
  const hint = el('p', 'small muted', open ? t('sa_feed_open') : t('sa_closed'));
  hint.id = 'sa-feed-hint';
  const toggle = el('button', 'btn btn-secondary', t(open ? 'sa_close' : 'sa_reopen'));
  toggle.type = 'button';
  toggle.id = 'sa-state';
  toggle.addEventListener('click', async () => {
    const next = open ? 'closed' : 'open';
    const r = await api('POST', `/api/v1/surveys/${run.id}`, { state: next });
    if (r.status !== 200) return showError(err, errorOf(r));
    run.state = next;
    view.msg = '';
    return openResults(run);
  });
  const fl = el('div', 'field');
  const l = el('label', null, t('sa_import'));
  file.id = 'sa-csv';
  l.htmlFor = 'sa-csv';
  fl.append(l, file);
  sec.append(x, fl, imp, toggle, feed, hint, msg, err);
  box.append(sec);
}

function render() {
  const box = $('surveys-view');
  box.replaceChildren();
  const h = el('h1', null, t('sa_title'));
  h.id = 'sa-title';
  box.append(h);
  const runs = (view.runs && view.runs.items) || [];
  if (!runs.length) box.append(el('p', 'muted', t('sa_none')));
  const ul = el('ul', 'sa-runs');
  for (const r of runs) ul.append(runRow(r));
  box.append(ul);
  if (view.results) renderResults(box);
  if (view.forms.length) box.append(createForm());
}

async function openResults(run) {
  const r = await api('GET', `/api/v1/surveys/${run.id}/results`);
  if (r.status === 401) return view.showLogin(errorOf(r));
  if (r.status !== 200) return;
  view.run = run;
  view.results = r.data;
  render();
  $('sa-results').scrollIntoView();
}

async function load() {
  const seq = ++view.seq;
  const [runs, forms] = await Promise.all([api('GET', '/api/v1/surveys'), api('GET', '/api/v1/survey-forms')]);
  if (seq !== view.seq) return;
  if (runs.status === 401) return view.showLogin(errorOf(runs));
  view.runs = runs.status === 200 ? runs.data : null;
  view.forms = forms.status === 200 ? forms.data.items : [];
  render();
}

export function openSurveysAdmin(showLogin) {
  view.showLogin = showLogin;
  view.results = null;
  view.msg = null;
  load();
}

onLangChange(() => {
  if (!$('surveys-view').hidden) render();
});
