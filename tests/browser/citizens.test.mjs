// citizens.test.mjs - the citizens' side at phone size (390 × 844, issue 18):
// a returned dossier rated from the lookup with its receipt code (once),
// feedback sent, handled by officials in their inbox (due-time badge) and
// followed to its published answer, and a survey answered through its public
// link (one response per device). Every citizen page is checked with
// axe-core (no serious or critical violation) and never scrolls sideways.
// Screenshots: build/screenshots/citizens-*.png.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { DEMO_UNIT, DEMO_YEAR, ROOT, USERS, missingPrerequisite, startStack } from './harness.mjs';

const skip = missingPrerequisite();
const T = { timeout: 60000, skip: skip ?? false };
let stack;
let surveyRun = 0; // the run answered below, closed and fed by the official
const pageErrors = [];
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

before(
  async () => {
    if (skip) return;
    stack = await startStack({ dossiers: 400 });
    stack.page.on('pageerror', (err) => pageErrors.push(err.message));
    stack.page.on('console', (msg) => {
      // expected answers: 401 (/me before login), 404, 400, 409 (refusals shown in place)
      if (msg.type() === 'error' && !/status of 40[0149]/.test(msg.text())) pageErrors.push(msg.text());
    });
    await stack.page.setViewportSize({ width: 390, height: 844 });
  },
  { timeout: 120000 },
);

after(
  async () => {
    if (!stack) return;
    const problems = await stack.stop();
    assert.deepEqual(problems, [], 'clean shutdown of the browser and the server');
  },
  { timeout: 30000 },
);

async function noSideways(page) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 390, `page width ${w} > 390`);
}

// axe-core loaded into the page (evaluated, so the page's CSP is not in the
// way); serious and critical violations fail the test.
async function accessible(page, what) {
  const loaded = await page.evaluate(() => typeof window.axe === 'object');
  if (!loaded) await page.evaluate(readFileSync(AXE, 'utf8'));
  const res = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } }),
  );
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `${what}: accessibility violations`,
  );
}

// API calls as an official, sharing the browser's cookies.
async function apiCall(method, path, body) {
  const { page, baseUrl } = stack;
  const r = await page.request.fetch(`${baseUrl}${path}`, {
    method,
    headers: { Origin: baseUrl, 'Content-Type': 'application/json' },
    data: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  let data = null;
  try {
    data = await r.json();
  } catch {
    data = null;
  }
  return { status: r.status(), data };
}

async function loginApi() {
  const r = await apiCall('POST', '/api/v1/login', { login: USERS.admin.login, password: USERS.admin.password });
  assert.equal(r.status, 200);
}

// A returned dossier without a rating, from the KPI explanation of the demo ledger.
async function returnedUnrated() {
  const q = `unit=${DEMO_UNIT}&tree=1&period=${DEMO_YEAR}&limit=1000`;
  const all = await apiCall('GET', `/api/v1/kpi/explain?${q}&indicator=tthc.on_time`);
  const rated = await apiCall('GET', `/api/v1/kpi/explain?${q}&indicator=tthc.satisfaction`);
  const taken = new Set(rated.data.dossiers.map((d) => d.code));
  for (const d of all.data.dossiers) {
    if (d.status !== 10 || taken.has(d.code)) continue;
    const s = await apiCall('GET', `/api/v1/public/rating?code=${encodeURIComponent(d.code)}`);
    if (s.data.can_rate) return d.code;
  }
  throw new Error('no returned, unrated dossier in the demo ledger');
}

test('a returned dossier is rated once from the lookup with its receipt code', T, async () => {
  const { page, baseUrl, shot } = stack;
  await loginApi();
  const code = await returnedUnrated();
  const receipt = await apiCall('GET', `/api/v1/dossiers/${encodeURIComponent(code)}/receipt`);
  assert.equal(receipt.status, 200);
  assert.match(receipt.data.receipt, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  const kpiBefore = await apiCall('GET', `/api/v1/kpi?unit=${DEMO_UNIT}&tree=1&period=${DEMO_YEAR}`);
  await page.goto(`${baseUrl}/#/tra-cuu`);
  await page.locator('#lookup-view').waitFor({ state: 'visible' });
  await page.fill('#lookup-code', code);
  await page.press('#lookup-code', 'Enter');
  await page.locator('#rate-form').waitFor();
  await noSideways(page);
  await accessible(page, 'lookup with the rating form');
  await shot('citizens-1-rate-form');
  // a wrong code is refused in place
  await page.check('#rate-level-3');
  await page.fill('#rate-factor', 'ZZZZ-ZZZZ');
  await page.click('#rate-submit');
  await page.waitForFunction(() => !document.getElementById('rate-error').hidden);
  assert.match(await page.textContent('#rate-error'), /không đúng/);
  // the right one, typed loosely, with one criterion
  await page.fill('#rate-factor', receipt.data.receipt.toLowerCase().replace('-', ' '));
  await page.click('.rate-criteria summary');
  await page.selectOption('#rate-crit-thai_do', '3');
  await page.click('#rate-submit');
  await page.locator('#rate-result').waitFor();
  assert.match(await page.textContent('#rate-result'), /Cảm ơn anh\/chị đã đánh giá: Rất hài lòng/);
  await shot('citizens-2-rated');
  // a second visit: rated already, no form
  await page.click('#lookup-submit');
  await page.waitForFunction(() => /đã được đánh giá/.test(document.getElementById('lookup-rating').textContent));
  assert.equal(await page.locator('#rate-form').count(), 0);
  const again = await apiCall('POST', '/api/v1/public/rating', { code, factor: receipt.data.receipt, rating: 1 });
  assert.equal(again.status, 409);
  assert.equal(again.data.error.code, 'rating.duplicate');
  // the ledger counts it: one more rated, one more satisfied
  const kpiAfter = await apiCall('GET', `/api/v1/kpi?unit=${DEMO_UNIT}&tree=1&period=${DEMO_YEAR}`);
  const b = kpiBefore.data.indicators['tthc.satisfaction'];
  const a = kpiAfter.data.indicators['tthc.satisfaction'];
  assert.equal(a.den, b.den + 1);
  assert.equal(a.num, b.num + 1);
  assert.equal(a.value, Math.round((a.num / a.den) * 10000) / 100);
});

let fbCode;
test('feedback is sent from a phone and gets a tracking code', T, async () => {
  const { page, baseUrl, shot } = stack;
  await page.goto(`${baseUrl}/#/phan-anh`);
  await page.locator('#fb-form').waitFor();
  await noSideways(page);
  await accessible(page, 'feedback form');
  await page.selectOption('#fb-kind', 'kien_nghi');
  await page.selectOption('#fb-unit', 'VL25.SNV');
  await page.selectOption('#fb-about', 'unit');
  await page.fill('#fb-subject', 'Bố trí thêm ghế chờ <b>ở bộ phận một cửa</b>');
  await page.fill('#fb-content', 'Buổi sáng thứ Hai rất đông, nhiều người phải đứng chờ.');
  await page.fill('#fb-name', 'Lê Văn C');
  await page.click('#fb-submit');
  await page.locator('#fb-notice').waitFor();
  const notice = await page.textContent('#fb-notice');
  fbCode = /PAKN-[0-9A-Z]{10}/.exec(notice)[0];
  await page.locator('#fb-res-status').waitFor();
  assert.equal((await page.textContent('#fb-res-status')).trim(), 'Đã nhận phản ánh, kiến nghị');
  // free text stays text
  assert.equal(await page.locator('#fb-result b').count(), 0);
  await accessible(page, 'feedback tracking');
  await shot('citizens-3-feedback-sent');
});

test('officials handle it in their inbox and the citizen reads the published answer', T, async () => {
  const { page, baseUrl, shot } = stack;
  await page.goto(`${baseUrl}/`);
  await page.waitForFunction(
    () => !document.getElementById('app-view').hidden || !document.getElementById('login-view').hidden,
  );
  if (await page.isVisible('#login-view')) {
    await page.fill('#login', USERS.admin.login);
    await page.fill('#password', USERS.admin.password);
    await page.click('#login-submit');
    await page.locator('#app-view').waitFor({ state: 'visible' });
  }
  await page.goto(`${baseUrl}/#/phan-anh-xu-ly`);
  await page.locator('#ib-table').waitFor();
  const row = page.locator('#ib-table tr', { hasText: fbCode });
  assert.match(await row.locator('.badge').textContent(), /Tiếp nhận: (Còn \d+ ngày|Đến hạn hôm nay)/);
  await noSideways(page);
  await shot('citizens-4-inbox');
  await row.locator('a').click();
  await page.locator('#ib-acknowledge').click();
  await page.locator('#ib-answer').waitFor();
  await page.fill('#ib-note', 'Đơn vị đã bố trí thêm 20 ghế chờ từ ngày 15.');
  await page.locator('#ib-answer').click();
  await page.locator('#ib-publish').waitFor();
  await page.locator('#ib-publish').click();
  await page.waitForFunction(() => !document.getElementById('ib-publish'));
  await page.goto(`${baseUrl}/#/phan-anh/${fbCode}`);
  await page.locator('#fb-res-answer').waitFor();
  assert.match(await page.textContent('#fb-res-answer'), /bố trí thêm 20 ghế chờ/);
  assert.equal((await page.textContent('#fb-res-status')).trim(), 'Đã công khai kết quả');
  await noSideways(page);
  await accessible(page, 'published answer');
  await shot('citizens-5-answer');
});

test('a survey is answered through its public link, once per device', T, async () => {
  const { page, baseUrl, shot } = stack;
  const form = readFileSync(join(ROOT, 'data', 'surveys', 'sipas-2025.json'), 'utf8');
  const imp = await apiCall('POST', '/api/v1/survey-forms', form);
  assert.ok(imp.status === 201 || imp.status === 200);
  const run = await apiCall('POST', '/api/v1/surveys', { form: imp.data.id, unit: 'VL25.SNV', period: '2026' });
  assert.equal(run.status, 201);
  surveyRun = run.data.id;
  const list = await apiCall('GET', '/api/v1/surveys?unit=VL25.SNV');
  const token = list.data.items.find((x) => x.id === run.data.id).token;
  await page.goto(`${baseUrl}/#/khao-sat/${token}`);
  await page.locator('#sv-form').waitFor();
  await noSideways(page);
  await accessible(page, 'survey form');
  await page.check('#sv-TC1-5');
  await page.check('#sv-TC2-4');
  await page.check('#sv-CC1-2');
  await page.selectOption('#sv-demo-gioi_tinh', 'nu');
  await shot('citizens-6-survey');
  await page.click('#sv-submit');
  await page.locator('#sv-thanks').waitFor();
  await accessible(page, 'survey thanks');
  // the same device again
  await page.goto(`${baseUrl}/#/khao-sat/${token}`);
  await page.reload();
  await page.locator('#sv-form').waitFor();
  await page.check('#sv-TC1-1');
  await page.click('#sv-submit');
  await page.waitForFunction(() => !document.getElementById('sv-error').hidden);
  assert.match(await page.textContent('#sv-error'), /đã gửi phiếu/);
  // results: TC = (100 + 100) / 2, CC1 = 0 -> CC = 0; the service component (TC, CC) = 50;
  // the policy component has no answer: overall = 50
  const res = await apiCall('GET', `/api/v1/surveys/${run.data.id}/results`);
  assert.equal(res.data.responses, 1);
  assert.equal(res.data.overall.value, 50);
  assert.equal(res.data.groups.find((g) => g.code === 'TC').value, 100);
  assert.equal(res.data.groups.find((g) => g.code === 'CC').value, 0);
  assert.equal(res.data.groups.find((g) => g.code === 'KQ').value, null);
  await shot('citizens-7-survey-done');
});

test('the official closes the survey, then feeds its result to the plan targets', T, async () => {
  const { page, baseUrl, shot } = stack;
  assert.ok(surveyRun > 0);
  await loginApi();
  await page.goto(`${baseUrl}/#/khao-sat-quan-ly`);
  await page.click(`#sa-results-${surveyRun}`);
  await page.locator('#sa-results').waitFor();
  // an open run cannot feed: its results still change
  assert.equal(await page.isDisabled('#sa-feed'), true);
  assert.match(await page.textContent('#sa-feed-hint'), /Kết thúc đợt khảo sát trước/);
  await page.click('#sa-state');
  await page.locator('#sa-feed:not([disabled])').waitFor();
  assert.match(await page.textContent('#sa-feed-hint'), /đã kết thúc/);
  const runs = await apiCall('GET', '/api/v1/surveys?unit=VL25.SNV');
  assert.equal(runs.data.items.find((x) => x.id === surveyRun).state, 'closed');
  await page.click('#sa-feed');
  await page.locator('#sa-msg', { hasText: /Đã cập nhật \d+ chỉ tiêu/ }).waitFor();
  await noSideways(page);
  await shot('citizens-8-survey-fed');
});

test('no page errors', T, () => {
  assert.deepEqual(pageErrors, []);
});
