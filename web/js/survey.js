// survey.js - the public survey page of a unit and period (issue 18 item 3;
// route #/khao-sat/{token}, the link and QR code printed at the one-stop
// desk): the questionnaire's groups of items on its scale, the demographic
// questions, an optional dossier code, and a hidden honeypot field. One
// response per device: a random token kept in this browser's storage.
// API: GET /api/v1/public/surveys/{token}, POST …/responses.

import { $, addText, api, el, errorOf, localError, onLangChange, showError, state, t } from './core.js';

addText({
  vi: {
    sv_loading: 'Đang tải phiếu khảo sát…',
    sv_not_found: 'Không tìm thấy phiếu khảo sát. Vui lòng kiểm tra lại đường dẫn hoặc mã QR.',
    sv_closed: 'Đợt khảo sát này đã kết thúc. Cảm ơn anh/chị.',
    sv_for: (unit, period) => `Đơn vị: ${unit} — Kỳ khảo sát: ${period}`,
    sv_intro: 'Xin anh/chị cho biết mức độ hài lòng với từng nội dung. Có thể bỏ qua câu không có ý kiến.',
    sv_about: 'Về anh/chị (không bắt buộc)',
    sv_no_answer: 'Không trả lời',
    sv_dossier: 'Mã hồ sơ đã giải quyết (không bắt buộc)',
    sv_submit: 'Gửi phiếu khảo sát',
    sv_busy: 'Đang gửi…',
    sv_empty: 'Vui lòng trả lời ít nhất một câu hỏi.',
    sv_thanks: 'Cảm ơn anh/chị đã tham gia khảo sát! Ý kiến của anh/chị đã được ghi nhận.',
    sv_trap: 'Để trống ô này',
  },
  en: {
    sv_loading: 'Loading the survey…',
    sv_not_found: 'Survey not found. Please check the link or the QR code.',
    sv_closed: 'This survey has ended. Thank you.',
    sv_for: (unit, period) => `Agency: ${unit} — Period: ${period}`,
    sv_intro: 'Please tell us how satisfied you are with each point. You may skip any question.',
    sv_about: 'About you (optional)',
    sv_no_answer: 'No answer',
    sv_dossier: 'Code of a dossier handled for you (optional)',
    sv_submit: 'Send the survey',
    sv_busy: 'Sending…',
    sv_empty: 'Please answer at least one question.',
    sv_thanks: 'Thank you for taking part! Your answers have been recorded.',
    sv_trap: 'Leave this empty',
  },
});

const view = { token: null, data: null, status: 0, done: false, seq: 0 };

function tr(o, key) {
  return state.lang === 'en' ? o[`${key}_en`] || o[key] : o[key];
}

// A random token for this browser, kept across visits (one response per device).
function deviceToken() {
  const key = 'cchc.device';
  try {
    let v = localStorage.getItem(key);
    if (!v || !/^[A-Za-z0-9_-]{16,128}$/.test(v)) {
      const b = new Uint8Array(18);
      crypto.getRandomValues(b);
      v = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      localStorage.setItem(key, v);
    }
    return v;
  } catch {
    return '';
  }
}

function scaleFieldset(item, labels, points) {
  const fs = el('fieldset', 'sv-item');
  fs.append(el('legend', null, `${item.code}. ${tr(item, 'text')}`));
  const row = el('div', 'sv-scale');
  for (let s = 1; s <= points; s++) {
    const id = `sv-${item.code}-${s}`;
    const i = el('input');
    i.type = 'radio';
    i.name = `sv-${item.code}`;
    i.value = String(s);
    i.id = id;
    i.dataset.item = item.code;
    const l = el('label', 'choice');
    l.htmlFor = id;
    l.append(i, ' ', `${s} – ${labels[s - 1] || ''}`);
    row.append(l);
  }
  fs.append(row);
  return fs;
}

function demoField(q) {
  const s = el('select');
  s.id = `sv-demo-${q.code}`;
  s.dataset.demo = q.code;
  s.append(new Option(t('sv_no_answer'), ''));
  for (const o of q.options) s.append(new Option(tr(o, 'label'), o.code));
  const f = el('div', 'field');
  const l = el('label', null, tr(q, 'text'));
  l.htmlFor = s.id;
  f.append(l, s);
  return f;
}

function formEl(d) {
  const form = d.form;
  const labels = (state.lang === 'en' ? form.scale.labels_en : form.scale.labels) || form.scale.labels || [];
  const f = el('form', 'citizen-form sv-form');
  f.id = 'sv-form';
  f.noValidate = true;
  f.append(el('p', 'muted', t('sv_intro')));
  for (const g of form.groups) {
    const sec = el('section', 'sv-group');
    sec.append(el('h2', null, tr(g, 'name')));
    for (const it of g.items) sec.append(scaleFieldset(it, labels, form.scale.points));
    f.append(sec);
  }
  if (form.demographics && form.demographics.length) {
    const sec = el('section', 'sv-group');
    sec.append(el('h2', null, t('sv_about')), ...form.demographics.map(demoField));
    f.append(sec);
  }
  const dos = el('input');
  dos.id = 'sv-dossier';
  dos.autocomplete = 'off';
  dos.maxLength = 64;
  const df = el('div', 'field');
  const dl = el('label', null, t('sv_dossier'));
  dl.htmlFor = 'sv-dossier';
  df.append(dl, dos);
  const hp = el('div', 'hp-field');
  hp.setAttribute('aria-hidden', 'true');
  const hi = el('input');
  hi.id = 'sv-website';
  hi.name = 'website';
  hi.tabIndex = -1;
  hi.autocomplete = 'off';
  const hl = el('label', null, t('sv_trap'));
  hl.htmlFor = 'sv-website';
  hp.append(hl, hi);
  const err = el('p', 'form-error');
  err.id = 'sv-error';
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const btn = el('button', 'btn btn-primary', t('sv_submit'));
  btn.type = 'submit';
  btn.id = 'sv-submit';
  f.append(df, hp, err, btn);
  f.addEventListener('submit', onSubmit);
  return f;
}

async function onSubmit(ev) {
  ev.preventDefault();
  const answers = {};
  for (const i of document.querySelectorAll('#sv-form input[type="radio"]:checked')) {
    answers[i.dataset.item] = Number(i.value);
  }
  const err = $('sv-error');
  if (!Object.keys(answers).length) {
    showError(err, localError('survey.answer', 'sv_empty'));
    document.querySelector('#sv-form input[type="radio"]').focus();
    return;
  }
  for (const s of document.querySelectorAll('#sv-form select[data-demo]')) {
    if (s.value) answers[s.dataset.demo] = s.value;
  }
  const btn = $('sv-submit');
  btn.disabled = true;
  btn.textContent = t('sv_busy');
  const r = await api('POST', `/api/v1/public/surveys/${encodeURIComponent(view.token)}/responses`, {
    answers,
    device: deviceToken(),
    dossier: $('sv-dossier').value.trim(),
    website: $('sv-website').value,
  });
  btn.disabled = false;
  btn.textContent = t('sv_submit');
  if (r.status === 201) {
    view.done = true;
    render();
    $('sv-thanks').focus();
    return;
  }
  showError(err, errorOf(r));
}

function render() {
  const box = $('citizen-view');
  box.replaceChildren();
  const d = view.data;
  if (!d) {
    const h = el('h1', null, view.status === 404 ? t('sv_not_found') : t('sv_loading'));
    h.id = 'sv-title';
    box.append(h);
    return;
  }
  const h = el('h1', null, tr(d.form, 'title'));
  h.id = 'sv-title';
  box.append(h, el('p', 'muted', t('sv_for', d.survey.unit_name, d.survey.period)));
  if (view.done) {
    const p = el('p', 'notice notice-ok', t('sv_thanks'));
    p.id = 'sv-thanks';
    p.tabIndex = -1;
    p.setAttribute('role', 'status');
    box.append(p);
  } else if (d.survey.state !== 'open') {
    box.append(el('p', 'notice', t('sv_closed')));
  } else {
    box.append(formEl(d));
  }
}

export async function openSurvey() {
  const m = /^#\/khao-sat\/([A-Za-z0-9_-]+)/.exec(location.hash);
  view.token = m ? m[1] : '';
  view.data = null;
  view.done = false;
  view.status = 0;
  render();
  const seq = ++view.seq;
  const r = await api('GET', `/api/v1/public/surveys/${encodeURIComponent(view.token)}`);
  if (seq !== view.seq) return;
  view.status = r.status;
  view.data = r.status === 200 ? r.data : null;
  if (r.status !== 200 && r.status !== 404) view.status = 404;
  render();
}

onLangChange(() => {
  if (!$('citizen-view').hidden && location.hash.startsWith('#/khao-sat/') && !view.done) render();
});
