// feedback.js - phản ánh, kiến nghị for citizens (issue 18 item 2; routes
// #/phan-anh and #/phan-anh/{code}): a person or a business sends feedback
// or a recommendation about a procedure, a unit or an official, gets a
// tracking code, and later follows it: the question the officials asked
// (answered here), the answer once published, and a rating of the handling.
// Files are attached through the evidence checks. No session needed.
// API: POST /api/v1/feedback, GET /api/v1/public/feedback/{code},
// POST …/info, …/attachments, …/rating.

import {
  $,
  addText,
  api,
  el,
  errorOf,
  formatDateTime,
  localError,
  onLangChange,
  query,
  showError,
  state,
  t,
} from './core.js';

addText({
  vi: {
    fb_title: 'Gửi phản ánh, kiến nghị',
    fb_hint:
      'Phản ánh về thủ tục, cơ quan hoặc công chức; kiến nghị cải tiến. Sau khi gửi, anh/chị nhận một mã để theo dõi.',
    fb_kind: 'Loại',
    fb_kinds: { phan_anh: 'Phản ánh', kien_nghi: 'Kiến nghị' },
    fb_unit: 'Cơ quan, đơn vị nhận',
    fb_unit_pick: '— Chọn cơ quan, đơn vị —',
    fb_about: 'Nội dung liên quan đến',
    fb_abouts: {
      '': '— Không chọn —',
      procedure: 'Một thủ tục hành chính',
      unit: 'Cơ quan, đơn vị',
      official: 'Một công chức',
      other: 'Việc khác',
    },
    fb_about_ref: 'Mã thủ tục hoặc tên công chức (nếu có)',
    fb_subject: 'Tiêu đề',
    fb_content: 'Nội dung',
    fb_name: 'Họ và tên (không bắt buộc)',
    fb_contact: 'Số điện thoại hoặc thư điện tử (không bắt buộc)',
    fb_private: 'Họ tên và liên lạc chỉ cán bộ xử lý được xem, không công khai.',
    fb_submit: 'Gửi phản ánh, kiến nghị',
    fb_busy: 'Đang gửi…',
    fb_missing: 'Vui lòng chọn cơ quan nhận và nhập tiêu đề.',
    fb_sent: (code) => `Đã gửi. Mã theo dõi của anh/chị: ${code}. Hãy ghi lại mã này để xem kết quả trả lời.`,
    fb_track_title: 'Theo dõi phản ánh, kiến nghị',
    fb_track_label: 'Mã theo dõi',
    fb_track_submit: 'Xem tình trạng',
    fb_status: 'Tình trạng',
    fb_received: 'Ngày tiếp nhận',
    fb_due: 'Hạn trả lời',
    fb_answer: 'Nội dung trả lời',
    fb_published: 'Ngày công khai',
    fb_info_request: 'Cơ quan đề nghị bổ sung thông tin',
    fb_info_label: 'Thông tin bổ sung',
    fb_info_submit: 'Gửi thông tin bổ sung',
    fb_attach_label: 'Đính kèm tệp (PDF, Word, Excel, ảnh PNG/JPEG; tối đa 5 MB, 3 tệp)',
    fb_attach_submit: 'Tải tệp lên',
    fb_attached: (n) => `Đã đính kèm ${n} tệp.`,
    fb_rate: 'Đánh giá việc giải quyết',
    fb_rated: 'Cảm ơn anh/chị đã đánh giá.',
    fb_not_found: 'Không tìm thấy phản ánh với mã này. Vui lòng kiểm tra lại.',
    fb_go_track: 'Đã có mã? Theo dõi phản ánh, kiến nghị',
    fb_go_send: 'Gửi phản ánh, kiến nghị mới',
    fb_trap: 'Để trống ô này',
  },
  en: {
    fb_title: 'Send feedback or a recommendation',
    fb_hint:
      'Feedback on a procedure, an agency or an official; recommendations for improvement. You get a code to follow it.',
    fb_kind: 'Kind',
    fb_kinds: { phan_anh: 'Feedback', kien_nghi: 'Recommendation' },
    fb_unit: 'Agency addressed',
    fb_unit_pick: '— Choose an agency —',
    fb_about: 'About',
    fb_abouts: {
      '': '— None —',
      procedure: 'An administrative procedure',
      unit: 'An agency',
      official: 'An official',
      other: 'Something else',
    },
    fb_about_ref: 'Procedure code or the official’s name (if any)',
    fb_subject: 'Subject',
    fb_content: 'Details',
    fb_name: 'Full name (optional)',
    fb_contact: 'Phone or e-mail (optional)',
    fb_private: 'Only the officials handling it see your name and contact; they are never published.',
    fb_submit: 'Send',
    fb_busy: 'Sending…',
    fb_missing: 'Please choose the agency and enter a subject.',
    fb_sent: (code) => `Sent. Your tracking code: ${code}. Keep it to see the answer.`,
    fb_track_title: 'Follow feedback',
    fb_track_label: 'Tracking code',
    fb_track_submit: 'See status',
    fb_status: 'Status',
    fb_received: 'Received on',
    fb_due: 'Answer due',
    fb_answer: 'Answer',
    fb_published: 'Published on',
    fb_info_request: 'The agency asks for more information',
    fb_info_label: 'More information',
    fb_info_submit: 'Send the information',
    fb_attach_label: 'Attach a file (PDF, Word, Excel, PNG/JPEG image; at most 5 MB, 3 files)',
    fb_attach_submit: 'Upload',
    fb_attached: (n) => `${n} file(s) attached.`,
    fb_rate: 'Rate the handling',
    fb_rated: 'Thank you for your rating.',
    fb_not_found: 'No feedback with this code. Please check it.',
    fb_go_track: 'Have a code? Follow your feedback',
    fb_go_send: 'Send new feedback',
    fb_trap: 'Leave this empty',
  },
});

const view = { units: null, item: null, notice: null, seq: 0 };

function labelled(id, text, control) {
  const f = el('div', 'field');
  const l = el('label', null, text);
  control.id = id;
  l.htmlFor = id;
  f.append(l, control);
  return f;
}

function input(type = 'text') {
  const i = el('input');
  i.type = type;
  i.autocomplete = 'off';
  return i;
}

function trapField() {
  // hidden from people and from screen readers; robots fill it
  const f = el('div', 'hp-field');
  f.setAttribute('aria-hidden', 'true');
  const i = input();
  i.name = 'website';
  i.id = 'fb-website';
  i.tabIndex = -1;
  const l = el('label', null, t('fb_trap'));
  l.htmlFor = 'fb-website';
  f.append(l, i);
  return f;
}

async function loadUnits() {
  if (view.units) return view.units;
  const r = await api('GET', '/api/v1/public/units');
  view.units = r.status === 200 && r.data ? r.data.units : [];
  return view.units;
}

function submitForm(units) {
  const f = el('form', 'citizen-form');
  f.id = 'fb-form';
  f.noValidate = true;
  const kind = el('select');
  for (const [k, v] of Object.entries(t('fb_kinds'))) kind.append(new Option(v, k));
  const unit = el('select');
  unit.append(new Option(t('fb_unit_pick'), ''));
  for (const u of units) unit.append(new Option(u.name, u.code));
  const about = el('select');
  for (const [k, v] of Object.entries(t('fb_abouts'))) about.append(new Option(v, k));
  const subject = input();
  subject.maxLength = 200;
  const content = el('textarea');
  content.rows = 6;
  const err = el('div', 'form-error');
  err.id = 'fb-error';
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const btn = el('button', 'btn btn-primary', t('fb_submit'));
  btn.type = 'submit';
  btn.id = 'fb-submit';
  f.append(
    labelled('fb-kind', t('fb_kind'), kind),
    labelled('fb-unit', t('fb_unit'), unit),
    labelled('fb-about', t('fb_about'), about),
    labelled('fb-about-ref', t('fb_about_ref'), input()),
    labelled('fb-subject', t('fb_subject'), subject),
    labelled('fb-content', t('fb_content'), content),
    labelled('fb-name', t('fb_name'), input()),
    labelled('fb-contact', t('fb_contact'), input()),
    el('p', 'field-help', t('fb_private')),
    trapField(),
    err,
    btn,
  );
  f.addEventListener('submit', onSubmit);
  return f;
}

async function onSubmit(ev) {
  ev.preventDefault();
  const body = {
    kind: $('fb-kind').value,
    unit: $('fb-unit').value,
    about: $('fb-about').value,
    about_ref: $('fb-about-ref').value,
    subject: $('fb-subject').value,
    content: $('fb-content').value,
    sender_name: $('fb-name').value,
    sender_contact: $('fb-contact').value,
    website: $('fb-website').value,
  };
  const err = $('fb-error');
  if (!body.unit || !body.subject.trim()) {
    showError(err, localError('form.missing', 'fb_missing'));
    (body.unit ? $('fb-subject') : $('fb-unit')).focus();
    return;
  }
  const btn = $('fb-submit');
  btn.disabled = true;
  btn.textContent = t('fb_busy');
  const r = await api('POST', '/api/v1/feedback', body);
  btn.disabled = false;
  btn.textContent = t('fb_submit');
  if (r.status === 201 && r.data) {
    const code = r.data.code;
    view.notice = () => t('fb_sent', code);
    location.hash = `#/phan-anh/${code}`;
    return;
  }
  showError(err, errorOf(r));
}

function dl(rows) {
  const d = el('dl', 'result-list');
  for (const [k, v, id] of rows) {
    const w = el('div');
    const dd = el('dd', null, v);
    if (id) dd.id = id;
    w.append(el('dt', null, k), dd);
    d.append(w);
  }
  return d;
}

function trackForm(code) {
  const f = el('form', 'citizen-form');
  f.id = 'fb-track-form';
  f.noValidate = true;
  const i = input();
  i.value = code || '';
  i.setAttribute('autocapitalize', 'characters');
  const btn = el('button', 'btn btn-secondary', t('fb_track_submit'));
  btn.type = 'submit';
  f.append(labelled('fb-track-code', t('fb_track_label'), i), btn);
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const c = $('fb-track-code').value.trim();
    if (c) location.hash = `#/phan-anh/${encodeURIComponent(c)}`;
  });
  return f;
}

function infoForm(code) {
  const f = el('form', 'citizen-form');
  f.id = 'fb-info-form';
  const ta = el('textarea');
  ta.rows = 4;
  const err = el('p', 'form-error');
  err.id = 'fb-info-error';
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const btn = el('button', 'btn btn-primary', t('fb_info_submit'));
  btn.type = 'submit';
  f.append(labelled('fb-info', t('fb_info_label'), ta), err, btn);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const r = await api('POST', `/api/v1/public/feedback/${encodeURIComponent(code)}/info`, {
      content: $('fb-info').value,
    });
    if (r.status === 200) show(r.data);
    else showError(err, errorOf(r));
  });
  return f;
}

function attachForm(code) {
  const f = el('form', 'citizen-form');
  f.id = 'fb-attach-form';
  const file = input('file');
  file.accept = '.pdf,.docx,.xlsx,.png,.jpg,.jpeg';
  const err = el('p', 'form-error');
  err.id = 'fb-attach-error';
  err.setAttribute('role', 'alert');
  err.hidden = true;
  const btn = el('button', 'btn btn-secondary', t('fb_attach_submit'));
  btn.type = 'submit';
  f.append(labelled('fb-attach', t('fb_attach_label'), file), err, btn);
  f.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const fl = $('fb-attach').files[0];
    if (!fl) return;
    const q = query({ filename: fl.name });
    const r = await api('POST', `/api/v1/public/feedback/${encodeURIComponent(code)}/attachments${q}`, fl);
    if (r.status === 201) show(r.data);
    else showError(err, errorOf(r));
  });
  return f;
}

function rateForm(code) {
  const f = el('div', 'rate-buttons');
  f.setAttribute('role', 'group');
  f.setAttribute('aria-label', t('fb_rate'));
  t('rate_levels').forEach((label, i) => {
    const b = el('button', 'btn btn-secondary', label);
    b.type = 'button';
    b.addEventListener('click', async () => {
      const r = await api('POST', `/api/v1/public/feedback/${encodeURIComponent(code)}/rating`, { rating: i + 1 });
      if (r.status === 200) {
        view.notice = () => t('fb_rated');
        load(code);
      }
    });
    f.append(b);
  });
  return f;
}

function show(d) {
  view.item = d;
  render();
}

function renderItem(box, d) {
  const label = state.lang === 'en' ? d.status_label_en || d.status_label : d.status_label;
  box.append(
    dl([
      [t('fb_track_label'), d.code, 'fb-res-code'],
      [t('fb_subject'), d.subject || '—'],
      [t('fb_status'), label, 'fb-res-status'],
      [t('fb_received'), formatDateTime(d.received)],
      [t('fb_due'), d.answer_due ? formatDateTime(d.answer_due) : '—'],
    ]),
  );
  if (d.info_request !== null && d.can_supply_info) {
    const s = el('section', 'notice notice-warn');
    s.append(el('h3', null, t('fb_info_request')), el('p', 'prewrap', d.info_request || '—'), infoForm(d.code));
    box.append(s);
  }
  if (d.answer) {
    const s = el('section', 'fb-answer');
    s.id = 'fb-res-answer';
    s.append(el('h3', null, t('fb_answer')), el('p', 'prewrap', d.answer));
    if (d.published) s.append(el('p', 'muted', `${t('fb_published')}: ${formatDateTime(d.published)}`));
    box.append(s);
  }
  if (d.attachments) box.append(el('p', 'muted', t('fb_attached', d.attachments)));
  if (d.can_attach) box.append(attachForm(d.code));
  if (d.can_rate) {
    box.append(el('h3', null, t('fb_rate')), rateForm(d.code));
  }
}

function render() {
  const box = $('citizen-view');
  box.replaceChildren();
  const m = /^#\/phan-anh\/(.+)$/.exec(location.hash);
  if (!m) {
    const h = el('h1', null, t('fb_title'));
    h.id = 'fb-title';
    box.append(h, el('p', 'muted', t('fb_hint')), submitForm(view.units || []));
    const a = el('a', null, t('fb_go_track'));
    a.href = '#/phan-anh/tra-cuu';
    const p = el('p', 'lookup-back');
    p.append(a);
    box.append(p);
    return;
  }
  const h = el('h1', null, t('fb_track_title'));
  h.id = 'fb-title';
  box.append(h);
  if (view.notice) {
    const p = el('p', 'notice notice-ok', view.notice());
    p.id = 'fb-notice';
    p.setAttribute('role', 'status');
    box.append(p);
  }
  const code = decodeURIComponent(m[1]);
  box.append(trackForm(code === 'tra-cuu' ? '' : code));
  const res = el('div', 'lookup-result');
  res.id = 'fb-result';
  res.setAttribute('aria-live', 'polite');
  if (view.item === 404) res.append(el('p', 'form-error', t('fb_not_found')));
  else if (view.item) renderItem(res, view.item);
  box.append(res);
  const a = el('a', null, t('fb_go_send'));
  a.href = '#/phan-anh';
  const p = el('p', 'lookup-back');
  p.append(a);
  box.append(p);
}

async function load(code) {
  const seq = ++view.seq;
  const r = await api('GET', `/api/v1/public/feedback/${encodeURIComponent(code)}`);
  if (seq !== view.seq) return;
  view.item = r.status === 200 ? r.data : r.status === 404 ? 404 : null;
  render();
}

export async function openFeedback() {
  const m = /^#\/phan-anh\/(.+)$/.exec(location.hash);
  view.item = null;
  if (!m) {
    view.notice = null;
    await loadUnits();
    render();
    $('fb-kind').focus();
    return;
  }
  render();
  const code = decodeURIComponent(m[1]);
  if (code !== 'tra-cuu') await load(code);
  view.notice = null;
}

onLangChange(() => {
  if (!$('citizen-view').hidden && location.hash.startsWith('#/phan-anh')) render();
});
