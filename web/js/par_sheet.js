// par_sheet.js - one unit's PAR score sheet (Chấm điểm CCHC, route
// #/chi-so-cchc/{campaign}/phieu/{unit}): the criteria tree (areas and
// criteria collapsible), per leaf the self score (only the allowed values
// are offered; the maximum is checked before sending), the note, the figure
// cchc pre-filled with its period and source (accept it or override with a
// note), evidence files (uploaded to the evidence store, then linked),
// explanation requests and answers, and for appraisers the appraised score
// with its reason. Completion progress, bonus and penalty, submission and
// the documents. The server decides every right (the "can" flags) and
// checks every value again. Text goes through textContent.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  formatDate,
  formatDateTime,
  formatNumber,
  localError,
  parseDecimal,
  query,
  showError,
  t,
} from './core.js';

addText({
  vi: {
    ps_back: '‹ Đợt chấm điểm',
    ps_title: (u) => `Phiếu chấm điểm: ${u}`,
    ps_state_draft: 'Đang tự chấm',
    ps_state_submitted: 'Đã gửi',
    ps_progress: (p) =>
      `Đã chấm ${p.scored}/${p.leaves} tiêu chí; ${p.evidence} có tài liệu kiểm chứng; ${p.appraised} đã thẩm định`,
    ps_result: (r) =>
      `Tổng điểm ${formatNumber(r.total, 2)}/${formatNumber(r.max, 2)} · Chỉ số ${r.index === null ? '—' : formatNumber(r.index, 2) + '%'}${r.grade ? ' · Xếp loại ' + r.grade : ''}`,
    ps_deadline: (d) => `Hạn tự chấm: ${d}`,
    ps_extended: ' (đã gia hạn)',
    ps_round_open: (r, d) => `Đang thẩm định vòng ${r}, đến hết ngày ${d}`,
    ps_round_wait: (d) => `Chưa mở thẩm định: vòng 1 mở khi đơn vị gửi phiếu chấm điểm hoặc khi hết hạn tự chấm (${d})`,
    ps_round_none: 'Không trong thời gian thẩm định',
    ps_filter: 'Hiển thị',
    ps_filter_all: 'Tất cả tiêu chí',
    ps_filter_todo: 'Chưa chấm / chưa thẩm định',
    ps_filter_changed: 'Điểm thẩm định khác tự chấm',
    ps_filter_explain: 'Có yêu cầu giải trình',
    ps_max: (m) => `Tối đa ${m} điểm`,
    ps_self: 'Tự chấm',
    ps_none: '— chưa chấm —',
    ps_note: 'Ghi chú',
    ps_save: 'Lưu',
    ps_saved: 'Đã lưu.',
    ps_yes: 'Có',
    ps_no: 'Không',
    ps_figure: (v, p) => `Số liệu cchc: ${v}% (kỳ ${p})`,
    ps_figure_source: 'nguồn',
    ps_suggested: (s) => `Điểm tương ứng: ${s}`,
    ps_accept: 'Chấp nhận số liệu',
    ps_survey: 'Điểm điều tra xã hội học (nhập từ kết quả điều tra)',
    ps_na: (r) => `Không áp dụng${r ? ': ' + r : ''}`,
    ps_points: (p, from) => `Điểm tính: ${p}${from ? ' (' + from + ')' : ''}`,
    ps_from: {
      self: 'tự chấm',
      computed: 'theo số liệu cchc',
      round1: 'thẩm định vòng 1',
      round2: 'thẩm định vòng 2',
      final: 'chốt cuối cùng',
      survey: 'điều tra',
      survey_ratio: 'điều tra',
    },
    ps_appraised: (r, v, why) => `Thẩm định ${r}: ${v}${why ? ' — ' + why : ''}`,
    ps_appraise: 'Điểm thẩm định',
    ps_reason: 'Lý do',
    ps_appraise_save: 'Ghi điểm thẩm định',
    ps_reason_missing: 'Cần nhập lý do.',
    ps_request: 'Yêu cầu giải trình',
    ps_request_send: 'Gửi yêu cầu',
    ps_explain_req: (r) => `Yêu cầu giải trình (vòng ${r}):`,
    ps_explain_ans: 'Giải trình của đơn vị:',
    ps_answer: 'Nội dung giải trình',
    ps_answer_send: 'Gửi giải trình',
    ps_evidence: 'Tài liệu kiểm chứng',
    ps_evidence_required: (s) => `Yêu cầu: ${s}`,
    ps_upload: 'Tải tệp lên',
    ps_existing: 'Hoặc chọn minh chứng đã có của đơn vị',
    ps_existing_none: 'Đơn vị chưa có minh chứng nào khác',
    ps_link: 'Gắn',
    ps_uploading: 'Đang tải tệp…',
    ps_bonus: 'Điểm thưởng',
    ps_penalty: 'Điểm trừ',
    ps_adjust_save: 'Lưu',
    ps_adjust_bad: 'Điểm phải là số không âm, ví dụ 1,5.',
    ps_report_files: 'Tài liệu kèm báo cáo tự đánh giá',
    ps_difficulties: 'Khó khăn, vướng mắc và đề xuất, kiến nghị (phần III của báo cáo)',
    ps_submit: 'Gửi phiếu chấm điểm',
    ps_submit_confirm: 'Sau khi gửi, đơn vị không sửa được phiếu. Gửi?',
    ps_reopen: 'Mở lại phiếu',
    ps_reopen_reason: 'Lý do mở lại',
    ps_docs: 'Tài liệu:',
    ps_doc_docx: 'Báo cáo tự đánh giá (Word)',
    ps_doc_pdf: 'Báo cáo tự đánh giá (PDF)',
    ps_doc_xlsx: 'Bảng điểm (Excel)',
    ps_history: 'Lịch sử thay đổi',
    ps_history_none: 'Chưa có thay đổi.',
    ps_na_mark: 'Đánh dấu không áp dụng',
    ps_na_undo: 'Áp dụng lại',
    ps_na_reason: 'Lý do (không áp dụng / áp dụng lại)',
    ps_fields: {
      self: 'Tự chấm',
      round1: 'Thẩm định vòng 1',
      round2: 'Thẩm định vòng 2',
      final: 'Chốt cuối cùng',
      survey: 'Điểm điều tra',
      survey_ratio: 'Tỷ lệ điều tra (%)',
      measured: 'Số liệu cchc (%)',
      not_applicable: 'Không áp dụng',
      explain_request: 'Yêu cầu giải trình',
      explain_answer: 'Giải trình',
    },
    ps_change: (field, from, to) => `${field}: ${from} → ${to}`,
    ps_value_max: (m) => `Điểm phải từ 0 đến ${m}.`,
    ps_file_type: (n) => `Tệp ${n} không phải PDF, Word, Excel, PNG hoặc JPEG.`,
  },
  en: {
    ps_back: '‹ Campaign',
    ps_title: (u) => `Score sheet: ${u}`,
    ps_state_draft: 'Self-assessment',
    ps_state_submitted: 'Submitted',
    ps_progress: (p) =>
      `${p.scored}/${p.leaves} criteria scored; ${p.evidence} with evidence; ${p.appraised} appraised`,
    ps_result: (r) =>
      `Total ${formatNumber(r.total, 2)}/${formatNumber(r.max, 2)} · Index ${r.index === null ? '—' : formatNumber(r.index, 2) + '%'}${r.grade ? ' · Grade ' + r.grade : ''}`,
    ps_deadline: (d) => `Self-assessment deadline: ${d}`,
    ps_extended: ' (extended)',
    ps_round_open: (r, d) => `Appraisal round ${r} is open until ${d}`,
    ps_round_wait: (d) =>
      `Appraisal has not opened: round 1 opens when the unit submits its sheet or when its self-assessment closes (${d})`,
    ps_round_none: 'Not in an appraisal period',
    ps_filter: 'Show',
    ps_filter_all: 'All criteria',
    ps_filter_todo: 'Not scored / not appraised',
    ps_filter_changed: 'Appraised differently',
    ps_filter_explain: 'With an explanation request',
    ps_max: (m) => `Maximum ${m} points`,
    ps_self: 'Self score',
    ps_none: '— not scored —',
    ps_note: 'Note',
    ps_save: 'Save',
    ps_saved: 'Saved.',
    ps_yes: 'Yes',
    ps_no: 'No',
    ps_figure: (v, p) => `cchc figure: ${v}% (period ${p})`,
    ps_figure_source: 'source',
    ps_suggested: (s) => `Matching points: ${s}`,
    ps_accept: 'Accept the figure',
    ps_survey: 'Survey points (imported from the survey results)',
    ps_na: (r) => `Not applicable${r ? ': ' + r : ''}`,
    ps_points: (p, from) => `Counted: ${p}${from ? ' (' + from + ')' : ''}`,
    ps_from: {
      self: 'self',
      computed: 'cchc figure',
      round1: 'round 1',
      round2: 'round 2',
      final: 'final',
      survey: 'survey',
      survey_ratio: 'survey',
    },
    ps_appraised: (r, v, why) => `Appraisal ${r}: ${v}${why ? ' — ' + why : ''}`,
    ps_appraise: 'Appraised score',
    ps_reason: 'Reason',
    ps_appraise_save: 'Record the appraisal',
    ps_reason_missing: 'A reason is required.',
    ps_request: 'Ask for an explanation',
    ps_request_send: 'Send the request',
    ps_explain_req: (r) => `Explanation requested (round ${r}):`,
    ps_explain_ans: "The unit's explanation:",
    ps_answer: 'Explanation',
    ps_answer_send: 'Send the explanation',
    ps_evidence: 'Evidence',
    ps_evidence_required: (s) => `Required: ${s}`,
    ps_upload: 'Upload files',
    ps_existing: "Or choose one of the unit's existing evidence files",
    ps_existing_none: 'The unit has no other evidence files',
    ps_link: 'Link',
    ps_uploading: 'Uploading…',
    ps_bonus: 'Bonus points',
    ps_penalty: 'Penalty points',
    ps_adjust_save: 'Save',
    ps_adjust_bad: 'The points must be a number of 0 or more, e.g. 1.5.',
    ps_report_files: 'Files attached to the self-assessment report',
    ps_difficulties: 'Difficulties and recommendations (part III of the report)',
    ps_submit: 'Submit the score sheet',
    ps_submit_confirm: 'Once submitted the unit cannot change the sheet. Submit?',
    ps_reopen: 'Reopen the sheet',
    ps_reopen_reason: 'Reason for reopening',
    ps_docs: 'Documents:',
    ps_doc_docx: 'Self-assessment report (Word)',
    ps_doc_pdf: 'Self-assessment report (PDF)',
    ps_doc_xlsx: 'Score table (Excel)',
    ps_history: 'Change history',
    ps_history_none: 'No change yet.',
    ps_na_mark: 'Mark not applicable',
    ps_na_undo: 'Apply again',
    ps_na_reason: 'Reason (not applicable / apply again)',
    ps_fields: {
      self: 'Self score',
      round1: 'Round 1',
      round2: 'Round 2',
      final: 'Final',
      survey: 'Survey points',
      survey_ratio: 'Survey ratio (%)',
      measured: 'cchc figure (%)',
      not_applicable: 'Not applicable',
      explain_request: 'Explanation requested',
      explain_answer: 'Explanation',
    },
    ps_change: (field, from, to) => `${field}: ${from} → ${to}`,
    ps_value_max: (m) => `The score must be between 0 and ${m}.`,
    ps_file_type: (n) => `${n} is not a PDF, Word, Excel, PNG or JPEG file.`,
  },
});

const EXTS = ['pdf', 'docx', 'xlsx', 'png', 'jpg', 'jpeg'];
const sheetState = { campaign: 0, unit: '', data: null, filter: '', closed: new Set(), existing: null };

// A point value with the decimals it needs (at most 3).
export function num(v) {
  if (v === null || v === undefined) return '—';
  const d = [0, 1, 2].find((k) => Math.abs(v * 10 ** k - Math.round(v * 10 ** k)) < 1e-6) ?? 3;
  return formatNumber(v, d);
}

function base() {
  return `/api/v1/par/campaigns/${sheetState.campaign}/sheets/${encodeURIComponent(sheetState.unit)}`;
}

// The allowed values of a leaf: [{value, label}], or null for a free value.
function allowed(n) {
  if (n.method === 'levels') return n.levels.map((l) => ({ value: l.points, label: `${l.label} (${num(l.points)})` }));
  if (n.method === 'yesno')
    return [
      { value: n.max, label: `${t('ps_yes')} (${num(n.max)})` },
      { value: 0, label: `${t('ps_no')} (0)` },
    ];
  if (n.method === 'bands') {
    const seen = new Map();
    for (const b of n.bands) {
      const range = `${b.lo_excl ? '>' : '≥'} ${num(b.lo)}%`;
      if (!seen.has(b.points)) seen.set(b.points, `${range} (${num(b.points)})`);
    }
    return [...seen].map(([value, label]) => ({ value, label }));
  }
  return null;
}

// A control for a score: a select of the allowed values or a number input.
function scoreControl(n, id, current) {
  const opts = allowed(n);
  if (opts) {
    const s = el('select', 'ps-score');
    s.id = id;
    s.append(new Option(t('ps_none'), ''));
    for (const o of opts) s.append(new Option(o.label, String(o.value)));
    s.value = current === null || current === undefined ? '' : String(current);
    return s;
  }
  const i = el('input');
  i.id = id;
  i.type = 'number';
  i.min = '0';
  i.max = String(n.max);
  i.step = '0.001';
  i.inputMode = 'decimal';
  if (current !== null && current !== undefined) i.value = String(current);
  return i;
}

// The control's value: null (cleared), a number, or an error.
function readScore(n, ctl) {
  if (ctl.value === '') return { value: null };
  const v = Number(ctl.value);
  if (!Number.isFinite(v) || v < 0 || v > n.max)
    return { error: localError('par.score_range', 'ps_value_max', num(n.max)) };
  return { value: v };
}

// Answers carrying the sheet are applied in the order they were asked: an
// older load that arrives after a newer save's answer is dropped.
function ask() {
  sheetState.asked = (sheetState.asked || 0) + 1;
  return sheetState.asked;
}
function newest(seq) {
  if (seq < (sheetState.applied || 0)) return false;
  sheetState.applied = seq;
  return true;
}

async function post(action, body, msg) {
  const seq = ask();
  const r = await api('POST', `${base()}/${action}`, body);
  if (r.status === 200 && r.data) {
    if (!newest(seq)) return true;
    sheetState.data = r.data;
    renderSheet();
    return true;
  }
  if (msg) showError(msg, errorOf(r));
  return false;
}

// Uploads files to the evidence store and links each to the leaf n, or
// (n a string) to the sheet's "bonus", "penalty" or "report".
async function upload(n, chosen, msg) {
  for (const f of chosen) {
    const ext = (f.name.split('.').pop() || '').toLowerCase();
    if (!EXTS.includes(ext)) {
      showError(msg, localError('evidence.type', 'ps_file_type', f.name));
      return;
    }
  }
  msg.hidden = false;
  msg.textContent = t('ps_uploading');
  for (const f of chosen) {
    const path = `/api/v1/evidence${query({
      unit: sheetState.unit,
      attached_type: 'par_campaign',
      attached_id: sheetState.campaign,
      filename: f.name,
    })}`;
    const res = await api('POST', path, f);
    const { data } = res;
    if (res.status !== 201 || !data) {
      showError(msg, errorOf({ status: res.status, data }));
      return;
    }
    const body =
      typeof n === 'string'
        ? { purpose: n, evidence_id: data.evidence.id }
        : { code: n.code, evidence_id: data.evidence.id };
    sheetState.existing = null; // the new file is one of the unit's now
    if (!(await post('evidence', body, msg))) return;
  }
}

// The files the unit has already uploaded (task updates, target
// measurements, reports, other criteria), fetched once per sheet.
async function existingEvidence() {
  if (sheetState.existing) return sheetState.existing;
  const r = await api('GET', `/api/v1/evidence${query({ unit: sheetState.unit, limit: 500 })}`);
  sheetState.existing = r.status === 200 && r.data ? r.data.evidence : [];
  return sheetState.existing;
}

// A picker that links one of the unit's existing files to the leaf n
// instead of uploading it again (filled when first opened).
function existingPicker(n, msg) {
  const box = el('div', 'existing-evidence');
  const sel = el('select');
  sel.id = `existing-${n.code}`;
  sel.setAttribute('aria-label', t('ps_existing'));
  const first = el('option', '', t('ps_existing'));
  first.value = '';
  sel.append(first);
  const btn = el('button', 'secondary', t('ps_link'));
  btn.type = 'button';
  btn.disabled = true;
  let filled = false;
  const fill = async () => {
    if (filled) return;
    filled = true;
    const linked = new Set((n.evidence || []).map((f) => f.id));
    const list = (await existingEvidence()).filter((f) => !linked.has(f.id));
    if (!list.length) first.textContent = t('ps_existing_none');
    for (const f of list) {
      const o = el('option', '', `${f.filename} — ${formatDateTime(f.created_at)}`);
      o.value = String(f.id);
      sel.append(o);
    }
  };
  sel.addEventListener('focus', fill);
  sel.addEventListener('pointerdown', fill);
  sel.addEventListener('change', () => {
    btn.disabled = !sel.value;
  });
  btn.addEventListener('click', async () => {
    if (!sel.value) return;
    await post('evidence', { code: n.code, evidence_id: Number(sel.value) }, msg);
  });
  box.append(sel, btn);
  return box;
}

// A file input that uploads what is chosen for target (see upload).
function fileInput(id, target, msg) {
  const inp = el('input');
  inp.type = 'file';
  inp.multiple = true;
  inp.id = id;
  inp.setAttribute('aria-label', t('ps_upload'));
  inp.accept = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';
  inp.addEventListener('change', () => upload(target, [...inp.files], msg));
  return inp;
}

function files(list) {
  const ul = el('ul', 'files');
  for (const f of list || []) {
    const li = el('li');
    const a = el('a', null, f.filename);
    a.href = `/api/v1/evidence/${f.id}/content`;
    li.append(a);
    ul.append(li);
  }
  return ul;
}

// ---- one leaf ----------------------------------------------------------------

function selfPart(n, d, box) {
  const can = d.can;
  const msg = el('p', 'form-error');
  msg.setAttribute('role', 'alert');
  msg.hidden = true;
  if (n.source === 'survey') {
    box.append(el('p', 'muted', t('ps_survey')));
    return;
  }
  if (n.measured) {
    const p = el('p', 'figure');
    p.append(t('ps_figure', formatNumber(n.measured.value, 2), n.measured.period), ' · ');
    const a = el('a', null, t('ps_figure_source'));
    a.href = n.measured.link;
    a.target = '_blank';
    a.rel = 'noopener';
    p.append(a);
    if (n.suggested !== null) p.append(' · ', t('ps_suggested', num(n.suggested)));
    box.append(p);
  }
  const row = el('div', 'score-row');
  const id = `self-${n.code}`;
  const lab = el('label', null, t('ps_self'));
  lab.htmlFor = id;
  const ctl = scoreControl(n, id, n.self);
  ctl.disabled = !can.self;
  const note = el('input');
  note.type = 'text';
  note.id = `note-${n.code}`;
  note.placeholder = t('ps_note');
  note.setAttribute('aria-label', t('ps_note'));
  note.value = n.self_note || '';
  note.disabled = !can.self;
  row.append(lab, ctl, note);
  if (can.self) {
    const save = el('button', 'btn btn-small', t('ps_save'));
    save.type = 'button';
    save.className = 'btn btn-small ps-save';
    save.addEventListener('click', async () => {
      const v = readScore(n, ctl);
      if (v.error) return showError(msg, v.error);
      await post('scores', { code: n.code, points: v.value, note: note.value }, msg);
    });
    row.append(save);
    if (n.measured && n.suggested !== null) {
      const acc = el('button', 'btn btn-small btn-secondary ps-accept', t('ps_accept'));
      acc.type = 'button';
      acc.addEventListener('click', () => post('scores', { code: n.code, accept: true }, msg));
      row.append(acc);
    }
  }
  box.append(row, msg);
}

function appraisePart(n, d, box) {
  const lines = [
    ['1', n.round1, n.round1_reason],
    ['2', n.round2, n.round2_reason],
    ['final', n.final, n.final_reason],
  ];
  for (const [r, v, why] of lines) if (v !== null) box.append(el('p', 'appraised', t('ps_appraised', r, num(v), why)));
  if (!n.may_appraise || !d.can.appraise) return;
  const msg = el('p', 'form-error');
  msg.setAttribute('role', 'alert');
  msg.hidden = true;
  const row = el('div', 'score-row appraise-row');
  const id = `appr-${n.code}`;
  const lab = el('label', null, t('ps_appraise'));
  lab.htmlFor = id;
  const cur = n.final ?? n.round2 ?? n.round1 ?? n.self;
  const ctl = scoreControl(n, id, cur);
  const why = el('input');
  why.type = 'text';
  why.id = `reason-${n.code}`;
  why.placeholder = t('ps_reason');
  why.setAttribute('aria-label', t('ps_reason'));
  const save = el('button', 'btn btn-small ps-appraise', t('ps_appraise_save'));
  save.type = 'button';
  save.addEventListener('click', async () => {
    const v = readScore(n, ctl);
    if (v.error) return showError(msg, v.error);
    if (!why.value.trim()) return showError(msg, localError('par.reason_required', 'ps_reason_missing'));
    await post('appraisals', { code: n.code, points: v.value, reason: why.value }, msg);
  });
  row.append(lab, ctl, why, save);
  const req = el('div', 'score-row');
  const text = el('input');
  text.type = 'text';
  text.id = `request-${n.code}`;
  text.placeholder = t('ps_request');
  text.setAttribute('aria-label', t('ps_request'));
  const send = el('button', 'btn btn-small btn-secondary ps-request', t('ps_request_send'));
  send.type = 'button';
  send.addEventListener('click', () => post('explanations', { code: n.code, request: text.value }, msg));
  req.append(text, send);
  box.append(row, req, msg);
}

function explainPart(n, d, box) {
  const x = n.explain;
  if (!x) return;
  const div = el('div', 'explain');
  div.append(el('p', 'strong', t('ps_explain_req', x.round)), el('p', null, x.request));
  if (x.answer) div.append(el('p', 'strong', t('ps_explain_ans')), el('p', 'explain-answer', x.answer));
  if (x.state === 'requested' && d.can.answer) {
    const msg = el('p', 'form-error');
    msg.hidden = true;
    const ta = el('textarea');
    ta.id = `answer-${n.code}`;
    ta.rows = 2;
    ta.setAttribute('aria-label', t('ps_answer'));
    const send = el('button', 'btn btn-small ps-answer', t('ps_answer_send'));
    send.type = 'button';
    send.addEventListener('click', () => post('explanations', { code: n.code, answer: ta.value }, msg));
    div.append(ta, send, msg);
  }
  box.append(div);
}

function evidencePart(n, d, box) {
  const div = el('div', 'evidence');
  div.append(el('span', 'muted', `${t('ps_evidence')}: `));
  if (n.evidence_required) div.append(el('span', 'small', t('ps_evidence_required', n.evidence_required)));
  div.append(files(n.evidence));
  if (d.can.self) {
    const msg = el('p', 'form-error');
    msg.hidden = true;
    div.append(fileInput(`files-${n.code}`, n, msg), existingPicker(n, msg), msg);
  }
  box.append(div);
}

// The leaf's change history (who, when, old → new, why), loaded when opened.
function historyPart(n) {
  const det = el('details', 'ps-history');
  det.append(el('summary', 'small', t('ps_history')));
  det.addEventListener('toggle', async () => {
    if (!det.open || det.dataset.loaded) return;
    det.dataset.loaded = '1';
    const r = await api('GET', `${base()}/history${query({ code: n.code })}`);
    const items = (r.status === 200 && r.data.items) || [];
    if (!items.length) {
      det.append(el('p', 'small muted', t('ps_history_none')));
      return;
    }
    const ul = el('ul', 'small');
    for (const x of items) {
      const field = t('ps_fields')[x.field] || x.field;
      const change = x.field.startsWith('explain') ? field : t('ps_change', field, num(x.old), num(x.new));
      const li = el('li', null, `${formatDateTime(x.at)} · ${x.author} · ${change}`);
      if (x.reason) li.append(el('span', 'muted', ` — ${x.reason}`));
      ul.append(li);
    }
    det.append(ul);
  });
  return det;
}

// The standing agency marks a leaf (not) applicable to the unit, with a
// reason: the leaf then leaves (or rejoins) both the score and the maximum.
function applicablePart(n, d, box) {
  if (!d.can.final || (!n.applies && !n.not_applicable)) return;
  const msg = el('p', 'form-error');
  msg.setAttribute('role', 'alert');
  msg.hidden = true;
  const row = el('div', 'score-row ps-na-row');
  const why = el('input');
  why.type = 'text';
  why.id = `na-reason-${n.code}`;
  why.placeholder = t('ps_na_reason');
  why.setAttribute('aria-label', t('ps_na_reason'));
  const undo = !!n.not_applicable;
  const b = el('button', 'btn btn-small btn-secondary ps-na', t(undo ? 'ps_na_undo' : 'ps_na_mark'));
  b.type = 'button';
  b.addEventListener('click', () => {
    if (!why.value.trim()) return showError(msg, localError('par.reason_required', 'ps_reason_missing'));
    return post('applicable', { code: n.code, applicable: undo, reason: why.value }, msg);
  });
  row.append(why, b);
  box.append(row, msg);
}

function leaf(n, d) {
  const li = el('li', 'ps-leaf');
  li.dataset.code = n.code;
  const head = el('div', 'ps-leaf-head');
  head.append(
    el('span', 'task-no', n.code),
    el('span', 'ps-name', n.name),
    el('span', 'muted', t('ps_max', num(n.max))),
  );
  li.append(head);
  if (!n.applies || n.not_applicable) {
    li.append(el('p', 'muted', t('ps_na', n.na_reason)));
    applicablePart(n, d, li);
    return li;
  }
  selfPart(n, d, li);
  appraisePart(n, d, li);
  explainPart(n, d, li);
  evidencePart(n, d, li);
  li.append(el('p', 'ps-points', t('ps_points', num(n.points), t('ps_from')[n.from] || '')));
  applicablePart(n, d, li);
  li.append(historyPart(n));
  return li;
}

function matches(n) {
  const f = sheetState.filter;
  if (!f) return true;
  const appr = n.final ?? n.round2 ?? n.round1;
  if (f === 'todo') return n.source !== 'survey' && (n.self === null || (n.may_appraise && appr === null));
  if (f === 'changed') return appr !== null && appr !== n.self;
  if (f === 'explain') return !!n.explain;
  return true;
}

// The tree: areas and criteria as <details>, leaves as list items.
function tree(d) {
  const root = el('div', 'ps-tree');
  const stack = [{ depth: 0, box: root }];
  for (const n of d.nodes) {
    while (stack.length > 1 && stack[stack.length - 1].depth >= n.depth) stack.pop();
    const parent = stack[stack.length - 1].box;
    if (n.leaf) {
      if (!matches(n)) continue;
      let ul = parent.lastElementChild;
      if (!ul || ul.tagName !== 'UL') {
        ul = el('ul', 'ps-leaves');
        parent.append(ul);
      }
      ul.append(leaf(n, d));
      continue;
    }
    const det = el('details', `ps-node ps-depth-${n.depth}`);
    det.dataset.code = n.code;
    det.open = !sheetState.closed.has(n.code);
    det.addEventListener('toggle', () => {
      if (det.open) sheetState.closed.delete(n.code);
      else sheetState.closed.add(n.code);
    });
    const sum = el('summary');
    sum.append(
      el('span', 'task-no', n.code),
      el('span', 'ps-name', n.name),
      el('span', 'ps-sum', `${num(n.points)}/${num(n.applicable_max)}`),
    );
    det.append(sum);
    parent.append(det);
    stack.push({ depth: n.depth, box: det });
  }
  return root;
}

function adjustments(d) {
  const sec = el('section', 'ps-adjust');
  for (const kind of ['bonus', 'penalty']) {
    const a = d[kind];
    const box = el('div', `ps-adj ps-adj-${kind}`);
    const row = el('div', 'score-row');
    const id = `adj-${kind}`;
    const lab = el('label', null, t(kind === 'bonus' ? 'ps_bonus' : 'ps_penalty'));
    lab.htmlFor = id;
    const inp = el('input');
    inp.type = 'text';
    inp.inputMode = 'decimal';
    inp.id = id;
    inp.value = String(a.points ?? 0).replace('.', ',');
    const why = el('input');
    why.type = 'text';
    why.id = `${id}-reason`;
    why.value = a.reason || '';
    why.placeholder = t('ps_reason');
    why.setAttribute('aria-label', t('ps_reason'));
    const msg = el('p', 'form-error');
    msg.setAttribute('role', 'alert');
    msg.hidden = true;
    row.append(lab, inp, why);
    if (d.can[kind]) {
      const b = el('button', 'btn btn-small', t('ps_adjust_save'));
      b.type = 'button';
      b.addEventListener('click', () => {
        const v = inp.value.trim() ? parseDecimal(inp.value) : 0;
        if (!Number.isFinite(v) || v < 0) return showError(msg, localError('par.number', 'ps_adjust_bad'));
        return post('adjustments', { kind, points: v, reason: why.value }, msg);
      });
      row.append(b);
    } else {
      inp.disabled = true;
      why.disabled = true;
    }
    // the evidence of the bonus (the unit) or the penalty (the standing agency)
    const ev = el('div', 'evidence');
    ev.id = `adj-${kind}-evidence`;
    ev.append(el('span', 'muted', `${t('ps_evidence')}: `), files(a.evidence));
    if (d.can[kind]) ev.append(fileInput(`adj-${kind}-files`, kind, msg));
    box.append(row, ev, msg);
    sec.append(box);
  }
  return sec;
}

function footer(d) {
  const sec = el('section', 'ps-footer');
  const lab = el('label', null, t('ps_difficulties'));
  lab.htmlFor = 'ps-difficulties';
  const ta = el('textarea');
  ta.id = 'ps-difficulties';
  ta.rows = 3;
  ta.value = d.difficulties || '';
  const msg = el('p', 'form-error');
  msg.setAttribute('role', 'alert');
  msg.hidden = true;
  sec.append(lab, ta);
  const rep = el('div', 'evidence');
  rep.id = 'ps-report-evidence';
  rep.append(el('span', 'muted', `${t('ps_report_files')}: `), files(d.report_evidence));
  if (d.can.self) rep.append(fileInput('ps-report-files', 'report', msg));
  sec.append(rep);
  if (d.can.self) {
    const save = el('button', 'btn btn-small', t('ps_save'));
    save.type = 'button';
    save.addEventListener('click', () => post('text', { difficulties: ta.value }, msg));
    sec.append(save);
    const sub = el('button', 'btn btn-primary', t('ps_submit'));
    sub.type = 'button';
    sub.id = 'ps-submit';
    sub.addEventListener('click', () => {
      if (window.confirm(t('ps_submit_confirm'))) post('submit', { submit: true }, msg);
    });
    sec.append(el('p'), sub);
  } else {
    ta.disabled = true;
  }
  if (d.can.reopen) {
    const why = el('input');
    why.type = 'text';
    why.placeholder = t('ps_reopen_reason');
    why.setAttribute('aria-label', t('ps_reopen_reason'));
    const b = el('button', 'btn btn-secondary', t('ps_reopen'));
    b.type = 'button';
    b.addEventListener('click', () => post('submit', { submit: false, reason: why.value }, msg));
    sec.append(el('p'), why, b);
  }
  sec.append(msg);
  const docs = el('p', 'ps-docs');
  docs.append(t('ps_docs'), ' ');
  for (const [f, k] of [
    ['report.docx', 'ps_doc_docx'],
    ['report.pdf', 'ps_doc_pdf'],
    ['table.xlsx', 'ps_doc_xlsx'],
  ]) {
    const a = el('a', null, t(k));
    a.href = `${base()}/${f}`;
    docs.append(a, ' · ');
  }
  sec.append(docs);
  return sec;
}

// For those who appraise some of the sheet: which round is open, or why
// none is (the appraisal controls show only in an open round, except the
// standing agency's final values).
function roundLine(d) {
  if (d.campaign.published || !d.nodes.some((n) => n.may_appraise)) return null;
  const r = d.appraisal_round;
  let text;
  if (r) text = t('ps_round_open', r, formatDate(d.deadlines[`round${r}`].last_day));
  else if (!d.campaign.finalised && d.deadlines.round2.open)
    text = t('ps_round_wait', formatDate(d.deadlines.self.last_day));
  else text = t('ps_round_none');
  const p = el('p', r ? 'muted ps-round' : 'notice notice-warn ps-round', text);
  p.id = 'ps-round';
  return p;
}

export function renderSheet() {
  const d = sheetState.data;
  const view = $('par-view');
  view.replaceChildren();
  const back = el('a', null, t('ps_back'));
  back.href = `#/chi-so-cchc/${sheetState.campaign}`;
  view.append(back);
  view.append(el('h1', null, t('ps_title', d.unit.name)));
  view.append(
    el('p', 'muted', `${d.campaign.name} · ${d.state === 'submitted' ? t('ps_state_submitted') : t('ps_state_draft')}`),
  );
  const dl = d.deadlines.self;
  view.append(el('p', 'muted', t('ps_deadline', formatDate(dl.last_day)) + (dl.extended ? t('ps_extended') : '')));
  const round = roundLine(d);
  if (round) view.append(round);
  const p = d.progress;
  const bar = el('div', 'progress');
  bar.setAttribute('role', 'progressbar');
  bar.setAttribute('aria-valuemin', '0');
  bar.setAttribute('aria-valuemax', String(p.leaves));
  bar.setAttribute('aria-valuenow', String(p.scored));
  const fill = el('div', 'progress-bar');
  fill.style.width = `${p.leaves ? Math.round((100 * p.scored) / p.leaves) : 0}%`;
  bar.append(fill);
  view.append(bar, el('p', 'ps-progress', t('ps_progress', p)));
  if (d.result) view.append(el('p', 'ps-result strong', t('ps_result', d.result)));
  const f = el('div', 'field field-inline');
  const fl = el('label', null, t('ps_filter'));
  fl.htmlFor = 'ps-filter';
  const fs = el('select');
  fs.id = 'ps-filter';
  for (const [v, k] of [
    ['', 'ps_filter_all'],
    ['todo', 'ps_filter_todo'],
    ['changed', 'ps_filter_changed'],
    ['explain', 'ps_filter_explain'],
  ])
    fs.append(new Option(t(k), v));
  fs.value = sheetState.filter;
  fs.addEventListener('change', () => {
    sheetState.filter = fs.value;
    renderSheet();
  });
  f.append(fl, fs);
  view.append(f, tree(d));
  if (d.full) view.append(adjustments(d), footer(d));
}

export async function openSheet(campaign, unit, showLogin) {
  if (sheetState.campaign !== campaign || sheetState.unit !== unit) sheetState.closed.clear();
  sheetState.campaign = campaign;
  sheetState.unit = unit;
  sheetState.existing = null;
  const view = $('par-view');
  view.replaceChildren(el('p', 'muted', t('loading')));
  const seq = ask();
  const r = await api('GET', base());
  if (!newest(seq)) return;
  if (r.status === 401) return showLogin();
  if (r.status !== 200) {
    const msg = el('p', 'form-error');
    view.replaceChildren(msg);
    showError(msg, errorOf(r));
    return;
  }
  sheetState.data = r.data;
  renderSheet();
}

export function rerenderSheet() {
  if (sheetState.data && !$('par-view').hidden && location.hash.includes('/phieu/')) renderSheet();
}
