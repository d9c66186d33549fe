// app.js - the cchc web UI: login, current user, unit tree.
// Plain ES module, no framework, no network dependency besides our own API.
// All text goes through textContent (never innerHTML): server data cannot
// inject markup. Vietnamese first; English through the VI/EN switch.

const TEXT = {
  vi: {
    title: 'Theo dõi cải cách hành chính',
    skip: 'Bỏ qua đến nội dung chính',
    brand_sub: 'Cộng hòa xã hội chủ nghĩa Việt Nam',
    brand_title: 'Hệ thống theo dõi cải cách hành chính',
    lang_group: 'Ngôn ngữ',
    loading: 'Đang tải…',
    retry: 'Thử lại',
    login_title: 'Đăng nhập',
    login_hint: 'Dùng tài khoản do đơn vị quản trị hệ thống cấp.',
    login_label: 'Tên đăng nhập',
    password_label: 'Mật khẩu',
    login_submit: 'Đăng nhập',
    login_busy: 'Đang đăng nhập…',
    login_missing: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
    user_login: 'Tài khoản',
    user_role: 'Vai trò',
    user_unit: 'Đơn vị',
    logout: 'Đăng xuất',
    units_title: 'Cây đơn vị',
    units_loading: 'Đang tải danh sách đơn vị…',
    units_count: (n) => `${n} đơn vị`,
    units_matches: (m, n) => `${m} / ${n} đơn vị khớp`,
    units_none: 'Chưa có đơn vị nào.',
    units_no_match: 'Không có đơn vị nào khớp.',
    filter_label: 'Tìm đơn vị',
    filter_placeholder: 'Tên, tên khác hoặc mã đơn vị',
    current_only: 'Chỉ đơn vị còn hiệu lực',
    expand_all: 'Mở tất cả',
    collapse_all: 'Thu gọn',
    valid: 'Hiệu lực',
    present: 'nay',
    aliases: 'Tên khác',
    expired: 'Hết hiệu lực',
    not_yet: 'Chưa có hiệu lực',
    children: (n) => `${n} đơn vị trực thuộc`,
    network: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    http_error: (s) => `Máy chủ trả lỗi (mã ${s}). Vui lòng thử lại sau.`,
    footer: 'Hệ thống theo dõi kế hoạch cải cách hành chính',
    roles: { admin: 'Quản trị hệ thống' },
  },
  en: {
    title: 'Administrative reform tracking',
    skip: 'Skip to main content',
    brand_sub: 'Socialist Republic of Viet Nam',
    brand_title: 'Administrative reform tracking system',
    lang_group: 'Language',
    loading: 'Loading…',
    retry: 'Retry',
    login_title: 'Log in',
    login_hint: 'Use the account issued by your system administrator.',
    login_label: 'User name',
    password_label: 'Password',
    login_submit: 'Log in',
    login_busy: 'Logging in…',
    login_missing: 'Please enter your user name and password.',
    user_login: 'Account',
    user_role: 'Role',
    user_unit: 'Unit',
    logout: 'Log out',
    units_title: 'Unit tree',
    units_loading: 'Loading units…',
    units_count: (n) => `${n} unit${n === 1 ? '' : 's'}`,
    units_matches: (m, n) => `${m} of ${n} units match`,
    units_none: 'No units yet.',
    units_no_match: 'No unit matches.',
    filter_label: 'Find a unit',
    filter_placeholder: 'Name, other name or code',
    current_only: 'Currently valid units only',
    expand_all: 'Expand all',
    collapse_all: 'Collapse',
    valid: 'Valid',
    present: 'present',
    aliases: 'Other names',
    expired: 'No longer valid',
    not_yet: 'Not yet valid',
    children: (n) => `${n} subordinate unit${n === 1 ? '' : 's'}`,
    network: 'Cannot reach the server. Check the network and try again.',
    http_error: (s) => `The server answered with an error (${s}). Please try again later.`,
    footer: 'Administrative reform plan tracking system',
    roles: { admin: 'System administrator' },
  },
};

const KIND_LABELS = {
  vi: {
    tinh: 'Tỉnh',
    so: 'Sở/ban/ngành',
    huyen: 'Cấp huyện',
    xa: 'Cấp xã',
    phong: 'Phòng',
    dvsn: 'Đơn vị sự nghiệp',
  },
  en: {
    tinh: 'Province',
    so: 'Department/board',
    huyen: 'District level',
    xa: 'Commune level',
    phong: 'Division',
    dvsn: 'Public service unit',
  },
};
const KIND_ORDER = ['tinh', 'so', 'huyen', 'xa', 'phong', 'dvsn'];

const state = {
  lang: 'vi',
  user: null,
  units: null, // array from the API
  roots: [], // forest of {unit, children, key, li, details}
  nodes: [], // every node
  loginError: null, // last error object shown on the login form
  globalError: null,
};

const $ = (id) => document.getElementById(id);

// ---- language --------------------------------------------------------------

function t(key, ...args) {
  const v = TEXT[state.lang][key] ?? TEXT.vi[key];
  return typeof v === 'function' ? v(...args) : v;
}

function loadLang() {
  try {
    const saved = localStorage.getItem('cchc.lang');
    if (saved === 'vi' || saved === 'en') state.lang = saved;
  } catch {
    // storage disabled: keep Vietnamese
  }
}

function applyLang() {
  document.documentElement.lang = state.lang;
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  }
  for (const btn of document.querySelectorAll('.lang-btn')) {
    btn.setAttribute('aria-pressed', String(btn.dataset.lang === state.lang));
  }
  if (state.loginError) showLoginError(state.loginError);
  if (state.globalError) showGlobalError(state.globalError);
  if (state.user) renderUser();
  if (state.units) renderTree({ keepOpen: true });
}

function setLang(lang) {
  state.lang = lang;
  try {
    localStorage.setItem('cchc.lang', lang);
  } catch {
    // ignore
  }
  applyLang();
}

// ---- API -------------------------------------------------------------------

// Returns {status, data}; status 0 on a network failure. Never throws.
async function api(method, path, body) {
  const opts = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, opts);
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
  }
  return { status: res.status, data };
}

// The {code, message, message_en} of a failed answer, or a local one.
function errorOf(resp) {
  const e = resp.data && resp.data.error;
  if (e && (e.message || e.message_en)) return e;
  if (resp.status === 0) {
    return { code: 'network', message: TEXT.vi.network, message_en: TEXT.en.network };
  }
  return {
    code: `http.${resp.status}`,
    message: TEXT.vi.http_error(resp.status),
    message_en: TEXT.en.http_error(resp.status),
  };
}

function errorText(err) {
  return state.lang === 'en' ? err.message_en || err.message : err.message || err.message_en;
}

// ---- views -----------------------------------------------------------------

function show(view) {
  $('loading').hidden = view !== 'loading';
  $('login-view').hidden = view !== 'login';
  $('app-view').hidden = view !== 'app';
}

function showGlobalError(err) {
  state.globalError = err;
  $('global-error-text').textContent = errorText(err);
  $('global-error').hidden = false;
}

function clearGlobalError() {
  state.globalError = null;
  $('global-error').hidden = true;
}

async function checkSession() {
  clearGlobalError();
  show('loading');
  const r = await api('GET', '/api/v1/me');
  if (r.status === 200 && r.data) {
    enterApp(r.data.user ?? r.data);
  } else if (r.status === 401) {
    showLogin();
  } else {
    $('loading').hidden = true;
    showGlobalError(errorOf(r));
  }
}

// ---- login -----------------------------------------------------------------

function showLogin(err) {
  state.user = null;
  state.units = null;
  $('unit-tree').replaceChildren();
  show('login');
  if (err) showLoginError(err);
  else clearLoginError();
  const login = $('login');
  (login.value ? $('password') : login).focus();
}

function showLoginError(err) {
  state.loginError = err;
  const p = $('login-error');
  p.textContent = errorText(err);
  p.hidden = false;
}

function clearLoginError() {
  state.loginError = null;
  $('login-error').hidden = true;
  $('login').removeAttribute('aria-invalid');
  $('password').removeAttribute('aria-invalid');
}

function setBusy(busy) {
  const btn = $('login-submit');
  btn.disabled = busy;
  btn.textContent = busy ? t('login_busy') : t('login_submit');
  $('login-form').setAttribute('aria-busy', String(busy));
}

async function onLoginSubmit(ev) {
  ev.preventDefault();
  clearLoginError();
  const loginInput = $('login');
  const pwInput = $('password');
  const login = loginInput.value.trim();
  const password = pwInput.value;
  if (!login || !password) {
    const missing = !login ? loginInput : pwInput;
    missing.setAttribute('aria-invalid', 'true');
    showLoginError({ code: 'form.missing', message: TEXT.vi.login_missing,
      message_en: TEXT.en.login_missing });
    missing.focus();
    return;
  }
  setBusy(true);
  const r = await api('POST', '/api/v1/login', { login, password });
  setBusy(false);
  if (r.status === 200 && r.data) {
    pwInput.value = '';
    enterApp(r.data.user ?? r.data);
  } else {
    // Keep what was typed: the official corrects it rather than retyping.
    showLoginError(errorOf(r));
    pwInput.focus();
    pwInput.select();
  }
}

async function onLogout() {
  const btn = $('logout');
  btn.disabled = true;
  await api('POST', '/api/v1/logout', {});
  btn.disabled = false;
  $('password').value = '';
  showLogin();
}

// ---- user ------------------------------------------------------------------

function enterApp(user) {
  state.user = user;
  clearLoginError();
  renderUser();
  show('app');
  $('main').focus();
  loadUnits();
}

function roleLabel(role) {
  return (role && TEXT[state.lang].roles[role]) || role || '—';
}

function renderUser() {
  const u = state.user;
  $('user-name').textContent = u.full_name || u.login || '';
  $('user-login').textContent = u.login || '—';
  $('user-role').textContent = roleLabel(u.role);
  let unit = u.unit_code || '—';
  const found = state.units && state.units.find((x) => x.code === u.unit_code);
  if (found) unit = `${found.name} (${found.code})`;
  $('user-unit').textContent = unit;
}

// ---- units -----------------------------------------------------------------

async function loadUnits() {
  $('units-error').hidden = true;
  $('units-empty').hidden = true;
  $('units-count').textContent = t('units_loading');
  const r = await api('GET', '/api/v1/units');
  if (r.status === 200 && r.data && Array.isArray(r.data.units)) {
    state.units = r.data.units;
    renderUser();
    renderTree({ keepOpen: false });
  } else if (r.status === 401) {
    showLogin(errorOf(r)); // the session expired meanwhile
  } else {
    $('units-count').textContent = '';
    $('units-error').textContent = errorText(errorOf(r));
    $('units-error').hidden = false;
  }
}

// Accent-, case- and đ-insensitive key, as the server's search keys.
function searchKey(s) {
  return (s || '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

function todayIso() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function formatDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || '');
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso || '';
}

function kindRank(kind) {
  const i = KIND_ORDER.indexOf(kind);
  return i < 0 ? KIND_ORDER.length : i;
}

// Builds the forest from the flat list; a unit whose parent is missing (or a
// parent cycle) becomes a root so that nothing disappears.
function buildForest(units) {
  const byCode = new Map();
  const nodes = [];
  for (const unit of units) {
    const aliases = Array.isArray(unit.aliases) ? unit.aliases : [];
    const node = {
      unit,
      children: [],
      key: searchKey([unit.name, unit.code, ...aliases].join(' | ')),
      parent: null,
    };
    nodes.push(node);
    if (unit.code && !byCode.has(unit.code)) byCode.set(unit.code, node);
  }
  for (const node of nodes) {
    const p = node.unit.parent ? byCode.get(node.unit.parent) : null;
    if (p && p !== node) node.parent = p;
  }
  // Break cycles: walk up from each node; a walk that comes back cuts the link.
  for (const node of nodes) {
    const seen = new Set([node]);
    for (let p = node.parent; p; p = p.parent) {
      if (seen.has(p)) {
        node.parent = null;
        break;
      }
      seen.add(p);
    }
  }
  const roots = [];
  for (const node of nodes) (node.parent ? node.parent.children : roots).push(node);
  const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
  // Current units first, then by kind (province, departments, districts...), then by name.
  const expired = (n) => (validity(n.unit) === 'expired' ? 1 : 0);
  const sortRec = (list) => {
    list.sort((a, b) => expired(a) - expired(b) || kindRank(a.unit.kind) - kindRank(b.unit.kind) ||
      collator.compare(a.unit.name || '', b.unit.name || ''));
    for (const n of list) sortRec(n.children);
  };
  sortRec(roots);
  return { roots, nodes };
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

function validity(unit) {
  const today = todayIso();
  if (unit.valid_to && unit.valid_to < today) return 'expired';
  if (unit.valid_from && unit.valid_from > today) return 'not_yet';
  return 'current';
}

function renderRow(node) {
  const u = node.unit;
  const row = el('span', 'unit-row');
  row.append(el('span', 'unit-name', u.name || u.code));
  const kind = el('span', `kind kind-${u.kind || 'other'}`,
    KIND_LABELS[state.lang][u.kind] || u.kind || '?');
  row.append(' ', kind, ' ', el('code', 'unit-code', u.code));
  const v = validity(u);
  if (v !== 'current') row.append(' ', el('span', `badge badge-${v}`, t(v)));
  if (node.children.length) {
    const c = el('span', 'unit-children', `(${node.children.length})`);
    c.title = t('children', node.children.length);
    row.append(' ', c);
  }
  return row;
}

function renderDetails(node) {
  const u = node.unit;
  const parts = [];
  if (u.valid_from || u.valid_to) {
    parts.push(`${t('valid')}: ${formatDate(u.valid_from) || '…'} – ${
      u.valid_to ? formatDate(u.valid_to) : t('present')}`);
  }
  const aliases = Array.isArray(u.aliases) ? u.aliases.filter(Boolean) : [];
  if (aliases.length) parts.push(`${t('aliases')}: ${aliases.join('; ')}`);
  return parts.length ? el('p', 'unit-details', parts.join(' · ')) : null;
}

function renderNode(node, depth, openCodes) {
  const li = el('li', 'unit');
  li.dataset.code = node.unit.code;
  if (validity(node.unit) === 'expired') li.classList.add('unit-expired');
  node.li = li;
  const details = renderDetails(node);
  if (node.children.length) {
    const d = el('details');
    d.open = openCodes ? openCodes.has(node.unit.code)
      : depth < 1 && validity(node.unit) !== 'expired';
    const summary = el('summary');
    summary.append(renderRow(node));
    d.append(summary);
    if (details) d.append(details);
    const ul = el('ul', 'unit-list');
    for (const child of node.children) ul.append(renderNode(child, depth + 1, openCodes));
    d.append(ul);
    li.append(d);
    node.details = d;
  } else {
    li.classList.add('unit-leaf');
    const div = el('div', 'unit-leaf-row');
    div.append(renderRow(node));
    li.append(div);
    if (details) li.append(details);
    node.details = null;
  }
  return li;
}

function renderTree({ keepOpen }) {
  let openCodes = null;
  if (keepOpen && state.nodes.length) {
    openCodes = new Set(state.nodes.filter((n) => n.details && n.details.open)
      .map((n) => n.unit.code));
  }
  const { roots, nodes } = buildForest(state.units || []);
  state.roots = roots;
  state.nodes = nodes;
  const ul = el('ul', 'unit-list unit-root');
  for (const node of roots) ul.append(renderNode(node, 0, openCodes));
  $('unit-tree').replaceChildren(ul);
  applyFilter({ openMatches: !keepOpen });
}

// Shows the nodes matching the filter (and their ancestors); returns whether
// anything under node is shown.
function filterNode(node, q, currentOnly, openMatches) {
  let childShown = false;
  for (const c of node.children) {
    if (filterNode(c, q, currentOnly, openMatches)) childShown = true;
  }
  const ok = (!q || node.key.includes(q)) && (!currentOnly || validity(node.unit) !== 'expired');
  node.li.hidden = !(ok || childShown);
  node.li.classList.toggle('unit-match', Boolean(q) && ok);
  if (node.details && q && openMatches) node.details.open = childShown;
  node.matched = ok;
  return ok || childShown;
}

function applyFilter({ openMatches }) {
  const q = searchKey($('unit-filter').value);
  const currentOnly = $('current-only').checked;
  for (const r of state.roots) filterNode(r, q, currentOnly, openMatches);
  const total = state.nodes.length;
  const matched = state.nodes.filter((n) => n.matched).length;
  $('units-count').textContent =
    q || currentOnly ? t('units_matches', matched, total) : t('units_count', total);
  const empty = $('units-empty');
  empty.hidden = matched > 0;
  empty.textContent = total ? t('units_no_match') : t('units_none');
}

function setAllOpen(open) {
  for (const n of state.nodes) if (n.details && !n.li.hidden) n.details.open = open;
}

// ---- start -----------------------------------------------------------------

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function init() {
  loadLang();
  for (const btn of document.querySelectorAll('.lang-btn')) {
    btn.addEventListener('click', () => setLang(btn.dataset.lang));
  }
  $('login-form').addEventListener('submit', onLoginSubmit);
  $('logout').addEventListener('click', onLogout);
  $('retry').addEventListener('click', checkSession);
  $('unit-filter').addEventListener('input', debounce(() => applyFilter({ openMatches: true }), 150));
  $('current-only').addEventListener('change', () => applyFilter({ openMatches: false }));
  $('expand-all').addEventListener('click', () => setAllOpen(true));
  $('collapse-all').addEventListener('click', () => setAllOpen(false));
  applyLang();
  checkSession();
}

init();
