// lookup.js - the public dossier lookup (tra cứu hồ sơ, route #/tra-cuu):
// a citizen enters the dossier code (MaHoSo) and sees its status and the
// appointment date. No session needed: GET /api/v1/public/dossiers/{code}.
// Errors (empty code, unknown code, server failure) are shown in place and
// the typed code is kept.

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
    lookup_title: 'Tra cứu tình trạng hồ sơ',
    lookup_hint: 'Nhập mã hồ sơ ghi trên giấy tiếp nhận hồ sơ và hẹn trả kết quả.',
    lookup_label: 'Mã hồ sơ',
    lookup_placeholder: 'Ví dụ: H0001-2024-00000123',
    lookup_example: 'Mã hồ sơ gồm chữ và số, ví dụ H0001-2024-00000123.',
    lookup_submit: 'Tra cứu',
    lookup_busy: 'Đang tra cứu…',
    lookup_result_title: 'Kết quả tra cứu',
    lookup_code: 'Mã hồ sơ',
    lookup_status: 'Tình trạng',
    lookup_appointment: 'Ngày hẹn trả kết quả',
    lookup_procedure: 'Thủ tục',
    lookup_agency: 'Cơ quan tiếp nhận',
    lookup_received: 'Ngày tiếp nhận',
    lookup_history: 'Quá trình xử lý',
    lookup_no_appointment: 'Chưa có ngày hẹn trả',
    lookup_back: 'Cán bộ: đăng nhập hệ thống',
    lookup_empty: 'Vui lòng nhập mã hồ sơ.',
    lookup_not_found: (code) =>
      `Không tìm thấy hồ sơ có mã «${code}». Vui lòng kiểm tra lại mã ` + 'ghi trên giấy tiếp nhận hồ sơ.',
    lookup_server: 'Hệ thống đang gặp sự cố, chưa tra cứu được. Vui lòng thử lại sau ít phút.',
  },
  en: {
    lookup_title: 'Dossier status lookup',
    lookup_hint: 'Enter the dossier code printed on the receipt and appointment slip.',
    lookup_label: 'Dossier code',
    lookup_placeholder: 'e.g. H0001-2024-00000123',
    lookup_example: 'The code has letters and digits, e.g. H0001-2024-00000123.',
    lookup_submit: 'Look up',
    lookup_busy: 'Looking up…',
    lookup_result_title: 'Result',
    lookup_code: 'Dossier code',
    lookup_status: 'Status',
    lookup_appointment: 'Appointment for the result',
    lookup_procedure: 'Procedure',
    lookup_agency: 'Receiving agency',
    lookup_received: 'Received on',
    lookup_history: 'Processing history',
    lookup_no_appointment: 'No appointment date yet',
    lookup_back: 'Officials: log in',
    lookup_empty: 'Please enter the dossier code.',
    lookup_not_found: (code) => `No dossier with code “${code}”. Please check the code on the ` + 'receipt.',
    lookup_server: 'The system has a problem and cannot look up dossiers now. Please try again ' + 'in a few minutes.',
  },
});

const view = {
  result: null, // last dossier shown
  error: null, // {main, detail} error objects shown
};

function setBusy(busy) {
  const btn = $('lookup-submit');
  btn.disabled = busy;
  btn.textContent = busy ? t('lookup_busy') : t('lookup_submit');
  $('lookup-form').setAttribute('aria-busy', String(busy));
}

function showLookupError(main, detail) {
  view.error = main ? { main, detail } : null;
  const box = $('lookup-error');
  const input = $('lookup-code');
  if (!main) {
    box.hidden = true;
    input.removeAttribute('aria-invalid');
    input.setAttribute('aria-describedby', 'lookup-example');
    return;
  }
  showError($('lookup-error-text'), main);
  const d = $('lookup-error-detail');
  if (detail) showError(d, detail);
  else showError(d, null);
  box.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.setAttribute('aria-describedby', 'lookup-error-text lookup-example');
}

function renderResult() {
  const d = view.result;
  const box = $('lookup-result');
  if (!d) {
    box.hidden = true;
    return;
  }
  $('lookup-res-code').textContent = d.code || '';
  const label = state.lang === 'en' ? d.status_label_en || d.status_label : d.status_label;
  $('lookup-res-status').textContent = label || String(d.status ?? '—');
  $('lookup-res-appointment').textContent = d.appointment ? formatDateTime(d.appointment) : t('lookup_no_appointment');
  $('lookup-res-procedure').textContent = d.procedure ? d.procedure.name : '—';
  $('lookup-res-agency').textContent = d.agency ? d.agency.name : '—';
  $('lookup-res-received').textContent = d.received ? formatDateTime(d.received) : '—';
  const history = $('lookup-res-history');
  history.replaceChildren(
    ...(d.history || []).map((h) => {
      const li = el('li');
      li.append(
        el('span', 'lookup-when', formatDateTime(h.at)),
        ' ',
        el('span', null, state.lang === 'en' ? h.label_en || h.label : h.label),
      );
      return li;
    }),
  );
  box.hidden = false;
}

async function onSubmit(ev) {
  ev.preventDefault();
  const input = $('lookup-code');
  const code = input.value.trim();
  view.result = null;
  renderResult();
  showLookupError(null);
  if (!code) {
    showLookupError(localError('lookup.empty', 'lookup_empty'));
    input.focus();
    return;
  }
  setBusy(true);
  // the code travels as a query parameter: any character the citizen types
  // ("/" included) gets the usual answer, never a path of the server
  const r = await api('GET', `/api/v1/public/dossiers${query({ code })}`);
  setBusy(false);
  if (r.status === 200 && r.data && typeof r.data === 'object') {
    view.result = r.data.dossier ?? r.data;
    renderResult();
    $('lookup-result').focus();
    return;
  }
  if (r.status === 404) {
    // our own wording, once, with the citizen's code in it
    showLookupError(localError('lookup.not_found', 'lookup_not_found', code));
  } else if (r.status >= 500) {
    showLookupError(localError('lookup.server', 'lookup_server'), errorOf(r));
  } else {
    showLookupError(errorOf(r)); // 400 (malformed code), 429, network...
  }
  input.focus();
  input.select();
}

export function openLookup() {
  const input = $('lookup-code');
  if (!view.result) input.focus();
}

export function initLookup() {
  $('lookup-form').addEventListener('submit', onSubmit);
  onLangChange(() => {
    setBusy($('lookup-submit').disabled);
    if (view.error) showLookupError(view.error.main, view.error.detail);
    renderResult();
  });
}
