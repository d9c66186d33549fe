// plan_life.test.mjs - plans as living records in headless Chromium
// (docs/internals/plan_lifecycle.md): a district's plan is imported with the
// divisions it names added as units (checkboxes in the preview); an amended
// text of the same decision is warned in the preview and refused on import
// until "Thay thế kế hoạch cũ" is ticked, then replaces the old plan; the
// plans list marks the superseded plan under "all"; the new plan is deleted
// with a reason and disappears from the current list.
// Tests run in order on one page. Screenshots: build/screenshots/plan-life-*.png.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { USERS, sharedStack, signIn, testOptions } from './harness.mjs';

const T = testOptions(60000);
const HEAD =
  'ỦY BAN NHÂN DÂN\nHUYỆN LONG HỒ\n\nSố: 12/KH-UBND\n\nLong Hồ, ngày 05 tháng 01 năm 2024\n\n' +
  'KẾ HOẠCH\nCải cách hành chính năm 2024 của huyện Long Hồ\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n' +
  'Cụ thể hóa Kế hoạch cải cách hành chính năm 2024 của tỉnh Vĩnh Long trên địa bàn huyện.\n\n' +
  'II. NHIỆM VỤ\n\n1. Công tác chỉ đạo, điều hành\n\n' +
  '1.1. Ban hành Kế hoạch cải cách hành chính năm 2024 của huyện Long Hồ.\n' +
  'Cơ quan thực hiện: Phòng Nội vụ huyện.\nThời gian thực hiện: Trước ngày 31/01/2024.\n\n';
const V1 =
  HEAD +
  '1.2. Xây dựng Kế hoạch tự kiểm tra công tác cải cách hành chính năm 2024 của huyện.\n' +
  'Cơ quan thực hiện: Phòng Nội vụ huyện.\nThời gian thực hiện: Tháng 02/2024.\n\n' +
  '1.3. Kế hoạch thông tin, tuyên truyền cải cách hành chính trên địa bàn huyện năm 2024.\n' +
  'Cơ quan thực hiện: Phòng Văn hóa và Thông tin huyện.\nThời gian thực hiện: Tháng 01/2024.\n';
const V2 =
  HEAD +
  '1.2. Xây dựng và ban hành Kế hoạch tự kiểm tra công tác cải cách hành chính năm 2024 của huyện.\n' +
  'Cơ quan thực hiện: Phòng Nội vụ huyện.\nThời gian thực hiện: Tháng 03/2024.\n\n' +
  '2. Cải cách chế độ công vụ\n\n' +
  '2.1. Ban hành kế hoạch đào tạo, bồi dưỡng cán bộ, công chức, viên chức năm 2024 của UBND huyện.\n' +
  'Cơ quan thực hiện: Phòng Nội vụ huyện.\nThời gian thực hiện: Quý I/2024.\n';

const dir = mkdtempSync(join(tmpdir(), 'cchc-plan-life-'));
const FILE1 = join(dir, 'kh12.txt');
const FILE2 = join(dir, 'kh12-sua-doi.txt');
writeFileSync(FILE1, V1);
writeFileSync(FILE2, V2);
after(() => rmSync(dir, { recursive: true, force: true }));

// 401 (/me before login) and 409 (the refused re-import) are answers the page shows.
const suite = sharedStack({}, { expected: /status of 40[19]/, timeout: 90000 });

async function preview(page, file) {
  await page.setInputFiles('#import-file', file);
  await page.fill('#import-unit', 'VLG.H.LONGHO');
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/plans/parse'),
    page.click('#import-preview-btn'),
  ]);
  assert.equal(resp.status(), 200);
  await page.locator('#import-result').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.getElementById('import-status').hidden);
}

async function confirm(page) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/plans' && r.request().method() === 'POST'),
    page.click('#import-confirm'),
  ]);
  return resp;
}

async function openList(page, status) {
  await page.evaluate(() => {
    location.hash = '#/ke-hoach';
  });
  await page.locator('#plans-list').waitFor({ state: 'visible' });
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/plans'),
    page.selectOption('#plans-status', status),
  ]);
  assert.equal(resp.status(), 200);
  await page.waitForFunction(() => document.getElementById('plans-count').textContent.includes('kế hoạch'));
}

test('a district plan is imported with its divisions added as units', T, async () => {
  const { page, shot } = suite.stack;
  await signIn(suite.stack, USERS.admin, '#units-view');
  await page.click('.nav-link[data-page="import"]');
  await page.locator('#import-view').waitFor({ state: 'visible' });
  await preview(page, FILE1);
  await page.locator('#import-life').waitFor({ state: 'visible' });
  const names = await page.$$eval('.life-add-unit', (cbs) => cbs.map((c) => [c.dataset.name, c.checked]));
  assert.deepEqual(names, [
    ['Phòng Nội vụ huyện', true],
    ['Phòng Văn hóa và Thông tin huyện', true],
  ]);
  assert.match(await page.textContent('#import-life'), /mã đề xuất VLG\.H\.LONGHO\.PNVH/);
  await shot('plan-life-1-suggested-units');
  const resp = await confirm(page);
  assert.equal(resp.status(), 201);
  await page.waitForURL((u) => u.hash === '#/ke-hoach/1');
  await page.locator('#plan-body').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#plan-tasks'), /VLG\.H\.LONGHO\.PNVH|Phòng Nội vụ huyện/);
});

test('the amended plan is warned, refused, then replaces the old one', T, async () => {
  const { page, shot } = suite.stack;
  await page.click('.nav-link[data-page="import"]');
  await page.locator('#import-view').waitFor({ state: 'visible' });
  await preview(page, FILE2);
  await page.locator('#import-life-dup').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#import-life-dup'), /cùng số 12\/KH-UBND năm 2024: kế hoạch #1/);
  assert.equal(await page.isChecked('#import-replace'), false);
  await shot('plan-life-2-duplicate-warned');
  let resp = await confirm(page);
  assert.equal(resp.status(), 409);
  await page.locator('#import-error').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#import-error'), /đã được nhập \(kế hoạch #1/);
  await page.check('#import-replace');
  resp = await confirm(page);
  assert.equal(resp.status(), 201);
  await page.waitForURL((u) => u.hash === '#/ke-hoach/2');
  await page.locator('#plan-body').waitFor({ state: 'visible' });
  await shot('plan-life-3-replaced');
});

test('the list shows current plans, and all with the superseded one marked', T, async () => {
  const { page, shot } = suite.stack;
  await openList(page, '');
  assert.deepEqual(await page.$$eval('#plans-rows .plan-row', (rs) => rs.map((r) => r.dataset.id)), ['2']);
  await openList(page, 'all');
  assert.deepEqual(await page.$$eval('#plans-rows .plan-row', (rs) => rs.map((r) => r.dataset.status)), [
    'current',
    'superseded',
  ]);
  assert.equal((await page.textContent('#plans-rows tr[data-id="1"] .life-status')).trim(), 'Đã được thay thế bởi #2');
  await shot('plan-life-4-all');
});

test('deleting the plan asks for a reason and hides it from the current list', T, async () => {
  const { page, shot } = suite.stack;
  await page.click('#plans-rows tr[data-id="2"] .life-delete');
  await page.fill('#life-reason-2', 'Nhập nhầm văn bản');
  await shot('plan-life-5-delete-form');
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'DELETE'),
    page.click('.life-delete-confirm'),
  ]);
  assert.equal(resp.status(), 200);
  await page.locator('#plans-life-status').waitFor({ state: 'visible' });
  assert.equal((await page.textContent('#plans-life-status')).trim(), 'Đã xóa kế hoạch #2.');
  await page.waitForFunction(() => document.querySelector('#plans-rows tr[data-id="2"]')?.dataset.status === 'deleted');
  assert.equal((await page.textContent('#plans-rows tr[data-id="2"] .life-status')).trim(), 'Đã xóa');
  assert.equal(await page.locator('#plans-rows tr[data-id="2"] .life-restore').count(), 1);
  await shot('plan-life-6-deleted');
  // The archived plan still opens, with its status and reason.
  await page.click('#plans-rows tr[data-id="2"] .plan-title a');
  await page.locator('#plan-body').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#plan-doc [data-key="life_status"]'), /Đã xóa.*Nhập nhầm văn bản/);
  await shot('plan-life-7-archived-plan');
  await openList(page, '');
  await page.locator('#plans-empty').waitFor({ state: 'visible' });
});

test('no script error on the page', T, () => {
  assert.deepEqual(suite.pageErrors, []);
});
