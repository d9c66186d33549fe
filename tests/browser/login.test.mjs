// login.test.mjs - the login page, the signed-in view with the unit tree,
// the VI/EN switch and logout, in headless Chromium. The tests run in order
// and share one page: each step starts where the previous one ended.
// Screenshots: build/screenshots/login-*.png.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { USERS, sharedStack, testOptions } from './harness.mjs';

const T = testOptions(20000);

// 401 on /api/v1/me before login is expected; anything else is a bug
// (a CSP violation, an exception in app.js...).
const suite = sharedStack();

test('the login page renders in Vietnamese', T, async () => {
  const { page, baseUrl, shot } = suite.stack;
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-view').waitFor({ state: 'visible' });
  assert.equal(await page.getAttribute('html', 'lang'), 'vi');
  assert.equal(await page.title(), 'Theo dõi cải cách hành chính');
  assert.equal((await page.textContent('#login-title')).trim(), 'Đăng nhập');
  assert.equal((await page.textContent('label[for="login"]')).trim(), 'Tên đăng nhập');
  assert.equal((await page.textContent('label[for="password"]')).trim(), 'Mật khẩu');
  assert.equal(await page.isHidden('#app-view'), true);
  await shot('login-1-form-vi');
});

test('a wrong password shows the Vietnamese error in place and keeps the login', T, async () => {
  const { page, shot } = suite.stack;
  await page.fill('#login', USERS.admin.login);
  await page.fill('#password', 'khong-dung-mat-khau');
  await page.click('#login-submit');
  const error = page.locator('#login-error');
  await error.waitFor({ state: 'visible' });
  assert.equal((await error.textContent()).trim(), 'Sai tên đăng nhập hoặc mật khẩu');
  assert.equal(await page.inputValue('#login'), USERS.admin.login);
  assert.equal(await page.isVisible('#login-view'), true);
  await shot('login-2-wrong-password');
});

test('a correct login shows the user and the unit tree', T, async () => {
  const { page, shot } = suite.stack;
  await page.fill('#password', USERS.admin.password);
  await page.click('#login-submit');
  await page.locator('#app-view').waitFor({ state: 'visible' });
  assert.equal(await page.isHidden('#login-view'), true);
  assert.equal((await page.textContent('#user-name')).trim(), USERS.admin.name);
  assert.equal((await page.textContent('#user-login')).trim(), USERS.admin.login);
  assert.equal((await page.textContent('#user-role')).trim(), 'Quản trị hệ thống');
  await page.locator('#unit-tree li.unit').first().waitFor();
  // Find the department through the accent-insensitive filter, as a user would.
  await page.fill('#unit-filter', 'so noi vu');
  await page.waitForFunction(() => /khớp/.test(document.getElementById('units-count').textContent));
  const snv = page.locator('#unit-tree .unit-name', { hasText: /^Sở Nội vụ$/ }).first();
  await snv.waitFor({ state: 'visible' });
  assert.match(await page.textContent('#units-count'), /^\d+ \/ \d+ đơn vị khớp$/);
  await shot('login-3-unit-tree');
  await page.fill('#unit-filter', '');
});

test('the EN switch changes the labels, VI brings them back', T, async () => {
  const { page, shot } = suite.stack;
  await page.click('.lang-btn[data-lang="en"]');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('#units-title')).trim(), 'Unit tree');
  assert.equal((await page.textContent('#logout')).trim(), 'Log out');
  assert.equal((await page.textContent('#user-role')).trim(), 'System administrator');
  assert.equal(await page.getAttribute('.lang-btn[data-lang="en"]', 'aria-pressed'), 'true');
  await shot('login-4-english');
  await page.click('.lang-btn[data-lang="vi"]');
  assert.equal((await page.textContent('#units-title')).trim(), 'Cây đơn vị');
  assert.equal((await page.textContent('#logout')).trim(), 'Đăng xuất');
});

test('logout returns to the login form and ends the session', T, async () => {
  const { page, baseUrl, shot } = suite.stack;
  await page.click('#logout');
  await page.locator('#login-view').waitFor({ state: 'visible' });
  assert.equal(await page.isHidden('#app-view'), true);
  assert.equal(await page.inputValue('#password'), '');
  const me = await page.evaluate(async (url) => (await fetch(`${url}/api/v1/me`)).status, baseUrl);
  assert.equal(me, 401);
  await page.reload();
  await page.locator('#login-view').waitFor({ state: 'visible' });
  await shot('login-5-logged-out');
});

test('an officer signs in and sees their unit', T, async () => {
  const { page } = suite.stack;
  await page.fill('#login', USERS.officer.login);
  await page.fill('#password', USERS.officer.password);
  await page.click('#login-submit');
  await page.locator('#app-view').waitFor({ state: 'visible' });
  await page.locator('#unit-tree li.unit').first().waitFor();
  assert.equal((await page.textContent('#user-name')).trim(), USERS.officer.name);
  assert.match(await page.textContent('#user-unit'), /VLG\.SNV/);
  await page.click('#logout');
  await page.locator('#login-view').waitFor({ state: 'visible' });
});

test('no script error or CSP violation on the page', T, () => {
  assert.deepEqual(suite.pageErrors, []);
});
