// users.test.mjs - user administration in headless Chromium (issue 10 item
// 6): the admin sees role labels (not codes), adds a user (the password
// rules refuse in place; an empty password gives a generated one shown
// once), disables and resets; an officer has no user page and changes their
// own password. Desktop and phone (390 × 844) screenshots:
// build/screenshots/users-*.png.

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

async function login(page, baseUrl, user, password) {
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-view').waitFor({ state: 'visible' });
  await page.fill('#login', user);
  await page.fill('#password', password);
  await page.click('#login-submit');
  await page.locator('#app-view').waitFor({ state: 'visible' });
}

test('the login page explains the throttle', T, async () => {
  const { page, baseUrl } = stack;
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-view').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#login-throttle'), /5 lần/);
});

test('the admin lists users with role labels and adds one', T, async () => {
  const { page, baseUrl, shot } = stack;
  await login(page, baseUrl, USERS.admin.login, USERS.admin.password);
  assert.equal(await page.textContent('#user-role'), 'Quản trị hệ thống');
  await page.click('#nav-users');
  await page.locator('.users-table').waitFor();
  const roles = await page.$$eval('.users-table .user-role', (n) => n.map((x) => x.textContent));
  assert.ok(roles.includes('Cán bộ CCHC đơn vị'));
  assert.ok(!roles.includes('officer'));
  assert.match(await page.textContent('.user-add .password-rules'), /ít nhất 10 ký tự/);
  // a weak password is refused in place, what was typed stays
  await page.fill('#user-add-login', 'tran.thi.mai');
  await page.fill('#user-add-name', 'Trần Thị Mai');
  await page.selectOption('#user-add-role', 'officer');
  await page.selectOption('#user-add-unit', 'VL25.STC');
  await page.fill('#user-add-password', 'ngan');
  await page.click('#user-add button[type="submit"]');
  await page.locator('.user-add .form-error').waitFor({ state: 'visible' });
  assert.match(await page.textContent('.user-add .form-error'), /ít nhất 10 ký tự/);
  assert.equal(await page.inputValue('#user-add-login'), 'tran.thi.mai');
  // no password: a generated one, shown once
  await page.fill('#user-add-password', '');
  await page.click('#user-add button[type="submit"]');
  await page.locator('#users-notice').waitFor();
  assert.match(await page.textContent('#users-notice'), /^Đã tạo tran\.thi\.mai\. Mật khẩu: \S{16} /);
  const row = page.locator('.users-table tr[data-login="tran.thi.mai"]');
  assert.equal(await row.locator('.user-role').textContent(), 'Cán bộ CCHC đơn vị');
  await shot('users-1-admin');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot('users-1-admin-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
  // disable, then reset the password
  await row.getByRole('button', { name: 'Khóa' }).click();
  await page.locator('.users-table tr[data-login="tran.thi.mai"].user-disabled').waitFor();
  page.once('dialog', (d) => d.accept());
  await page
    .locator('.users-table tr[data-login="tran.thi.mai"]')
    .getByRole('button', { name: 'Đặt lại mật khẩu' })
    .click();
  await page.locator('#users-notice', { hasText: 'Mật khẩu mới của tran.thi.mai' }).waitFor();
  assert.deepEqual(pageErrors, []);
});

test('an officer has no user page and changes their own password', T, async () => {
  const { page, baseUrl, shot } = stack;
  await page.click('#logout');
  await login(page, baseUrl, USERS.officer.login, USERS.officer.password);
  assert.equal(await page.isHidden('#nav-users'), true);
  assert.equal(await page.textContent('#user-role'), 'Cán bộ CCHC đơn vị');
  await page.click('#to-password');
  await page.locator('#pw-form').waitFor();
  await page.fill('#pw-current', 'khong-phai-mat-khau');
  await page.fill('#pw-new', 'mua-xuan-tren-song-99');
  await page.fill('#pw-repeat', 'mua-xuan-tren-song-99');
  await page.click('#pw-form button[type="submit"]');
  await page.locator('#pw-error').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#pw-error'), /Mật khẩu hiện tại không đúng/);
  await shot('users-2-password');
  await page.fill('#pw-current', USERS.officer.password);
  await page.click('#pw-form button[type="submit"]');
  await page.locator('#login-view').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#login-error'), /Đã đổi mật khẩu/);
  await page.fill('#login', USERS.officer.login);
  await page.fill('#password', 'mua-xuan-tren-song-99');
  await page.click('#login-submit');
  await page.locator('#app-view').waitFor({ state: 'visible' });
  assert.deepEqual(pageErrors, []);
});

test('a ranking with nothing in the user’s scope says so', T, async () => {
  const { page } = stack;
  await page.click('.nav-link[data-page="ranking"]');
  await page.locator('#rank-kind').waitFor();
  await page.selectOption('#rank-kind', 'huyen'); // a department officer has no district in scope
  await page.locator('#rank-body .rank-empty').waitFor();
  assert.match(await page.textContent('#rank-body .rank-empty'), /Không có đơn vị nào trong phạm vi/);
  assert.equal(await page.locator('#rank-body table').count(), 0);
  assert.deepEqual(pageErrors, []);
});
