// rating.js - rating a dossier from the public lookup (issue 18 item 1):
// once the lookup shows a dossier whose result was returned, the applicant
// chooses không hài lòng / hài lòng / rất hài lòng, optionally the criteria
// of the form, and confirms with the code printed on the receipt (or the
// last 4 digits of the phone, as the unit configured). Once per dossier.
// API: GET /api/v1/public/rating?code=…, POST /api/v1/public/rating.

import { $, addText, api, el, errorOf, localError, onLangChange, query, showError, state, t } from './core.js';

addText({
  vi: {
    rate_title: 'Đánh giá sự hài lòng',
    rate_hint: 'Anh/Chị đã nhận kết quả. Mời đánh giá việc giải quyết hồ sơ (mỗi hồ sơ đánh giá một lần).',
    rate_level: 'Mức độ hài lòng chung',
    rate_levels: ['Không hài lòng', 'Hài lòng', 'Rất hài lòng'],
    rate_criteria: 'Đánh giá thêm theo từng tiêu chí (không bắt buộc)',
    rate_skip: '— Không đánh giá —',
    rate_factor_receipt: 'Mã đánh giá in trên giấy tiếp nhận hồ sơ',
    rate_factor_phone4: '4 số cuối số điện thoại đã khai khi nộp hồ sơ',
    rate_factor_either: 'Mã đánh giá trên giấy tiếp nhận, hoặc 4 số cuối số điện thoại',
    rate_factor_help: 'Ví dụ mã đánh giá: 7KQ2-M9TX. Mã này xác nhận anh/chị là người nộp hồ sơ.',
    rate_comment: 'Ý kiến thêm (không bắt buộc)',
    rate_submit: 'Gửi đánh giá',
    rate_busy: 'Đang gửi…',
    rate_pick: 'Vui lòng chọn mức độ hài lòng.',
    rate_thanks: (label) => `Cảm ơn anh/chị đã đánh giá: ${label}.`,
    rate_done: (label) => `Hồ sơ này đã được đánh giá: ${label}. Mỗi hồ sơ chỉ được đánh giá một lần.`,
    rate_not_yet: 'Hồ sơ chưa trả kết quả. Anh/Chị có thể đánh giá sau khi nhận kết quả.',
  },
  en: {
    rate_title: 'Rate your satisfaction',
    rate_hint: 'You have received the result. Please rate how the dossier was handled (once per dossier).',
    rate_level: 'Overall satisfaction',
    rate_levels: ['Not satisfied', 'Satisfied', 'Very satisfied'],
    rate_criteria: 'Rate each criterion (optional)',
    rate_skip: '— No rating —',
    rate_factor_receipt: 'Rating code printed on the dossier receipt',
    rate_factor_phone4: 'Last 4 digits of the phone number given with the dossier',
    rate_factor_either: 'Rating code on the receipt, or the last 4 digits of your phone',
    rate_factor_help: 'Example of a rating code: 7KQ2-M9TX. It shows that you submitted the dossier.',
    rate_comment: 'Comment (optional)',
    rate_submit: 'Send rating',
    rate_busy: 'Sending…',
    rate_pick: 'Please choose a level of satisfaction.',
    rate_thanks: (label) => `Thank you for your rating: ${label}.`,
    rate_done: (label) => `This dossier has been rated: ${label}. A dossier is rated only once.`,
    rate_not_yet: 'The result has not been returned yet. You can rate the dossier once you have it.',
  },
});

const view = { info: null, code: null, seq: 0, message: null };

function levelLabel(level) {
  return t('rate_levels')[level - 1] || '';
}

function criterionSelect(c) {
  const s = el('select');
  s.name = `crit-${c.code}`;
  s.dataset.code = c.code;
  s.append(new Option(t('rate_skip'), ''));
  t('rate_levels').forEach((label, i) => s.append(new Option(label, String(i + 1))));
  const f = el('div', 'field');
  const l = el('label', null, state.lang === 'en' ? c.label_en || c.label : c.label);
  s.id = `rate-crit-${c.code}`;
  l.htmlFor = s.id;
  f.append(l, s);
  return f;
}

function levelFieldset() {
  const fs = el('fieldset', 'rate-levels');
  fs.append(el('legend', null, t('rate_level')));
  t('rate_levels').forEach((label, i) => {
    const id = `rate-level-${i + 1}`;
    const input = el('input');
    input.type = 'radio';
    input.name = 'rate-level';
    input.value = String(i + 1);
    input.id = id;
    const l = el('label', 'choice');
    l.htmlFor = id;
    l.append(input, ' ', label);
    fs.append(l);
  });
  return fs;
}

function form(info) {
  const f = el('form', 'rate-form');
  f.id = 'rate-form';
  f.noValidate = true;
  f.append(el('p', 'muted', t('rate_hint')), levelFieldset());
  if (info.criteria && info.criteria.length) {
    const d = el('details', 'rate-criteria');
    d.append(el('summary', null, t('rate_criteria')), ...info.criteria.map(criterionSelect));
    f.append(d);
  }
  const fac = el('input');
  fac.id = 'rate-factor';
  fac.autocomplete = 'off';
  fac.setAttribute('autocapitalize', 'characters');
  fac.maxLength = 32;
  fac.setAttribute('aria-describedby', 'rate-factor-help');
  if (info.factor === 'phone4') fac.inputMode = 'numeric';
  const ff = el('div', 'field');
  const fl = el('label', null, t(`rate_factor_${info.factor}`) || t('rate_factor_receipt'));
  fl.htmlFor = 'rate-factor';
  const help = el('p', 'field-help', t('rate_factor_help'));
  help.id = 'rate-factor-help';
  ff.append(fl, fac, help);
  const com = el('textarea');
  com.id = 'rate-comment';
  com.rows = 3;
  com.maxLength = info.comment_max || 1000;
  const cf = el('div', 'field');
  const cl = el('label', null, t('rate_comment'));
  cl.htmlFor = 'rate-comment';
  cf.append(cl, com);
  const err = el('p', 'form-error');
  err.id = 'rate-error';
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const btn = el('button', 'btn btn-primary', t('rate_submit'));
  btn.type = 'submit';
  btn.id = 'rate-submit';
  f.append(ff, cf, err, btn);
  f.addEventListener('submit', onSubmit);
  return f;
}

function render() {
  const box = $('lookup-rating');
  if (!box) return;
  const info = view.info;
  box.replaceChildren();
  box.hidden = !info;
  if (!info) return;
  box.append(el('h3', null, t('rate_title')));
  if (view.message) {
    const p = el('p', 'notice notice-ok', view.message());
    p.id = 'rate-result';
    p.setAttribute('role', 'status');
    box.append(p);
  } else if (info.rated) {
    const p = el('p', 'muted', t('rate_done', levelLabel(info.level)));
    p.id = 'rate-result';
    box.append(p);
  } else if (!info.returned) {
    box.append(el('p', 'muted', t('rate_not_yet')));
  } else {
    box.append(form(info));
  }
}

async function onSubmit(ev) {
  ev.preventDefault();
  const level = document.querySelector('input[name="rate-level"]:checked');
  const err = $('rate-error');
  if (!level) {
    showError(err, localError('rating.level', 'rate_pick'));
    document.getElementById('rate-level-1').focus();
    return;
  }
  const criteria = {};
  for (const s of document.querySelectorAll('#rate-form select[data-code]')) {
    if (s.value) criteria[s.dataset.code] = Number(s.value);
  }
  const btn = $('rate-submit');
  btn.disabled = true;
  btn.textContent = t('rate_busy');
  const r = await api('POST', '/api/v1/public/rating', {
    code: view.code,
    factor: $('rate-factor').value,
    rating: Number(level.value),
    criteria,
    comment: $('rate-comment').value,
  });
  btn.disabled = false;
  btn.textContent = t('rate_submit');
  if (r.status === 201 && r.data) {
    view.info = r.data;
    const lv = r.data.level;
    view.message = () => t('rate_thanks', levelLabel(lv));
    render();
    $('rate-result').focus();
    return;
  }
  showError(err, errorOf(r));
  if (r.data && r.data.error && r.data.error.field === 'factor') $('rate-factor').focus();
}

// Called by the lookup after a dossier is shown (code as returned), or with
// null to hide the block.
export async function showRating(code) {
  const seq = ++view.seq;
  view.info = null;
  view.message = null;
  view.code = code;
  render();
  if (!code) return;
  const r = await api('GET', `/api/v1/public/rating${query({ code })}`);
  if (seq !== view.seq) return;
  view.info = r.status === 200 ? r.data : null;
  render();
}

onLangChange(render);
