// harness.mjs - the browser-test harness: a fresh cchc database and server on
// 127.0.0.1 (ephemeral port) and Debian's Chromium driven by playwright-core.
//
// It builds nothing: `make check` builds build/asan/cchc first (or set
// CCHC_BIN). Everything it starts is stopped by stop(), which the tests call
// from an after() hook so that it runs even when a test fails; a process
// 'exit' handler kills the server as a last resort. Details and conventions:
// docs/internals/browser-tests.md.

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

export const ROOT = process.env.CCHC_ROOT
  ? resolve(process.env.CCHC_ROOT)
  : resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.CCHC_BIN ? resolve(process.env.CCHC_BIN) : join(ROOT, 'build/asan/cchc');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const SHOTS = join(ROOT, 'build', 'screenshots');

// Flags of the project guide: no sandbox (tests run as root in CI), no GPU,
// and nothing that reaches out to the network by itself.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const USERS = {
  admin: { login: 'admin', password: 'mat-khau-quan-tri', role: 'admin', name: 'Quản trị hệ thống' },
  officer: {
    login: 'canbo.snv',
    password: 'mat-khau-can-bo',
    role: 'officer',
    unit: 'VLG.SNV',
    name: 'Nguyễn Thị Cán Bộ',
  },
};

const SERVER_START_MS = 20000;

// Why the browser tests cannot run here, or null when they can (always null
// when CCHC_BROWSER_TESTS=require: the tests then run and fail on what is
// missing, as CI must not pass by skipping them).
export function missingPrerequisite() {
  if (process.env.CCHC_BROWSER_TESTS === 'require') return null;
  if (!existsSync(BIN)) return `${BIN} is not built (run make check)`;
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} not found (Debian package chromium)`;
  if (!existsSync(join(ROOT, 'node_modules', 'playwright-core')))
    return 'node_modules/playwright-core missing (npm ci)';
  return null;
}

function run(args, { input, env } = {}) {
  const r = spawnSync(BIN, args, { input, env, encoding: 'utf8', timeout: 30000 });
  if (r.status !== 0) {
    throw new Error(`cchc ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
}

// Adds a synthetic ledger as `make run` does (scripts/seed.d/20-demo-ledger.sh),
// smaller: the province DEMO_UNIT with its units, procedures and `count`
// dossiers of DEMO_YEAR made by `cchc gen` (deterministic seed).
export const DEMO_UNIT = 'T01';
export const DEMO_YEAR = 2024;
function seedDossiers(g, dir, count) {
  const f = (name) => join(dir, `demo-${name}.csv`);
  run([
    ...g,
    'gen',
    'dossiers',
    '--units',
    '12',
    '--procedures',
    '20',
    '--dossiers',
    String(count),
    '--year',
    String(DEMO_YEAR),
    '--seed',
    '7',
    '--out',
    f('dossiers'),
    '--units-out',
    f('units'),
    '--links-out',
    f('links'),
    '--procedures-out',
    f('procedures'),
  ]);
  run([...g, 'unit', 'import', f('units'), f('links')]);
  run([...g, 'ingest', 'procedures', f('procedures')]);
  run([...g, 'ingest', 'dossiers', f('dossiers')]);
}

// Creates a temporary directory with a migrated database, the sample units
// (data/units/*.csv), the users of USERS and, when asked, demo dossiers.
function prepareDatabase(dir, { dossiers = 0, plans = [], users = [] } = {}) {
  const db = join(dir, 'cchc.db');
  const g = ['--db', db, '--data', join(ROOT, 'data'), '--log-level', 'warn'];
  run([...g, 'db', 'migrate']);
  const unitsDir = join(ROOT, 'data', 'units');
  const csv = readdirSync(unitsDir)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => join(unitsDir, f));
  run([...g, 'unit', 'import', ...csv]);
  for (const u of Object.values(USERS)) {
    const args = [...g, 'user', 'add', u.login, '--role', u.role, '--name', u.name];
    if (u.unit) args.push('--unit', u.unit);
    run([...args, '--password-stdin'], { input: `${u.password}\n` });
  }
  if (dossiers > 0) seedDossiers(g, dir, dossiers);
  // extra users (of units the demo dossiers created): {login, password, role, unit, name}
  for (const u of users) {
    const args = [...g, 'user', 'add', u.login, '--role', u.role, '--name', u.name, '--unit', u.unit];
    run([...args, '--password-stdin'], { input: `${u.password}\n` });
  }
  // each plan: a file, or [file, owning unit code]
  for (const p of plans) {
    const [file, unit] = Array.isArray(p) ? p : [p, null];
    run([...g, 'plan', 'import', file, ...(unit ? ['--unit', unit] : [])]);
  }
  return db;
}

// Starts `cchc serve --listen 127.0.0.1:0` and resolves with the port it
// prints on stderr ("http: listening on 127.0.0.1:0 port N ...").
function startServer(dir, db) {
  const args = [
    '--db',
    db,
    '--data',
    join(ROOT, 'data'),
    '--web',
    join(ROOT, 'web'),
    'serve',
    '--listen',
    '127.0.0.1:0',
    '--threads',
    '2',
    '--evidence-dir',
    join(dir, 'evidence'),
    // UI tests log in and look up far more often than a person: no rate limits here
    // (tests/integration/test_hardening_http.c tests them).
    '--rate-limit',
    'login=0',
    '--rate-limit',
    'lookup=0',
    '--rate-limit',
    'feedback=0',
  ];
  const child = spawn(BIN, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const log = [];
  let buffered = '';
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cchc serve did not report its port within ${SERVER_START_MS} ms:\n${log.join('\n')}`));
    }, SERVER_START_MS);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        log.push(line);
        const m = /http: listening on \S+ port (\d+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolvePort({ child, port: Number(m[1]), log });
        }
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`cchc serve exited early (${code ?? signal}):\n${log.join('\n')}${buffered}`));
    });
  });
}

// Waits for the server to exit after SIGTERM; returns its exit code (or the
// signal name when it had to be killed).
function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode ?? child.signalCode);
  }
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
    child.removeAllListeners('exit');
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done(code ?? signal);
    });
    child.kill('SIGTERM');
  });
}

// Starts everything. Returns {baseUrl, page, context, shot(name), stop()}.
// Options: {dossiers: N} also loads N demo dossiers (see seedDossiers);
// {plans: [...]} imports plans; {users: [...]} adds users after the dossiers.
// stop() closes the browser, stops the server (its exit status must be 0:
// under ASan a leak or error at shutdown shows there) and removes the
// temporary directories; it never throws and returns a list of problems.
export async function startStack(options = {}) {
  const { chromium } = await import('playwright-core');
  const dir = mkdtempSync(join(tmpdir(), 'cchc-browser-'));
  const profile = join(dir, 'chromium-profile');
  let server = null;
  let context = null;
  const killOnExit = () => server && server.child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const stop = async () => {
    const problems = [];
    if (context) await context.close().catch((err) => problems.push(`browser close: ${err.message}`));
    if (server) {
      const status = await stopServer(server.child);
      if (status !== 0) problems.push(`cchc serve exited with ${status}:\n${server.log.slice(-40).join('\n')}`);
    }
    process.off('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
    return problems;
  };
  try {
    const db = prepareDatabase(dir, options);
    server = await startServer(dir, db);
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      viewport: { width: 1280, height: 900 },
      timeout: 30000,
    });
    context.setDefaultTimeout(10000);
    const page = context.pages()[0] ?? (await context.newPage());
    const baseUrl = `http://127.0.0.1:${server.port}`;
    mkdirSync(SHOTS, { recursive: true });
    const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    return { baseUrl, page, context, shot, stop, serverLog: server.log, dir };
  } catch (err) {
    await stop();
    throw err;
  }
}

// The options of a test: its timeout, and skipped (with the reason) when a
// prerequisite is missing.
export function testOptions(timeout) {
  return { timeout, skip: missingPrerequisite() ?? false };
}

// One stack shared by the tests of a file, which run in order on one page.
// Registers the file's hooks: `before` starts the stack with `options` (see
// startStack; nothing when a prerequisite is missing), collects the page's
// uncaught errors and its console errors except those matching `expected`
// (answers the page shows, like the 401 of /api/v1/me before login) into
// `pageErrors`, then awaits `ready(stack)` when given (more setup); `after`
// stops the stack and asserts a clean shutdown of the browser and the server.
// Returns {stack, pageErrors}: `stack` is set once `before` has run.
export function sharedStack(options = {}, { expected = /status of 401/, timeout = 60000, ready } = {}) {
  const shared = { stack: null, pageErrors: [] };
  before(
    async () => {
      if (missingPrerequisite()) return;
      shared.stack = await startStack(options);
      shared.stack.page.on('pageerror', (err) => shared.pageErrors.push(err.message));
      shared.stack.page.on('console', (msg) => {
        if (msg.type() === 'error' && !expected.test(msg.text())) shared.pageErrors.push(msg.text());
      });
      if (ready) await ready(shared.stack);
    },
    { timeout },
  );
  after(
    async () => {
      if (!shared.stack) return;
      const problems = await shared.stack.stop();
      assert.deepEqual(problems, [], 'clean shutdown of the browser and the server');
    },
    { timeout: 30000 },
  );
  return shared;
}

// Fills in the login form as it shows on `page` with user {login, password},
// submits it and waits until `view` (a selector) is visible.
export async function submitLogin(page, user, view = '#app-view') {
  await page.locator('#login-view').waitFor({ state: 'visible' });
  await page.fill('#login', user.login);
  await page.fill('#password', user.password);
  await page.click('#login-submit');
  await page.locator(view).waitFor({ state: 'visible' });
}

// Opens the start page of the stack and signs in (submitLogin).
export async function signIn(stack, user, view = '#app-view') {
  await stack.page.goto(`${stack.baseUrl}/`);
  await submitLogin(stack.page, user, view);
}
