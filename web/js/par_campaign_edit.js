// par_campaign_edit.js - the standing agency's form for a PAR campaign's
// settings in its administration (par.js): the name, the opening day and
// the deadlines of each step (self-assessment, appraisal round 1,
// explanation, round 2, publication), the bonus and penalty caps and the
// survey rule, sent to POST /api/v1/par/campaigns/{id} (the same settings as
// `cchc par campaign update`). Caps accept Vietnamese decimals ("2,5"); the
// server checks the order of the dates against the working-day calendar and
// the caps again, and its message is shown in place. Text goes through
// textContent.

import { addText, api, el, errorOf, localError, parseDecimal, showError, t } from './core.js';

addText({
  vi: {
    pce_title: 'Thời hạn và mức điểm của đợt chấm điểm',
    pce_name: 'Tên đợt chấm điểm',
    pce_opens: 'Ngày mở đợt',
    pce_self: 'Hạn tự chấm điểm',
    pce_round1: 'Hạn thẩm định vòng 1',
    pce_explain: 'Hạn giải trình',
    pce_round2: 'Hạn thẩm định vòng 2',
    pce_publish: 'Hạn công bố kết quả',
    pce_bonus: 'Điểm thưởng tối đa',
    pce_penalty: 'Điểm trừ tối đa',
    pce_no_cap: 'Không giới hạn (để trống)',
    pce_survey: 'Điều tra xã hội học',
    pce_survey_modes: {
      auto: 'Theo dữ liệu (có kết quả điều tra thì tính)',
      held: 'Có tổ chức điều tra',
      none: 'Không tổ chức: chỉ số = điểm thẩm định / điểm tối đa áp dụng',
    },
    pce_hint: 'Các hạn phải theo thứ tự: mở đợt, tự chấm, vòng 1, giải trình, vòng 2, công bố.',
    pce_save: 'Lưu thời hạn và mức điểm',
    pce_saved: 'Đã lưu thời hạn và mức điểm của đợt chấm điểm.',
    pce_cap_bad: (what) => `${what} phải là số từ 0 đến 1.000, tối đa 3 chữ số thập phân (ví dụ 2,5).`,
  },
  en: {
    pce_title: 'Dates and caps of the campaign',
    pce_name: 'Campaign name',
    pce_opens: 'Opening day',
    pce_self: 'Self-assessment deadline',
    pce_round1: 'Appraisal round 1 deadline',
    pce_explain: 'Explanation deadline',
    pce_round2: 'Appraisal round 2 deadline',
    pce_publish: 'Publication deadline',
    pce_bonus: 'Bonus cap',
    pce_penalty: 'Penalty cap',
    pce_no_cap: 'No cap (leave empty)',
    pce_survey: 'Sociological survey',
    pce_survey_modes: {
      auto: 'From the data (counted when survey results exist)',
      held: 'Survey held',
      none: 'No survey: index = appraised points / applicable maximum',
    },
    pce_hint: 'Dates go in order: opening, self-assessment, round 1, explanation, round 2, publication.',
    pce_save: 'Save dates and caps',
    pce_saved: 'The dates and caps of the campaign were saved.',
    pce_cap_bad: (what) => `${what} must be a number from 0 to 1,000 with at most 3 decimals (e.g. 2.5).`,
  },
});

const DATES = [
  ['opens_on', 'pce_opens', (c) => c.opens_on],
  ['self_due', 'pce_self', (c) => c.deadlines.self],
  ['round1_due', 'pce_round1', (c) => c.deadlines.round1],
  ['explain_due', 'pce_explain', (c) => c.deadlines.explain],
  ['round2_due', 'pce_round2', (c) => c.deadlines.round2],
  ['publish_due', 'pce_publish', (c) => c.deadlines.publish],
];

function labelled(key, control, id) {
  const f = el('div', 'field');
  const l = el('label', null, t(key));
  l.htmlFor = id;
  control.id = id;
  f.append(l, control);
  return f;
}

function input(type, value) {
  const i = el('input');
  i.type = type;
  if (value !== null && value !== undefined) i.value = String(value);
  return i;
}

// A cap typed as "2,5" / "2.5": the number; for an emptied field "none"
// (the cap is removed) when there was one, undefined when there was none;
// null when invalid.
function readCap(text, had) {
  if (!text.trim()) return had ? 'none' : undefined;
  const v = parseDecimal(text);
  if (!Number.isFinite(v) || v < 0 || v > 1000 || Math.abs(v * 1000 - Math.round(v * 1000)) > 1e-6) return null;
  return v;
}

function capText(v) {
  return v === null || v === undefined ? '' : String(v).replace('.', ',');
}

// The form for campaign c; onSaved(campaign) after a successful save.
export function campaignForm(c, onSaved) {
  const form = el('form', 'par-edit');
  form.id = 'par-edit';
  form.append(el('h3', null, t('pce_title')));
  const name = input('text', c.name);
  form.append(labelled('pce_name', name, 'par-edit-name'));
  const dates = {};
  const grid = el('div', 'par-edit-dates');
  for (const [key, label, get] of DATES) {
    dates[key] = input('date', get(c));
    grid.append(labelled(label, dates[key], `par-edit-${key.replace('_', '-')}`));
  }
  const bonus = input('text', capText(c.bonus_max));
  const penalty = input('text', capText(c.penalty_max));
  for (const x of [bonus, penalty]) {
    x.inputMode = 'decimal';
    x.placeholder = t('pce_no_cap');
  }
  grid.append(labelled('pce_bonus', bonus, 'par-edit-bonus'), labelled('pce_penalty', penalty, 'par-edit-penalty'));
  const survey = el('select');
  for (const m of ['auto', 'held', 'none']) survey.append(new Option(t('pce_survey_modes')[m], m));
  survey.value = c.survey_mode || 'auto';
  form.append(grid, labelled('pce_survey', survey, 'par-edit-survey'), el('p', 'small muted', t('pce_hint')));
  const msg = el('p', 'form-error');
  msg.id = 'par-edit-msg';
  msg.setAttribute('role', 'alert');
  msg.hidden = true;
  const save = el('button', 'btn btn-primary', t('pce_save'));
  save.type = 'submit';
  save.id = 'par-edit-save';
  form.append(save, msg);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { name: name.value.trim(), survey_mode: survey.value };
    for (const [key] of DATES) if (dates[key].value) body[key] = dates[key].value;
    for (const [key, x, label] of [
      ['bonus_max', bonus, 'pce_bonus'],
      ['penalty_max', penalty, 'pce_penalty'],
    ]) {
      const v = readCap(x.value, c[key] !== null && c[key] !== undefined);
      if (v === null) {
        x.focus();
        return showError(msg, localError('par.cap', 'pce_cap_bad', t(label)));
      }
      if (v !== undefined) body[key] = v;
    }
    const r = await api('POST', `/api/v1/par/campaigns/${c.id}`, body);
    if (r.status !== 200) return showError(msg, errorOf(r));
    await onSaved(r.data);
    const after = document.getElementById('par-edit-msg');
    if (after) {
      after.className = 'form-ok';
      after.hidden = false;
      after.textContent = t('pce_saved');
    }
  });
  return form;
}
