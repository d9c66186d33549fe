// phone.test.mjs - the dashboard, the task list, a task and a plan at phone
// size (390 × 844, issue 10 item 15): nothing is cut or widens the page
// (tables scroll inside their card, a select is never wider than its box),
// task rows start with the task's name, the chart fits. Screenshots: build/screenshots/phone-*.png.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';

import { DEMO_UNIT, ROOT, SHOTS, USERS, sharedStack, signIn, testOptions } from './harness.mjs';

const T = testOptions(60000);
const PLAN = join(ROOT, 'data', 'demo', 'ke-hoach-cchc-T01-2024.txt');
const PLAN2 = join(ROOT, 'data', 'plans', '002_f2f413426d7afbab.txt');

const suite = sharedStack(
  { dossiers: 1500, plans: [PLAN, PLAN2] },
  {
    timeout: 120000,
    ready: async (stack) => {
      await stack.page.setViewportSize({ width: 390, height: 844 });
    },
  },
);

// The page itself never scrolls sideways: wide content scrolls in its box.
async function noSideways(page) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= 390, `page width ${w} > 390`);
}

test('the dashboard fits a phone', T, async () => {
  const { page, baseUrl, shot } = suite.stack;
  await signIn(suite.stack, USERS.admin);
  await page.goto(`${baseUrl}/#/tong-quan`);
  await page.locator('#dash-unit').waitFor();
  await page.selectOption('#dash-unit', DEMO_UNIT);
  await page.locator('#dash-targets .tbar').first().waitFor();
  await page.locator('#dash-trend canvas').first().waitFor();
  const chart = await page.locator('#dash-trend .uplot').boundingBox();
  assert.ok(chart.x >= 0 && chart.x + chart.width <= 390, `chart ${chart.x}+${chart.width}`);
  await noSideways(page);
  await shot('phone-1-dashboard');
  assert.deepEqual(suite.pageErrors, []);
});

test('task rows start with the task name and the table scrolls in its card', T, async () => {
  const { page, baseUrl, shot } = suite.stack;
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
  assert.deepEqual(suite.pageErrors, []);
});

test('a task detail fits a phone', T, async () => {
  const { page, shot } = suite.stack;
  await page.locator('.tasks-table tbody tr .task-link').first().click();
  await page.locator('#upd-status').waitFor();
  await noSideways(page);
  const form = await page.locator('#task-update').boundingBox();
  assert.ok(form.x + form.width <= 390);
  await shot('phone-3-task');
  assert.deepEqual(suite.pageErrors, []);
});

test('a plan fits a phone: the area filter shrinks to the screen', T, async () => {
  const { page, baseUrl, shot } = suite.stack;
  await page.goto(`${baseUrl}/#/ke-hoach`);
  await page.locator('.plan-row .plan-title a').first().click();
  await page.locator('#plan-area option').nth(1).waitFor({ state: 'attached' });
  const area = await page.locator('#plan-area').boundingBox();
  assert.ok(area.x >= 0 && area.x + area.width <= 390, `area filter ends at ${area.x + area.width}`);
  await noSideways(page);
  await shot('phone-4-plan');
  assert.deepEqual(suite.pageErrors, []);
});
