// phone.test.mjs - the dashboard, the task list and a task at phone size
// (390 × 844, issue 10 item 15): nothing is cut or widens the page (tables
// scroll inside their card), task rows start with the task's name, the
// chart fits. Screenshots: build/screenshots/phone-*.png.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { DEMO_UNIT, ROOT, SHOTS, USERS, missingPrerequisite, startStack } from './harness.mjs';

const skip = missingPrerequisite();
const T = { timeout: 60000, skip: skip ?? false };
const PLAN = join(ROOT, 'data', 'demo', 'ke-hoach-cchc-T01-2024.txt');
const PLAN2 = join(ROOT, 'data', 'plans', '002_f2f413426d7afbab.txt');
let stack;
const pageErrors = [];

before(
  async () => {
    if (skip) return;
    stack = await startStack({ dossiers: 1500, plans: [PLAN, PLAN2] });
    stack.page.on('pageerror', (err) => pageErrors.push(err.message));
    stack.page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of 401/.test(msg.text())) pageErrors.push(msg.text());
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

// The page itself never scrolls sideways: wide content scrolls in its box.
async function noSideways(page) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 390, `page width ${w} > 390`);
}

test('the dashboard fits a phone', T, async () => {
  const { page, baseUrl, shot } = stack;
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-view').waitFor({ state: 'visible' });
  await page.fill('#login', USERS.admin.login);
  await page.fill('#password', USERS.admin.password);
  await page.click('#login-submit');
  await page.locator('#app-view').waitFor({ state: 'visible' });
  await page.goto(`${baseUrl}/#/tong-quan`);
  await page.locator('#dash-unit').waitFor();
  await page.selectOption('#dash-unit', DEMO_UNIT);
  await page.locator('#dash-targets .tbar').first().waitFor();
  await page.locator('#dash-trend canvas').first().waitFor();
  const chart = await page.locator('#dash-trend .uplot').boundingBox();
  assert.ok(chart.x >= 0 && chart.x + chart.width <= 390, `chart ${chart.x}+${chart.width}`);
  await noSideways(page);
  await shot('phone-1-dashboard');
  assert.deepEqual(pageErrors, []);
});

test('task rows start with the task name and the table scrolls in its card', T, async () => {
  const { page, baseUrl, shot } = stack;
  await page.goto(`${baseUrl}/#/nhiem-vu`);
  await page.locator('.tasks-table tbody tr').first().waitFor();
  const row = page.locator('.tasks-table tbody tr').first();
  const name = await row.locator('.task-link').boundingBox();
  const due = await row.locator('td').first().boundingBox();
  assert.ok(name.y < due.y, 'the task name comes first');
  assert.ok(name.x + name.width <= 390);
  await noSideways(page);
  await shot('phone-2-task-list');
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, 'phone-2b-task-rows.png') }); // the screen as seen
  assert.deepEqual(pageErrors, []);
});

test('a task detail fits a phone', T, async () => {
  const { page, shot } = stack;
  await page.locator('.tasks-table tbody tr .task-link').first().click();
  await page.locator('#upd-status').waitFor();
  await noSideways(page);
  const form = await page.locator('#task-update').boundingBox();
  assert.ok(form.x + form.width <= 390);
  await shot('phone-3-task');
  assert.deepEqual(pageErrors, []);
});
