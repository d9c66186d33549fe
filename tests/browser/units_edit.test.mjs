// units_edit.test.mjs - editing the unit registry on the unit page (issue
// 10 item 7): an administrator adds a division under a unit, renames it
// from a later date (the old name kept as an alias), and a change the
// registry rules refuse is shown in place. Screenshots:
// build/screenshots/units-edit-*.png.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { USERS, missingPrerequisite, startStack } from './harness.mjs';

const skip = missingPrerequisite();
const T = { timeout: 60000, skip: skip ?? false };
let stack;
const pageErrors = [];

before(
  async () => {
    if (skip) return;
    stack = await startStack();
    stack.page.on('pageerror', (err) => pageErrors.push(err.message));
    stack.page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of (400|401)/.test(msg.text())) pageErrors.push(msg.text());
    });
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

test('an administrator adds a division and renames it', T, async () => {
  const { page, baseUrl, shot } = stack;
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-view').waitFor({ state: 'visible' });
  await page.fill('#login', USERS.admin.login);
  await page.fill('#password', USERS.admin.password);
  await page.click('#login-submit');
  await page.locator('#units-view').waitFor({ state: 'visible' });
  await page.locator('#unit-edit form').waitFor();
  await page.selectOption('#ue-unit', 'VL25.SNV');
  await page.selectOption('#ue-action', 'add');
  await page.fill('#ue-code', 'VL25.SNV.PCCHC');
  await page.fill('#ue-name', 'Phòng Cải cách hành chính');
  await page.fill('#ue-from', '2025-07-01');
  await page.click('#ue-submit');
  await page.locator('#ue-done', { hasText: 'Đã lưu: thêm Phòng Cải cách hành chính (VL25.SNV.PCCHC)' }).waitFor();
  await page.locator('#unit-tree li[data-code="VL25.SNV.PCCHC"]').waitFor({ state: 'attached' });
  // renamed from a later date: two versions, the old name an alias
  await page.selectOption('#ue-unit', 'VL25.SNV.PCCHC');
  await page.selectOption('#ue-action', 'rename');
  await page.fill('#ue-name', 'Phòng Cải cách hành chính và Văn thư');
  await page.fill('#ue-from', '2026-01-01');
  await page.click('#ue-submit');
  await page.locator('#ue-done', { hasText: 'đổi tên Phòng Cải cách hành chính thành' }).waitFor();
  const versions = await page.evaluate(async () => {
    const r = await (await fetch('/api/v1/units')).json();
    return r.units.filter((u) => u.code === 'VL25.SNV.PCCHC');
  });
  assert.equal(versions.length, 2);
  const now = versions.find((u) => u.valid_from === '2026-01-01');
  assert.equal(now.name, 'Phòng Cải cách hành chính và Văn thư');
  assert.ok(now.aliases.includes('Phòng Cải cách hành chính'));
  await shot('units-edit-1-renamed');
  assert.deepEqual(pageErrors, []);
});

test('a change the registry rules refuse is shown in place', T, async () => {
  const { page, shot } = stack;
  // a unit starting before its parent exists: refused as a file import would be
  await page.selectOption('#ue-unit', 'VL25.SNV');
  await page.selectOption('#ue-action', 'add');
  await page.fill('#ue-code', 'VL25.SNV.PX');
  await page.fill('#ue-name', 'Phòng X');
  await page.fill('#ue-from', '2020-01-01');
  await page.click('#ue-submit');
  await page.locator('#ue-error').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#ue-error'), /VL25\.SNV/);
  await shot('units-edit-2-refused');
  assert.deepEqual(pageErrors, []);
});
