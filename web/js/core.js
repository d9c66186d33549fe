// core.js - what every page of the web UI shares: the language state and
// texts, the JSON API client (the only place that talks to the server),
// error objects and small DOM helpers (el, option, field).
// All text goes through textContent (never innerHTML): server data cannot
// inject markup.

// Texts by language; modules add theirs with addText().
export const TEXT = { vi: {}, en: {} };

export const state = {
  lang: 'vi',
  user: null,
};

const langListeners = [];

export function addText(texts) {
  Object.assign(TEXT.vi, texts.vi);
  Object.assign(TEXT.en, texts.en);
}

export function t(key, ...args) {
  const v = TEXT[state.lang][key] ?? TEXT.vi[key];
  return typeof v === 'function' ? v(...args) : v;
}

// fn() runs after every language change (to re-render dynamic text).
export function onLangChange(fn) {
  langListeners.push(fn);
}

export function loadLang() {
  try {
    const saved = localStorage.getItem('cchc.lang');
    if (saved === 'vi' || saved === 'en') state.lang = saved;
  } catch {
    // storage disabled: keep Vietnamese
  }
}

export function applyLang() {
  document.documentElement.lang = state.lang;
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  for (const node of document.querySelectorAll('[data-i18n-aria]')) {
    node.setAttribute('aria-label', t(node.dataset.i18nAria));
  }
  for (const btn of document.querySelectorAll('.lang-btn')) {
    btn.setAttribute('aria-pressed', String(btn.dataset.lang === state.lang));
  }
  for (const node of document.querySelectorAll('[data-error-shown]')) {
    if (node.errorObject) node.textContent = errorText(node.errorObject);
  }
  for (const fn of langListeners) fn();
}

export function setLang(lang) {
  state.lang = lang;
  try {
    localStorage.setItem('cchc.lang', lang);
  } catch {
    // ignore
  }
  applyLang();
}

// ---- API -------------------------------------------------------------------

// Every request of the UI goes through api() (the linter refuses fetch and
// XMLHttpRequest elsewhere). Returns {status, data}: data is the parsed JSON
// answer or null; status 0 on a network failure. Never throws.
// body: undefined (none), a Blob / File / ArrayBuffer (sent as raw bytes,
// application/octet-stream: uploads), or anything else (sent as JSON).
// opts.onProgress(percent | null, done) follows an upload's progress (through
// XMLHttpRequest, since fetch cannot report it); opts.contentType sends raw
// bytes with another type (a JSON or CSV file as the user chose it).
export async function api(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json' };
  let payload;
  if (body instanceof Blob || body instanceof ArrayBuffer) {
    headers['Content-Type'] = opts.contentType || 'application/octet-stream';
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (opts.onProgress) return sendWithProgress(method, path, headers, payload, opts.onProgress);
  let res;
  try {
    res = await fetch(path, { method, credentials: 'same-origin', headers, body: payload });
  } catch {
    return { status: 0, data: null };
  }
  let data = null;
  if ((res.headers.get('Content-Type') || '').includes('application/json')) {
    try {
      data = await res.json();
    } catch {
      data = null;
    }
  } else if (opts.blob) {
    // a file made on request (opts.blob): its bytes and the answer's headers
    return { status: res.status, data, blob: await res.blob(), headers: res.headers };
  }
  return { status: res.status, data };
}

function sendWithProgress(method, path, headers, payload, onProgress) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (ev) =>
      onProgress(ev.lengthComputable ? Math.round((ev.loaded / ev.total) * 100) : null, false);
    xhr.upload.onload = () => onProgress(100, true);
    xhr.onload = () => {
      let data = null;
      if ((xhr.getResponseHeader('Content-Type') || '').includes('application/json')) {
        try {
          data = JSON.parse(xhr.responseText);
        } catch {
          data = null;
        }
      }
      resolve({ status: xhr.status, data });
    };
    xhr.onerror = () => resolve({ status: 0, data: null });
    xhr.onabort = () => resolve({ status: 0, data: null });
    xhr.send(payload);
  });
}

// Uploads one evidence file attached to an object ({unit, type, id}:
// attached_type "task_assignment" / "target" and its id); resolves with
// api()'s answer (201 with {evidence: {id, ...}} when stored).
export function uploadEvidence(file, { unit, type, id }) {
  const q = query({ unit, attached_type: type, attached_id: id, filename: file.name });
  return api('POST', `/api/v1/evidence${q}`, file);
}

// A query string from an object, skipping null/undefined/'' values.
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

// A local error object in both languages.
export function localError(code, key, ...args) {
  return {
    code,
    message: TEXT.vi[key] instanceof Function ? TEXT.vi[key](...args) : TEXT.vi[key],
    message_en: TEXT.en[key] instanceof Function ? TEXT.en[key](...args) : TEXT.en[key],
  };
}

// The {code, message, message_en} of a failed answer, or a local one.
export function errorOf(resp) {
  const e = resp.data && resp.data.error;
  if (e && (e.message || e.message_en)) return e;
  if (resp.status === 0) return localError('network', 'network');
  return localError(`http.${resp.status}`, 'http_error', resp.status);
}

export function errorText(err) {
  return state.lang === 'en' ? err.message_en || err.message : err.message || err.message_en;
}

// ---- DOM and formatting ----------------------------------------------------

export const $ = (id) => document.getElementById(id);

export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

// An <option> of a <select>.
export function option(value, text, selected) {
  const o = el('option', null, text);
  o.value = value;
  o.selected = !!selected;
  return o;
}

let fieldIds = 0;

// A labelled control: <div class="field field-inline"><label for>…</label>
// control</div>. The control keeps its id, or gets `id`, or a generated one.
export function field(label, control, id) {
  const f = el('div', 'field field-inline');
  const l = el('label', null, label);
  if (id) control.id = id;
  else if (!control.id) control.id = `field-${++fieldIds}`;
  l.htmlFor = control.id;
  f.append(l, control);
  return f;
}

export function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// 'YYYY-MM-DD...' -> 'dd/mm/yyyy'.
export function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso || '';
}

// 'YYYY-MM-DDTHH:MM[:SS]' (local time, as the API writes it) ->
// 'dd/mm/yyyy HH:MM'; a date alone -> 'dd/mm/yyyy'. Parsed as text, so the
// browser's time zone never shifts it.
export function formatDateTime(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(iso || '');
  if (!m) return iso || '';
  const d = `${m[3]}/${m[2]}/${m[1]}`;
  return m[4] ? `${d} ${m[4]}:${m[5]}` : d;
}

// A rate or a value with at most `digits` decimals and no trailing zeros,
// in the UI's language: 93.456 -> "93,46", 95 -> "95" (vi).
export function formatPercent(n, digits = 2) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  return new Intl.NumberFormat(state.lang === 'en' ? 'en-US' : 'vi-VN', {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  }).format(Number(n));
}

// The comparison of a target as people write it: "≥", not ">=".
export function opSign(op) {
  return { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=', between: '↔', range: '↔' }[op] || op || '≥';
}

// "Tháng 3" / "Mar" for month 1..12, short "T3" when asked.
export function monthLabel(m, short = false) {
  if (state.lang === 'en') return new Date(2000, m - 1, 1).toLocaleString('en-GB', { month: 'short' });
  return short ? `T${m}` : `Tháng ${m}`;
}

// A number typed the Vietnamese way or the English way, whatever the
// browser's language: "98,5", "98.5", "1.234,5", "1,234.5", " 100 ". The
// last of "," and "." is the decimal separator when both appear; a lone
// separator followed by exactly three digits and preceded by 1-3 digits
// ("1.234") is a thousands separator only when asked (thousands = true).
// NaN for anything else.
export function parseDecimal(text, thousands = false) {
  const s = String(text ?? '')
    .trim()
    .replace(/\s+/g, '');
  if (!/^[+-]?[\d.,]+$/.test(s) || !/\d/.test(s)) return NaN;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let dec = Math.max(lastComma, lastDot);
  const seps = (s.match(/[.,]/g) || []).length;
  if (seps === 1 && thousands && /^[+-]?\d{1,3}[.,]\d{3}$/.test(s)) dec = -1;
  if (dec >= 0 && s.split(s[dec]).length > 2) dec = -1; // "1.234.567": all group separators
  let intPart = dec < 0 ? s : s.slice(0, dec);
  const frac = dec < 0 ? '' : s.slice(dec + 1);
  if (/[.,]/.test(frac)) return NaN;
  if (/[.,]/.test(intPart)) {
    // group separators: the other sign than the decimal one, groups of 3
    let sep = s.includes('.') ? '.' : ',';
    if (dec >= 0) sep = s[dec] === ',' ? '.' : ',';
    const alt = sep === '.' ? ',' : '.';
    if (intPart.includes(alt) || !new RegExp(`^[+-]?\\d{1,3}(\\${sep}\\d{3})+$`).test(intPart)) return NaN;
    intPart = intPart.split(sep).join('');
  }
  const v = Number(`${intPart}${frac ? `.${frac}` : ''}`);
  return Number.isFinite(v) ? v : NaN;
}

export function formatNumber(n, digits = 0) {
  if (n === null || n === undefined || Number.isNaN(Number(n))) return '—';
  return new Intl.NumberFormat(state.lang === 'en' ? 'en-US' : 'vi-VN', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Number(n));
}

// Accent-, case- and đ-insensitive key, as the server's search keys.
export function searchKey(s) {
  return (s || '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// ---- unsaved text ------------------------------------------------------------

// Text fields holding something the user typed and has not sent yet (a task
// note, later a report's text): leaving the page asks first (app.js for the
// routes, beforeunload for the tab).
const unsaved = new Set();

// Follows a text field: it counts as unsaved while it is on the page and
// not blank; a form that sent it successfully calls markSaved(field).
export function watchUnsaved(input) {
  input.addEventListener('input', () => {
    if (input.value.trim()) unsaved.add(input);
    else unsaved.delete(input);
  });
}

export function markSaved(input) {
  unsaved.delete(input);
}

export function hasUnsaved() {
  for (const i of [...unsaved]) if (!i.isConnected || !i.value.trim()) unsaved.delete(i);
  return unsaved.size > 0;
}

// Shows an error object in a message element (kept for re-rendering on a
// language change); null hides it.
export function showError(node, err) {
  node.errorObject = err;
  if (!err) {
    delete node.dataset.errorShown;
    node.hidden = true;
    node.textContent = '';
    return;
  }
  node.dataset.errorShown = '1';
  node.textContent = errorText(err);
  node.hidden = false;
}

// A previous / next bar with "from–to / total" between (the lists paged by
// the server). opts: { total, offset, size, go(offset), labels: { range,
// prev, next } (text keys; range takes from, to, total), ids: an id prefix
// for the range and buttons (`${ids}-range`, `-prev`, `-next`) or null }.
export function pagerBar({ total, offset, size, go, labels, ids }) {
  const nav = el('div', 'pager');
  const from = total ? offset + 1 : 0;
  const to = Math.min(offset + size, total);
  const range = el('span', 'pager-range', t(labels.range, formatNumber(from), formatNumber(to), formatNumber(total)));
  const prev = el('button', 'btn btn-secondary btn-small', t(labels.prev));
  const next = el('button', 'btn btn-secondary btn-small', t(labels.next));
  if (ids) {
    range.id = `${ids}-range`;
    prev.id = `${ids}-prev`;
    next.id = `${ids}-next`;
  }
  prev.type = 'button';
  next.type = 'button';
  prev.disabled = offset === 0;
  next.disabled = to >= total;
  prev.addEventListener('click', () => go(Math.max(0, offset - size)));
  next.addEventListener('click', () => go(offset + size));
  nav.append(prev, range, next);
  return nav;
}
