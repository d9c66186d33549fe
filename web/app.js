// app.js - the cchc web UI entry: language switch, hash routes, session,
// login/logout and the signed-in shell with its navigation. The pages live
// in js/: units.js (Cây đơn vị), kpi.js (Chỉ số), plans.js (Kế hoạch),
// plan_import.js (Nhập kế hoạch), tasks.js (Nhiệm vụ), dashboard.js (Tổng quan, Xếp hạng),
// reports.js and report_edit.js (Báo cáo), par.js + par_sheet.js (Chấm điểm CCHC), notices.js (the
// bell, Thông báo), feedback*.js, rating.js, survey*.js (the citizens' side), lookup.js (public
// dossier lookup). Plain ES modules, no framework, no network dependency besides our
// own API. Vietnamese first; English through the VI/EN switch.

import {
  $,
  addText,
  api,
  applyLang,
  errorOf,
  errorText,
  hasUnsaved,
  loadLang,
  localError,
  onLangChange,
  setLang,
  state,
  t,
} from './js/core.js';
import { forgetUnits, initUnitTree, loadUnitTree, units } from './js/units.js';
import { initKpi, openKpi, resetKpi } from './js/kpi.js';
import { initLookup, openLookup } from './js/lookup.js';
import { openFeedback } from './js/feedback.js';
import { openSurvey } from './js/survey.js';
import { openInbox } from './js/feedback_inbox.js';
import { openSurveysAdmin } from './js/surveys_admin.js';
import { initPlans, openPlans, resetPlans } from './js/plans.js';
import { initImport, openImport, resetImport } from './js/plan_import.js';
import { initTasks, openTasks, resetTasks } from './js/tasks.js';
import { initDashboard, openDashboard, resetDashboard } from './js/dashboard.js';
import { initRanking, openRanking, resetRanking } from './js/ranking.js';
import { initCascade, openCascade } from './js/cascade.js';
import { initReports, openReports, resetReports } from './js/reports.js';
import { initPar, openPar } from './js/par.js';
import { managesUsers, openPassword, openUsers, resetUsers, roleText } from './js/users.js';
import { openUnitEditor, resetUnitEditor } from './js/unit_edit.js';
import { initNotices, openNotices, refreshBell, resetNotices } from './js/notices.js';
import { initAudit, openAudit, showAuditNav } from './js/audit.js';

addText({
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
    login_citizen: 'Người dân, doanh nghiệp: tra cứu tình trạng hồ sơ không cần đăng nhập',
    user_login: 'Tài khoản',
    user_role: 'Vai trò',
    user_unit: 'Đơn vị',
    logout: 'Đăng xuất',
    nav_label: 'Chức năng',
    nav_units: 'Cây đơn vị',
    nav_kpi: 'Chỉ số',
    nav_lookup: 'Tra cứu hồ sơ',
    nav_inbox: 'Phản ánh, kiến nghị',
    nav_surveys: 'Khảo sát hài lòng',
    network: 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.',
    http_error: (s) => `Máy chủ trả lỗi (mã ${s}). Vui lòng thử lại sau.`,
    footer: 'Hệ thống theo dõi kế hoạch cải cách hành chính',
    unsaved_leave: 'Nội dung bạn vừa nhập chưa được lưu. Rời trang và bỏ nội dung này?',
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
    login_citizen: 'Citizens and businesses: check a dossier status without logging in',
    user_login: 'Account',
    user_role: 'Role',
    user_unit: 'Unit',
    logout: 'Log out',
    nav_label: 'Sections',
    nav_units: 'Unit tree',
    nav_kpi: 'Indicators',
    nav_lookup: 'Dossier lookup',
    nav_inbox: 'Citizen feedback',
    nav_surveys: 'Satisfaction surveys',
    network: 'Cannot reach the server. Check the network and try again.',
    http_error: (s) => `The server answered with an error (${s}). Please try again later.`,
    footer: 'Administrative reform plan tracking system',
    unsaved_leave: 'What you typed has not been saved. Leave the page and discard it?',
    roles: { admin: 'System administrator' },
  },
});

// Routes: '#/tra-cuu' is public; the others need a session.
const ROUTES = {
  '#/tong-quan': 'dashboard',
  '#/xep-hang': 'ranking',
  '#/tra-cuu': 'lookup',
  '#/chi-so': 'kpi',
  '#/don-vi': 'units',
  '#/ke-hoach': 'plans',
  '#/nhap-ke-hoach': 'import',
  '#/nguoi-dung': 'users',
  '#/mat-khau': 'password',
  '#/phan-anh-xu-ly': 'inbox',
  '#/khao-sat-quan-ly': 'surveys',
  '#/nhat-ky': 'audit',
};

const ui = {
  loginError: null,
  globalError: null,
};

// Public citizens' pages (no session): feedback and surveys.
function citizenRoute() {
  if (location.hash === '#/phan-anh' || location.hash.startsWith('#/phan-anh/')) return 'feedback';
  if (location.hash.startsWith('#/khao-sat/')) return 'survey';
  return null;
}

function currentRoute() {
  if (citizenRoute()) return citizenRoute();
  if (/^#\/ke-hoach\/[^/]+\/ra-soat$/.test(location.hash)) return 'cascade';
  if (location.hash.startsWith('#/ke-hoach/')) return 'plans'; // one plan: #/ke-hoach/{id}
  if (location.hash.startsWith('#/nhiem-vu')) return 'tasks'; // list, ?plan=N, or /{id}
  if (location.hash.startsWith('#/bao-cao')) return 'reports'; // calendar, /tiep-nhan, /{id}
  if (location.hash.startsWith('#/chi-so-cchc')) return 'par'; // campaigns, /{id}, /{id}/phieu/{unit}
  if (location.hash.startsWith('#/thong-bao')) return 'notices'; // list, /cai-dat
  return ROUTES[location.hash] || 'units';
}

// ---- views -----------------------------------------------------------------

function show(view) {
  $('loading').hidden = view !== 'loading';
  $('login-view').hidden = view !== 'login';
  $('app-view').hidden = view !== 'app';
  $('lookup-view').hidden = view !== 'lookup';
  $('citizen-view').hidden = view !== 'citizen';
}

function showGlobalError(err) {
  ui.globalError = err;
  $('global-error-text').textContent = errorText(err);
  $('global-error').hidden = false;
}

function clearGlobalError() {
  ui.globalError = null;
  $('global-error').hidden = true;
}

// Unsaved text (core.watchUnsaved): leaving the page asks first; staying
// puts the previous address back without reloading the page.
let shownHash = location.hash;
let restoring = false;

function leaveAllowed() {
  return !hasUnsaved() || window.confirm(t('unsaved_leave'));
}

function onHashChange() {
  if (restoring) {
    restoring = false;
    return;
  }
  if (!leaveAllowed()) {
    restoring = true;
    location.hash = shownHash;
    return;
  }
  shownHash = location.hash;
  route();
}

async function route() {
  clearGlobalError();
  const r = currentRoute();
  if (r === 'lookup') {
    show('lookup');
    openLookup();
    return;
  }
  if (r === 'feedback' || r === 'survey') {
    show('citizen');
    if (r === 'feedback') openFeedback();
    else openSurvey();
    return;
  }
  if (!state.user) {
    await checkSession();
    return;
  }
  showPage(r);
}

async function checkSession() {
  clearGlobalError();
  show('loading');
  const r = await api('GET', '/api/v1/me');
  if (currentRoute() === 'lookup' || citizenRoute()) return; // the user went to a public page meanwhile
  if (r.status === 200 && r.data) {
    enterApp(r.data.user ?? r.data);
  } else if (r.status === 401) {
    showLogin();
  } else {
    $('loading').hidden = true;
    showGlobalError(errorOf(r));
  }
}

// The unit tree, with the registry editor for administrators; an edit
// reloads both.
function openUnits() {
  loadUnitTree(showLogin, () => {
    renderUser();
    openUnitEditor(showLogin);
  });
}

// One of the signed-in pages.
function showPage(page) {
  show('app');
  $('units-view').hidden = page !== 'units';
  $('kpi-view').hidden = page !== 'kpi';
  $('plans-view').hidden = page !== 'plans';
  $('import-view').hidden = page !== 'import';
  $('tasks-view').hidden = page !== 'tasks';
  $('dashboard-view').hidden = page !== 'dashboard';
  $('ranking-view').hidden = page !== 'ranking';
  $('cascade-view').hidden = page !== 'cascade';
  $('reports-view').hidden = page !== 'reports';
  $('par-view').hidden = page !== 'par';
  $('users-view').hidden = page !== 'users';
  $('password-view').hidden = page !== 'password';
  $('inbox-view').hidden = page !== 'inbox';
  $('surveys-view').hidden = page !== 'surveys';
  $('notices-view').hidden = page !== 'notices';
  $('audit-view').hidden = page !== 'audit';
  for (const a of document.querySelectorAll('.nav-link')) {
    if (a.dataset.page === page) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (page === 'units') openUnits();
  else if (page === 'kpi') openKpi(showLogin);
  else if (page === 'plans') openPlans(showLogin);
  else if (page === 'import') openImport(showLogin);
  else if (page === 'tasks') openTasks(showLogin);
  else if (page === 'dashboard') openDashboard(showLogin);
  else if (page === 'ranking') openRanking(showLogin);
  else if (page === 'cascade') openCascade(showLogin);
  else if (page === 'reports') openReports(showLogin);
  else if (page === 'par') openPar(showLogin);
  else if (page === 'users') openUsers(showLogin);
  else if (page === 'password') openPassword(showLogin);
  else if (page === 'inbox') openInbox(showLogin);
  else if (page === 'surveys') openSurveysAdmin(showLogin);
  else if (page === 'notices') openNotices(showLogin);
  else if (page === 'audit') openAudit(showLogin);
}

// ---- login -----------------------------------------------------------------

function showLogin(err) {
  state.user = null;
  forgetUnits();
  resetKpi();
  resetPlans();
  resetTasks();
  resetDashboard();
  resetRanking();
  resetImport();
  resetReports();
  resetUsers();
  resetUnitEditor();
  resetNotices();
  show('login');
  if (err) showLoginError(err);
  else clearLoginError();
  const login = $('login');
  (login.value ? $('password') : login).focus();
}

function showLoginError(err) {
  ui.loginError = err;
  const p = $('login-error');
  p.textContent = errorText(err);
  p.hidden = false;
}

function clearLoginError() {
  ui.loginError = null;
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
    showLoginError(localError('form.missing', 'login_missing'));
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
  if (!leaveAllowed()) return;
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
  refreshBell();
  $('main').focus();
  showPage(currentRoute() === 'lookup' || citizenRoute() ? 'units' : currentRoute());
}

function roleLabel(role) {
  return role ? roleText(role) : '—';
}

function renderUser() {
  const u = state.user;
  if (!u) return;
  $('user-name').textContent = u.full_name || u.login || '';
  $('user-login').textContent = u.login || '—';
  $('user-role').textContent = roleLabel(u.role);
  let unit = u.unit_code || '—';
  const found = units.list && units.list.find((x) => x.code === u.unit_code);
  if (found) unit = `${found.name} (${found.code})`;
  $('user-unit').textContent = unit;
  $('nav-users').hidden = !managesUsers();
  showAuditNav();
}

// ---- start -----------------------------------------------------------------

function init() {
  loadLang();
  for (const btn of document.querySelectorAll('.lang-btn')) {
    btn.addEventListener('click', () => setLang(btn.dataset.lang));
  }
  $('login-form').addEventListener('submit', onLoginSubmit);
  $('logout').addEventListener('click', onLogout);
  $('retry').addEventListener('click', checkSession);
  window.addEventListener('hashchange', onHashChange);
  document.addEventListener('cchc:units-changed', () => {
    if (currentRoute() === 'units' && state.user) openUnits();
  });
  window.addEventListener('beforeunload', (ev) => {
    if (hasUnsaved()) ev.preventDefault();
  });
  initUnitTree();
  initKpi();
  initPlans();
  initTasks();
  initDashboard();
  initRanking();
  initCascade();
  initImport();
  initReports();
  initPar();
  initNotices();
  initAudit();
  initLookup();
  onLangChange(() => {
    if (ui.loginError) showLoginError(ui.loginError);
    if (ui.globalError) showGlobalError(ui.globalError);
    renderUser();
  });
  applyLang();
  route();
}

init();
