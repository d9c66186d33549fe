// kpi.test.mjs - the KPI explorer (#/chi-so) in headless Chromium on a
// database with demo dossiers (harness: `cchc gen` + ingest, province T01):
// login, navigation, the unit picker limited to units in scope, the period
// picker's codes, then either the indicator table (with the explain list of
// a row) or a clear Vietnamese error in place, never invented figures.
// Tests run in order on one page. Screenshots: build/screenshots/kpi-*.png.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { DEMO_UNIT, DEMO_YEAR, USERS, sharedStack, signIn, testOptions } from './harness.mjs';

const T = testOptions(30000);
let kpiAnswer = null; // {status, body} of the last /api/v1/kpi answer

// 401 (/me before login) and 404 (endpoint not on this server yet) are answers the page shows.
const suite = sharedStack({ dossiers: 2000 }, { expected: /status of 40[14]/, timeout: 90000 });

// Submits the form and returns the query of the /api/v1/kpi request made.
async function submitKpi(page) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/kpi'),
    page.click('#kpi-submit'),
  ]);
  kpiAnswer = { status: resp.status(), body: await resp.json().catch(() => null) };
  await page.waitForFunction(
    () => !document.getElementById('kpi-result').hidden || !document.getElementById('kpi-error').hidden,
  );
  return new URL(resp.url()).searchParams;
}

test('an official logs in and opens the KPI explorer from the navigation', T, async () => {
  const { page } = suite.stack;
  await signIn(suite.stack, USERS.admin, '#units-view');
  assert.deepEqual(await page.locator('.nav-link').allTextContents(), [
    'Tổng quan',
    'Cây đơn vị',
    'Chỉ số',
    'Kế hoạch',
    'Nhiệm vụ',
    'Nhập kế hoạch',
    'Xếp hạng',
    'Báo cáo',
    'Chấm điểm CCHC',
    'Phản ánh, kiến nghị',
    'Khảo sát hài lòng',
    'Tra cứu hồ sơ',
    'Người dùng', // an admin manages users
    'Nhật ký', // an admin reads the audit trail
  ]);
  await page.click('.nav-link[data-page="kpi"]');
  await page.locator('#kpi-view').waitFor({ state: 'visible' });
  assert.equal(await page.isHidden('#units-view'), true);
  assert.equal(await page.getAttribute('.nav-link[data-page="kpi"]', 'aria-current'), 'page');
  assert.equal((await page.textContent('#kpi-title')).trim(), 'Chỉ số giải quyết thủ tục hành chính');
  assert.equal(new URL(page.url()).hash, '#/chi-so');
});

test('the unit picker lists the units in scope and filters without accents', T, async () => {
  const { page } = suite.stack;
  await page.locator(`#kpi-unit option[value="${DEMO_UNIT}"]`).waitFor({ state: 'attached' });
  const inScope = await page.evaluate(async () => {
    const r = await fetch('/api/v1/units');
    return (await r.json()).units.filter((u) => u.in_scope !== false).length;
  });
  assert.equal(await page.locator('#kpi-unit option').count(), inScope);
  await page.fill('#kpi-unit-filter', 'thu nghiem');
  await page.waitForFunction(() => document.querySelectorAll('#kpi-unit option').length === 1);
  assert.match(await page.textContent('#kpi-unit option'), /UBND tỉnh Thử Nghiệm \(T01\)/);
  assert.equal(await page.inputValue('#kpi-unit'), DEMO_UNIT);
});

test('the period picker makes the period codes or date ranges', T, async () => {
  const { page } = suite.stack;
  // the latest year with data by default, never a future year (issue 10 item 13)
  await page.waitForFunction((y) => document.getElementById('kpi-year').value === String(y), DEMO_YEAR);
  const years = await page.$$eval('#kpi-year option', (o) => o.map((x) => Number(x.value)));
  assert.equal(Math.max(...years), new Date().getFullYear());
  await page.selectOption('#kpi-year', String(DEMO_YEAR));
  const y = DEMO_YEAR;
  // Cumulative reporting periods (6, 9 months) go as date ranges.
  const cases = [
    ['month', '1', { period: `${y}M01` }],
    ['nine', null, { from: `${y}-01-01`, to: `${y}-09-30` }],
    ['half', null, { from: `${y}-01-01`, to: `${y}-06-30` }],
    ['year', null, { period: `${y}` }],
    ['quarter', '1', { period: `${y}Q1` }],
  ];
  for (const [kind, sub, expected] of cases) {
    await page.selectOption('#kpi-kind', kind);
    assert.equal(await page.isVisible('#kpi-sub'), sub !== null, kind);
    if (sub) await page.selectOption('#kpi-sub', sub);
    const q = await submitKpi(page);
    for (const [k, v] of Object.entries(expected)) assert.equal(q.get(k), v, `${kind} ${k}`);
    assert.equal(q.get('unit'), DEMO_UNIT);
    assert.equal(q.get('tree'), '1');
  }
  assert.equal((await page.textContent('#kpi-sub-label')).trim(), 'Quý');
});

test('the indicators of the demo province, or a clear error in place', T, async () => {
  const { page, shot } = suite.stack;
  const q = await submitKpi(page); // 2024Q1, with subordinate units
  assert.equal(q.get('period'), `${DEMO_YEAR}Q1`);
  if (kpiAnswer.status !== 200) {
    // The server refused (or does not have the endpoint yet): its Vietnamese
    // message is shown in place, the choices are kept, no figure is shown.
    const msg = (await page.textContent('#kpi-error')).trim();
    assert.equal(msg, kpiAnswer.body.error.message);
    assert.match(msg, /[àáảãạăâđèéêìíòóôơùúưỳý]/i, 'a Vietnamese message');
    assert.equal(await page.isHidden('#kpi-result'), true);
    assert.equal(await page.inputValue('#kpi-unit'), DEMO_UNIT);
    assert.equal(await page.inputValue('#kpi-kind'), 'quarter');
    await shot('kpi-1-error');
    return;
  }
  const body = kpiAnswer.body;
  await page.locator('#kpi-rows tr.kpi-row').first().waitFor();
  assert.equal(await page.locator('#kpi-rows tr.kpi-row').count(), Object.keys(body.indicators).length);
  const row = page.locator('tr.kpi-row[data-indicator="tthc.on_time"]');
  assert.equal((await row.locator('.link-btn').textContent()).trim(), 'Tỷ lệ hồ sơ giải quyết đúng hạn');
  // the internal id only in a tooltip; no target here: a neutral bar
  assert.equal(await row.locator('.link-btn').getAttribute('title'), 'tthc.on_time');
  assert.doesNotMatch(await row.textContent(), /tthc\.on_time/);
  assert.equal(await row.getAttribute('data-state'), 'neutral');
  const ind = body.indicators['tthc.on_time'];
  const value = (await row.locator('.kpi-value').textContent()).trim();
  if (ind.value === null) assert.equal(value, '—');
  else
    assert.equal(
      value,
      `${ind.value.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`,
    );
  const received = (await page.textContent('.count-received dd')).trim();
  assert.equal(received, body.received.toLocaleString('vi-VN'));
  assert.ok(body.received > 0, 'the demo ledger has dossiers in the quarter');
  assert.match(
    await page.textContent('#kpi-caption'),
    new RegExp(`^UBND tỉnh Thử Nghiệm \\(T01\\) · Quý I/${DEMO_YEAR} \\(01/01/${DEMO_YEAR} – 31/03/${DEMO_YEAR}\\)`),
  );
  await shot('kpi-1-indicators');

  // A row opens the dossiers behind the figure.
  await row.locator('.link-btn').click();
  await page.locator('#kpi-explain').waitFor({ state: 'visible' });
  await page.waitForFunction(() => !/Đang tải/.test(document.getElementById('kpi-explain-status').textContent));
  assert.match(await page.textContent('#kpi-explain-title'), /Tỷ lệ hồ sơ giải quyết đúng hạn/);
  const explainError = await page.isVisible('#kpi-explain-error');
  if (!explainError) {
    const rows = await page.locator('#kpi-explain-table tbody tr').count();
    assert.ok(rows > 0 && rows <= 50, `${rows} rows on the first page`);
    if (await page.locator('#kpi-explain-table th[data-key="code"]').count()) {
      assert.equal((await page.textContent('#kpi-explain-table th[data-key="code"]')).trim(), 'Mã hồ sơ');
    }
    // status codes in words
    const statusCol = await page.$$eval('#kpi-explain-table th', (h) => h.findIndex((x) => x.dataset.key === 'status'));
    if (statusCol >= 0) {
      const cells = await page.$$eval(`#kpi-explain-table tbody tr td:nth-child(${statusCol + 1})`, (n) =>
        n.map((x) => x.textContent),
      );
      for (const c of cells) assert.doesNotMatch(c, /^\d+$/);
    }
    if (ind.den > 50) {
      assert.equal(await page.isEnabled('#kpi-next'), true);
      await page.click('#kpi-next');
      await page.waitForFunction(() => /^Trang 2/.test(document.getElementById('kpi-page').textContent));
      assert.equal(await page.isEnabled('#kpi-prev'), true);
    }
  }
  await shot('kpi-2-explain');
});

test('the table is exported to an Excel workbook with a row per subordinate unit', T, async () => {
  const { page } = suite.stack;
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#kpi-export')]);
  assert.match(
    download.suggestedFilename(),
    new RegExp(`^chi-so-${DEMO_UNIT}-${DEMO_YEAR}-01-01-${DEMO_YEAR}-03-31\\.xlsx$`),
  );
  const path = await download.path();
  const bytes = readFileSync(path);
  assert.ok(bytes.length > 2000);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
});

test('the EN switch translates the explorer', T, async () => {
  const { page, shot } = suite.stack;
  await page.click('.lang-btn[data-lang="en"]');
  assert.equal((await page.textContent('#kpi-title')).trim(), 'Administrative procedure indicators');
  assert.equal((await page.textContent('.nav-link[data-page="kpi"]')).trim(), 'Indicators');
  assert.equal((await page.textContent('label[for="kpi-year"]')).trim(), 'Year');
  assert.equal(await page.inputValue('#kpi-unit'), DEMO_UNIT);
  if (kpiAnswer.status === 200) {
    assert.equal(
      (await page.locator('tr[data-indicator="tthc.on_time"] .link-btn').textContent()).trim(),
      'Dossiers resolved on time',
    );
  } else if (kpiAnswer.body?.error?.message_en) {
    assert.equal((await page.textContent('#kpi-error')).trim(), kpiAnswer.body.error.message_en);
  }
  await shot('kpi-3-english');
  await page.click('.lang-btn[data-lang="vi"]');
  assert.equal((await page.textContent('#kpi-title')).trim(), 'Chỉ số giải quyết thủ tục hành chính');
});

test('no script error or CSP violation on the page', T, () => {
  assert.deepEqual(suite.pageErrors, []);
});
