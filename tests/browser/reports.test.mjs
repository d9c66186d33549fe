// reports.test.mjs - periodic reports in headless Chromium (#/bao-cao): with
// 2,000 demo dossiers of 2024 under the province T01, the CCHC officer of
// Sở Tài chính 1 (S0001) opens the reporting calendar, drafts the quarter-I
// report (the one-stop table beside the text equals the API's figures), edits
// a section (autosaved, kept over a reload, HTML shown as text), submits it
// late; the standing office of T01 sees it in its matrix, returns it with a
// reason; the officer gets a notice, corrects and resubmits; the standing
// office accepts it, compares frozen and live figures, quotes the section in
// its own report and downloads DOCX and PDF. The calendar and the editor fit
// a phone. Screenshots: build/screenshots/reports-*.png.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { DEMO_YEAR, sharedStack, submitLogin, testOptions } from './harness.mjs';

const T = testOptions(90000);
const OFFICER = {
  login: 'canbo.s1',
  password: 'mat-khau-s1',
  role: 'officer',
  unit: 'S0001',
  name: 'Trần Văn Báo Cáo',
};
const STANDING = {
  login: 'thuongtruc.t01',
  password: 'mat-khau-thuong-truc',
  role: 'standing',
  unit: 'T01',
  name: 'Lê Thị Thường Trực',
};
const XSS = '<img src=x onerror="window.__xss=1">';
let reportId;

// 401 (/me before login) is an answer the page handles.
const suite = sharedStack(
  { dossiers: 2000, users: [OFFICER, STANDING] },
  {
    timeout: 120000,
    ready: async (stack) => {
      stack.page.on('dialog', (d) => d.accept());
    },
  },
);

async function login(user) {
  const { page, baseUrl } = suite.stack;
  if (await page.isVisible('#logout')) await page.click('#logout');
  else await page.goto(`${baseUrl}/#/bao-cao`);
  await submitLogin(page, user);
}

async function apiGet(path) {
  return suite.stack.page.evaluate(async (p) => {
    const r = await fetch(p, { credentials: 'same-origin' });
    return { status: r.status, data: await r.json() };
  }, path);
}

async function chooseYear() {
  const { page } = suite.stack;
  await page.locator('#rep-calendar').waitFor();
  await page.selectOption('#rep-year', String(DEMO_YEAR));
  await page
    .locator('#rep-calendar tbody tr', { hasText: `${DEMO_YEAR}` })
    .first()
    .waitFor();
}

// The row of the quarter-I report (not quarter III).
function quarterOne() {
  return suite.stack.page.locator('#rep-calendar tbody tr', {
    has: suite.stack.page.locator('td:first-child', { hasText: /^Báo cáo quý I$/ }),
  });
}

async function openCalendar() {
  const { page } = suite.stack;
  await page.click('.nav-link[data-page="reports"]');
  await chooseYear();
}

test('the officer sees what the unit owes and drafts the quarter-I report', T, async () => {
  const { page, shot } = suite.stack;
  await login(OFFICER);
  await openCalendar();
  const rows = await page.$$eval('#rep-calendar tbody tr td:first-child', (tds) => tds.map((d) => d.textContent));
  assert.ok(rows.includes('Báo cáo quý I'), rows.join(' | '));
  assert.ok(rows.includes('Báo cáo năm'));
  // Every report of a past year is overdue until it is sent.
  const q1 = quarterOne();
  assert.match(await q1.locator('td.overdue').textContent(), /Quá hạn \d+ ngày làm việc/);
  assert.match(await page.textContent('#reports-view'), /Gửi: UBND tỉnh Thử Nghiệm/);
  await shot('reports-calendar');
  await q1.locator('button', { hasText: 'Soạn báo cáo' }).click();
  await page.locator('#rep-onestop').waitFor();
  reportId = Number(/#\/bao-cao\/(\d+)/.exec(new URL(page.url()).hash)[1]);
  assert.ok(reportId > 0);
  assert.equal(await page.textContent('#rep-status'), 'Đang soạn');
  // The one-stop table shows the figures the API computed from the ledger.
  const r = await apiGet(`/api/v1/reports/${reportId}`);
  assert.equal(r.status, 200);
  const o = r.data.figures.onestop;
  assert.ok(o.received > 0, 'the quarter has dossiers');
  const cells = await page.$$eval('#rep-onestop tbody td', (tds) => tds.map((d) => d.textContent.replace(/\D/g, '')));
  assert.equal(Number(cells[0]), o.received);
  assert.equal(Number(cells[4]), o.resolved);
  // The draft sentences are offered in the text boxes.
  const drafts = await page.$$eval('.rep-text', (as) => as.filter((a) => a.value.length > 0).length);
  assert.ok(drafts > 0, 'draft text is offered');
  await shot('reports-editor');
});

test('a section is autosaved, kept over a reload and shown as text', T, async () => {
  const { page } = suite.stack;
  const area = page.locator('.rep-text:not([readonly])').first();
  const code = await area.evaluate((a) => a.closest('section').dataset.code);
  const text = `Đơn vị đã rà soát, công khai đầy đủ thủ tục hành chính. ${XSS}`;
  await area.fill(text);
  await area.blur();
  const status = page.locator(`section[data-code="${code}"] .rep-save-status`);
  await status.filter({ hasText: 'Đã lưu' }).waitFor();
  await page.reload();
  await page.locator('#rep-onestop').waitFor();
  assert.equal(await page.locator(`section[data-code="${code}"] .rep-text`).inputValue(), text);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
});

test('the officer submits late; the figures are frozen', T, async () => {
  const { page } = suite.stack;
  await page.click('#rep-submit');
  await page.locator('#rep-status', { hasText: 'Đã gửi' }).waitFor();
  assert.match(await page.textContent('.rep-head'), /Gửi trễ \d+ ngày làm việc/);
  assert.match(await page.textContent('.rep-head'), /Số liệu đã chốt lúc/);
  assert.equal(await page.locator('#rep-submit').count(), 0);
  assert.equal(await page.locator('.rep-text:not([readonly])').count(), 0, 'a sent report is read-only');
});

test('the standing office sees it in the matrix and returns it with a reason', T, async () => {
  const { page, baseUrl, shot } = suite.stack;
  await login(STANDING);
  await page.goto(`${baseUrl}/#/bao-cao/tiep-nhan?don-vi=T01&nam=${DEMO_YEAR}`);
  await page.locator('#rep-matrix').waitFor();
  const row = page.locator('#rep-matrix tbody tr', { hasText: 'Sở Tài chính 1' });
  assert.match(await row.textContent(), /Đã gửi/);
  assert.match(await page.textContent('#rep-matrix'), /Chưa gửi/);
  await shot('reports-matrix');
  // The column's sent reports in one ZIP.
  const [zip] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#rep-matrix th a.rep-all').first().click(),
  ]);
  assert.equal(
    readFileSync(await zip.path())
      .subarray(0, 2)
      .toString('latin1'),
    'PK',
  );
  // An ad hoc report asked of the senders appears as a new column.
  await page.click('.rep-adhoc summary');
  await page.fill('#rep-adhoc-id', 'kt-2024');
  await page.fill('#rep-adhoc-title', 'Báo cáo kiểm tra công tác CCHC');
  await page.fill('#rep-adhoc-from', `${DEMO_YEAR}-01-01`);
  await page.fill('#rep-adhoc-to', `${DEMO_YEAR}-04-30`);
  await page.fill('#rep-adhoc-due', `${DEMO_YEAR}-05-10`);
  await page.click('.rep-adhoc button[type="submit"]');
  await page.locator('#rep-matrix th', { hasText: 'Báo cáo kiểm tra công tác CCHC' }).waitFor();
  await page.locator(`#rep-matrix a[href="#/bao-cao/${reportId}"]`).click();
  await page.locator('#rep-return').waitFor();
  // A return needs a reason.
  await page.click('#rep-return');
  await page.locator('#reports-view .form-error:not([hidden])').waitFor();
  await page.fill('#rep-reason', 'Bổ sung kết quả kiểm soát thủ tục hành chính quý I.');
  await page.click('#rep-return');
  await page.locator('#rep-status', { hasText: 'Bị trả lại' }).waitFor();
});

test('the officer is told, corrects and resubmits', T, async () => {
  const { page } = suite.stack;
  await login(OFFICER);
  await page.locator('.nav-link[data-page="reports"] .nav-badge:not([hidden])').waitFor();
  await page.click('.nav-link[data-page="reports"]');
  await page.locator('.notice', { hasText: 'trả lại' }).first().waitFor();
  await page.goto(`${new URL(page.url()).origin}/#/bao-cao/${reportId}`);
  await page.locator('#rep-status', { hasText: 'Bị trả lại' }).waitFor();
  assert.match(await page.textContent('.rep-head'), /Bổ sung kết quả kiểm soát/);
  const area = page.locator('.rep-text:not([readonly])').first();
  await area.fill('Đã bổ sung: kiểm soát 100% thủ tục hành chính trong quý I.');
  await area.blur();
  await page.locator('.rep-save-status', { hasText: 'Đã lưu' }).first().waitFor();
  await page.click('#rep-submit');
  await page.locator('#rep-status', { hasText: 'Đã gửi' }).waitFor();
});

test('the standing office accepts, compares, quotes and downloads', T, async () => {
  const { page, baseUrl, shot } = suite.stack;
  await login(STANDING);
  await page.goto(`${baseUrl}/#/bao-cao/${reportId}`);
  await page.locator('#rep-accept').waitFor();
  await page.click('#rep-accept');
  await page.locator('#rep-status', { hasText: 'Đã tiếp nhận' }).waitFor();
  await page.click('#rep-compare');
  await page.locator('#rep-compare-table, .rep-actions p.muted').first().waitFor();
  // The province's own report quotes the department's section.
  await page.goto(`${baseUrl}/#/bao-cao`);
  await chooseYear();
  const q1 = quarterOne();
  await q1.locator('button', { hasText: 'Soạn báo cáo' }).click();
  await page.locator('.quote select').first().waitFor();
  const quote = page.locator('.quote').first();
  await quote.locator('select').selectOption({ label: 'Sở Tài chính 1' });
  await quote.locator('button').click();
  const section = quote.locator('xpath=..');
  await page.waitForFunction(
    (el) => el.querySelector('.rep-text').value.includes('Sở Tài chính 1'),
    await section.elementHandle(),
  );
  await shot('reports-quote');
  // The preview shows the PDF in the browser rather than saving it.
  const href = await page.getAttribute('#rep-preview', 'href');
  const pv = await page.request.get(new URL(href, baseUrl).toString());
  assert.equal(pv.status(), 200);
  assert.match(pv.headers()['content-disposition'], /^inline/);
  assert.equal((await pv.body()).subarray(0, 4).toString('latin1'), '%PDF');
  for (const [fmt, magic] of [
    ['docx', 'PK'],
    ['pdf', '%PDF'],
  ]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(`#rep-dl-${fmt}`)]);
    const file = await download.path();
    const head = readFileSync(file).subarray(0, magic.length).toString('latin1');
    assert.equal(head, magic, `${fmt} download`);
    assert.match(download.suggestedFilename(), new RegExp(`\\.${fmt}$`));
  }
});

test('the calendar and the editor fit a phone', T, async () => {
  const { page, shot } = suite.stack;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.reload();
    await page.locator('.rep-text').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no sideways scrolling (overflow ${overflow}px)`);
    await shot('reports-phone-editor');
    await page.click('.nav-link[data-page="reports"]');
    await chooseYear();
    await shot('reports-phone-calendar');
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  assert.deepEqual(suite.pageErrors, []);
});
