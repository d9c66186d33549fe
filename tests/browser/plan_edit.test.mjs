// plan_edit.test.mjs - the plan editor (issue 14 items 3-4) in headless
// Chromium: in the import preview of the shared plan data/plans/002 an
// official edits a title and a deadline (its meaning shown as it is typed),
// deletes a task, sees the summary per area, imports the corrected plan;
// then reopens the stored plan with "Sửa kế hoạch" and edits a task in place
// (kept after a reload, recorded in the plan's edits).
// Tests run in order on one page. Screenshots: build/screenshots/plan-edit-*.png.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';

import { ROOT, SHOTS, USERS, sharedStack, signIn, testOptions } from './harness.mjs';

const T = testOptions(60000);
const PLAN = join(ROOT, 'data', 'plans', '002_f2f413426d7afbab.txt');
let planId = null;

const suite = sharedStack({}, { expected: /status of 40[01]/, timeout: 90000 });

const row = (box, i) => `${box} .task-row[data-index="${i}"]`;

// Runs act and waits for the answer of the API path (method POST).
async function answer(page, path, act) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === path && r.request().method() === 'POST'),
    act(),
  ]);
  return resp;
}

// A screenshot of the viewport around sel (the pages are long).
async function shotAt(page, sel, name) {
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -120));
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function settled(page) {
  await page.waitForFunction(() => document.getElementById('import-status').hidden);
}

test('the preview of plan 002 opens with the editor and the summary per area', T, async () => {
  const { page } = suite.stack;
  await signIn(suite.stack, USERS.admin, '#units-view');
  await page.click('.nav-link[data-page="import"]');
  await page.locator('#import-view').waitFor({ state: 'visible' });
  await page.setInputFiles('#import-file', PLAN);
  const resp = await answer(page, '/api/v1/plans/parse', () => page.click('#import-preview-btn'));
  assert.equal(resp.status(), 200);
  await settled(page);
  assert.equal(await page.locator('#import-tasks .task-row').count(), 66);
  await page.locator('#import-review .review-row').first().waitFor();
  assert.equal(await page.locator('#import-review .review-row').count(), 8);
  assert.match(await page.textContent('#import-review'), /Tóm tắt theo lĩnh vực/);
  assert.equal(await page.locator('#import-tasks .pe-actions').count(), 66);
});

test('a title is edited in place: Enter saves', T, async () => {
  const { page } = suite.stack;
  await page.click(`${row('#import-tasks', 0)} .task-title`);
  const input = page.locator(`${row('#import-tasks', 0)} .pe-input`);
  await input.fill('Xây dựng kế hoạch CCHC năm 2024 (đã sửa)');
  const resp = await answer(page, '/api/v1/plans/parse', () => input.press('Enter'));
  assert.equal(resp.status(), 200);
  const sent = JSON.parse(resp.request().postData());
  assert.deepEqual(sent.edits, [
    { op: 'set_task', index: 0, no: '1', set: { title: 'Xây dựng kế hoạch CCHC năm 2024 (đã sửa)' } },
  ]);
  await settled(page);
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.textContent.includes('(đã sửa)'),
    `${row('#import-tasks', 0)} .task-title`,
  );
});

test('a deadline shows its meaning as it is typed, then is saved', T, async () => {
  const { page } = suite.stack;
  await page.click(`${row('#import-tasks', 1)} td.deadline`);
  const input = page.locator(`${row('#import-tasks', 1)} .pe-input`);
  await input.fill('Quý III/2024');
  const meaning = page.locator(`${row('#import-tasks', 1)} .pe-meaning`);
  await page.waitForFunction(
    (sel) => /Hiểu là: hạn 30\/09\/2024/.test(document.querySelector(sel)?.textContent || ''),
    `${row('#import-tasks', 1)} .pe-meaning`,
  );
  assert.match(await meaning.textContent(), /30\/09\/2024/);
  await shotAt(page, row('#import-tasks', 0), 'plan-edit-1-deadline');
  const resp = await answer(page, '/api/v1/plans/parse', () => input.press('Enter'));
  assert.equal(resp.status(), 200);
  await settled(page);
  await page.waitForFunction(
    (sel) => /Quý III\/2024/.test(document.querySelector(sel)?.textContent || ''),
    `${row('#import-tasks', 1)} td.deadline`,
  );
  assert.match(await page.textContent(`${row('#import-tasks', 1)} td.deadline`), /Hạn: 30\/09\/2024/);
});

test('Esc cancels an edit without a request', T, async () => {
  const { page } = suite.stack;
  const before = await page.textContent(`${row('#import-tasks', 3)} .task-product`);
  await page.click(`${row('#import-tasks', 3)} .task-product`);
  const input = page.locator(`${row('#import-tasks', 3)} .pe-input`);
  await input.fill('không lưu');
  await input.press('Escape');
  assert.equal(await page.locator(`${row('#import-tasks', 3)} .pe-input`).count(), 0);
  assert.equal(await page.textContent(`${row('#import-tasks', 3)} .task-product`), before);
});

test('a spurious task is deleted from the preview', T, async () => {
  const { page } = suite.stack;
  const title = await page.textContent(`${row('#import-tasks', 2)} .task-title`);
  const resp = await answer(page, '/api/v1/plans/parse', () => page.click(`${row('#import-tasks', 2)} .pe-delete`));
  assert.equal(resp.status(), 200);
  await settled(page);
  await page.waitForFunction(() => document.querySelectorAll('#import-tasks .task-row').length === 65);
  assert.notEqual(await page.textContent(`${row('#import-tasks', 2)} .task-title`), title);
  assert.match(await page.textContent('#import-tasks .pe-count'), /3 thao tác sửa/);
  await shotAt(page, '#import-review', 'plan-edit-2-preview');
});

test('the corrected plan is imported with its edits', T, async () => {
  const { page } = suite.stack;
  const resp = await answer(page, '/api/v1/plans', () => page.click('#import-confirm'));
  assert.equal(resp.status(), 201);
  assert.equal(JSON.parse(resp.request().postData()).edits.length, 3);
  await page.waitForURL((u) => /^#\/ke-hoach\/\d+$/.test(u.hash));
  planId = Number(new URL(page.url()).hash.split('/')[2]);
  await page.locator('#plan-body').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#plan-tasks .task-row').count(), 65);
  assert.match(await page.textContent(`${row('#plan-tasks', 0)} .task-title`), /\(đã sửa\)/);
  assert.match(await page.textContent(`${row('#plan-tasks', 1)} td.deadline`), /Quý III\/2024/);
});

test('the stored plan is reopened in the editor and a task edited in place', T, async () => {
  const { page } = suite.stack;
  assert.equal(await page.locator('#plan-tasks .pe-actions').count(), 0, 'read-only until asked');
  await page.click('#plan-edit-btn');
  await page.locator('#plan-tasks .pe-actions').first().waitFor();
  assert.equal(await page.getAttribute('#plan-edit-btn', 'aria-pressed'), 'true');
  await page.locator('#plan-review .review-row').first().waitFor();
  await page.click(`${row('#plan-tasks', 4)} .task-title`);
  const input = page.locator(`${row('#plan-tasks', 4)} .pe-input`);
  await input.fill('Nhiệm vụ sửa sau khi nhập');
  const resp = await answer(page, `/api/v1/plans/${planId}/edits`, () => input.press('Enter'));
  assert.equal(resp.status(), 200);
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.textContent === 'Nhiệm vụ sửa sau khi nhập',
    `${row('#plan-tasks', 4)} .task-title`,
  );
  await shotAt(page, row('#plan-tasks', 3), 'plan-edit-3-stored');
  // Tab saves and opens the next cell (the lead).
  await page.click(`${row('#plan-tasks', 5)} .task-title`);
  const t5 = page.locator(`${row('#plan-tasks', 5)} .pe-input`);
  await t5.fill('Nhiệm vụ 6 sửa');
  const r2 = await answer(page, `/api/v1/plans/${planId}/edits`, () => t5.press('Tab'));
  assert.equal(r2.status(), 200);
  await page
    .locator(`${row('#plan-tasks', 5)} td.parties .pe-input`)
    .first()
    .waitFor();
  await page.keyboard.press('Escape');

  // A target the document did not state is added, then its value set.
  const r3 = await answer(page, `/api/v1/plans/${planId}/edits`, () => page.click('#plan-targets .pe-add-target'));
  assert.equal(r3.status(), 200);
  await page.locator('#plan-targets .target-row').first().waitFor();
  await page.click('#plan-targets .target-row .target-value');
  const value = page.locator('#plan-targets .target-row .pe-input');
  await value.fill('95');
  const r4 = await answer(page, `/api/v1/plans/${planId}/edits`, () => value.press('Enter'));
  assert.equal(r4.status(), 200);
  await page.waitForFunction(
    () => document.querySelector('#plan-targets .target-row .target-value')?.textContent === '95',
  );

  // Kept after a reload, and recorded with the plan.
  await page.reload();
  await page.locator(`${row('#plan-tasks', 4)} .task-title`).waitFor();
  assert.equal(await page.textContent(`${row('#plan-tasks', 4)} .task-title`), 'Nhiệm vụ sửa sau khi nhập');
  const edits = await page.evaluate(async (id) => {
    const r = await fetch(`/api/v1/plans/${id}/edits`, { credentials: 'same-origin' });
    return r.json();
  }, planId);
  assert.deepEqual(
    edits.batches.map((b) => b.phase),
    ['import', 'stored', 'stored', 'stored', 'stored'],
  );
  assert.equal(edits.edits.length, 7);
  assert.equal(await page.textContent('#plan-targets .target-row .target-value'), '95');
  assert.deepEqual(suite.pageErrors, []);
});
