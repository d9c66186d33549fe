// cascade.test.mjs - the cascade check in headless Chromium
// (#/ke-hoach/{id}/ra-soat): the demo province plan (data/demo) assigns tasks
// to the departments and districts of T01; the district H0001 has imported
// its own plan with two of them reworded. The page shows "Đã có" for those,
// "Chưa có kế hoạch" for units without a plan, and the standing agency's
// confirmation overrides a row. The real Vĩnh Long 2024 plan (about 2,000
// task x unit rows) is paged by the server with its count, filtered, sorted,
// exported and printed, at desktop and at phone size (390 x 844).
// Screenshots: build/screenshots/cascade-*.png.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT, USERS, sharedStack, signIn, testOptions } from './harness.mjs';

const T = testOptions(60000);
const PROVINCE = join(ROOT, 'data', 'demo', 'ke-hoach-cchc-T01-2024.txt');
const DISTRICT = join(ROOT, 'data', 'demo', 'ke-hoach-cchc-H0001-2024.txt');
const VLG = join(ROOT, 'data', 'plans', '002_f2f413426d7afbab.txt'); // plan #3

const suite = sharedStack(
  {
    dossiers: 200,
    plans: [[PROVINCE, 'T01'], [DISTRICT, 'H0001'], VLG],
  },
  { timeout: 120000 },
);

test('the plan page leads to the check of the assigned units plans', T, async () => {
  const { page, baseUrl, shot } = suite.stack;
  await signIn(suite.stack, USERS.admin, '#units-view');
  await page.goto(`${baseUrl}/#/ke-hoach/1`);
  await page.locator('#plan-cascade-link').click();
  await page.locator('#cas-rows tbody tr').first().waitFor();
  // one page of rows at a time, with the count (issue 10 item 5)
  assert.match(await page.textContent('#cas-range'), /^1–\d+ \/ \d+$/);
  assert.ok((await page.locator('#cas-rows tbody tr').count()) <= 50);
  assert.equal(new URL(page.url()).hash, '#/ke-hoach/1/ra-soat');
  const h1 = page.locator('#cas-rows tbody tr[data-unit="H0001"]');
  const states = await h1.locator('.cas-badge').allTextContents();
  assert.deepEqual(states.sort(), ['Chưa có', 'Đã có', 'Đã có']);
  const other = await page.$$eval('#cas-rows tbody tr[data-unit="S0001"] .cas-badge', (n) =>
    n.map((x) => x.textContent),
  );
  assert.ok(other.length > 0 && other.every((x) => x === 'Chưa có kế hoạch'));
  await shot('cascade-1-check');
});

test('the standing agency confirms a missing task as covered', T, async () => {
  const { page, shot } = suite.stack;
  await page.selectOption('#cas-unit', 'H0001');
  const missing = page.locator('#cas-rows tbody tr.cas-missing').first();
  const task = await missing.getAttribute('data-task');
  await missing.locator('.cas-yes').click();
  const row = page.locator(`#cas-rows tbody tr[data-task="${task}"][data-unit="H0001"]`);
  await row.locator('.cas-badge', { hasText: 'Đã có' }).waitFor();
  assert.match(await row.textContent(), /Đã xác nhận bởi admin/);
  await shot('cascade-2-confirmed');
  assert.deepEqual(suite.pageErrors, []);
});

// "1.996" -> 1996
const count = (text) => Number(text.replace(/\./g, ''));

// Runs action and waits for the page of rows it asked for to be shown:
// the answer (returned) and the range under it.
async function listAfter(page, action) {
  const waiting = page.waitForResponse((r) => /\/api\/v1\/plans\/3\/cascade\?.*limit=50/.test(r.url()));
  await action();
  const d = await (await waiting).json();
  const to = Math.min(d.offset + 50, d.total);
  await page.waitForFunction(
    ([from, last, total]) => {
      const fmt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      const r = document.querySelector('#cas-range');
      return r && r.textContent === `${fmt(from)}–${fmt(last)} / ${fmt(total)}`;
    },
    [d.total ? d.offset + 1 : 0, to, d.total],
  );
  return d;
}

test('the province plan is paged by the server, filtered, sorted, exported and printed', T, async () => {
  const { page, baseUrl, shot, context } = suite.stack;
  await page.setViewportSize({ width: 1280, height: 900 });
  const first = await listAfter(page, () => page.goto(`${baseUrl}/#/ke-hoach/3/ra-soat`));
  const range = await page.textContent('#cas-range');
  assert.match(range, /^1–50 \/ \d\.\d{3}$/); // Vietnamese thousands (issue 10 item 5)
  const total = count(range.split(' / ')[1]);
  assert.equal(total, first.total);
  assert.ok(total > 1000);
  assert.equal(await page.locator('#cas-rows tbody tr').count(), 50);
  assert.ok((await page.evaluate(() => document.querySelectorAll('#cascade-view *').length)) < 3000);
  await listAfter(page, () => page.click('#cas-next'));
  assert.match(await page.textContent('#cas-range'), /^51–100 \//);
  // the result filter shows each count; no unit of this plan has a plan
  const opts = await page.$$eval('#cas-state option', (o) => o.map((x) => x.textContent));
  assert.ok(opts.includes(`Chưa có kế hoạch (${range.split(' / ')[1]})`), opts.join('|'));
  // a unit with its subtree: the district and its communes only
  await listAfter(page, () => page.selectOption('#cas-unit', 'VLG.H.LONGHO'));
  const tree = await listAfter(page, () => page.check('#cas-tree'));
  const units = await page.$$eval('#cas-rows tbody tr', (r) => [...new Set(r.map((x) => x.dataset.unit))]);
  assert.ok(units.length > 1 && units.every((u) => u.startsWith('VLG.H.LONGHO')), units.join());
  assert.ok(tree.rows.every((r) => r.unit.code.startsWith('VLG.H.LONGHO')));
  // text, accent-insensitive; sorted by unit, descending
  await listAfter(page, () => page.uncheck('#cas-tree'));
  await listAfter(page, () => page.selectOption('#cas-unit', ''));
  await page.fill('#cas-q', 'tuyen truyen');
  const found = (await listAfter(page, () => page.press('#cas-q', 'Enter'))).total;
  assert.ok(found > 50 && found < total);
  const titles = await page.$$eval('#cas-rows .cas-task-title', (n) => n.map((x) => x.textContent));
  assert.ok(
    titles.every((x) => /tuyên truyền/i.test(x)),
    titles.join('|'),
  );
  await listAfter(page, () => page.selectOption('#cas-sort', 'unit'));
  await listAfter(page, () => page.check('#cas-desc'));
  const names = await page.$$eval('#cas-rows tbody tr td:nth-child(2)', (n) => n.map((x) => x.textContent));
  assert.ok(names[0].localeCompare(names[names.length - 1], 'vi') >= 0, names.join('|'));
  assert.equal(await page.inputValue('#cas-q'), 'tuyen truyen'); // the filters stay as typed
  await shot('cascade-3-province-paged');
  // the export is the filtered list as a workbook
  const href = await page.getAttribute('#cas-export', 'href');
  assert.match(href, /^\/api\/v1\/plans\/3\/cascade\/export\.xlsx\?.*q=tuyen\+truyen.*sort=unit.*desc=1/);
  const resp = await context.request.get(`${baseUrl}${href}`);
  assert.equal(resp.status(), 200);
  assert.match(resp.headers()['content-type'], /spreadsheetml/);
  assert.match(resp.headers()['content-disposition'], /ra-soat-ke-hoach-3\.xlsx/);
  // the print view holds every filtered row, not the page
  await page.evaluate(() => {
    window.print = () => {
      window.printedRows = document.querySelectorAll('#cas-print tbody tr').length;
    };
  });
  await page.click('#cas-print-btn');
  await page.waitForFunction(() => window.printedRows !== undefined);
  assert.equal(await page.evaluate(() => window.printedRows), found);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => document.body.classList.add('printing-list'));
  assert.equal(await page.isVisible('#cascade-view'), false);
  await shot('cascade-4-print');
  await page.evaluate(() => document.body.classList.remove('printing-list'));
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(suite.pageErrors, []);
});

test('the cascade check fits a phone', T, async () => {
  const { page, baseUrl, shot } = suite.stack;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${baseUrl}/#/ke-hoach/1`);
  await page.goto(`${baseUrl}/#/ke-hoach/3/ra-soat`);
  await page.locator('#cas-rows tbody tr').first().waitFor();
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 390, `page width ${w} > 390`);
  // the task comes first; the table scrolls inside its card
  const row = page.locator('#cas-rows tbody tr').first();
  const task = await row.locator('.cas-task').boundingBox();
  assert.ok(task.x >= 0 && task.x < 100);
  const wrap = await page.locator('#cas-rows').boundingBox();
  assert.ok(wrap.x + wrap.width <= 390);
  assert.ok(await page.isVisible('#cas-next'));
  await shot('cascade-5-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.deepEqual(suite.pageErrors, []);
});
