// audit.test.mjs - the audit log page (#/nhat-ky) in headless Chromium
// (issue 16 item 11): the nav entry is shown to an administrator only; the
// page lists the changes newest first with their state before → after
// (the demo plans imported at start are there), the filter by action
// narrows it, and an officer who opens the address gets the refusal text.
// Screenshot: build/screenshots/audit-*.png.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, USERS, missingPrerequisite, startStack } from './harness.mjs';

const skip = missingPrerequisite();
const T = { timeout: 60000, skip: skip ?? false };
const PROVINCE = join(ROOT, 'data', 'demo', 'ke-hoach-cchc-T01-2024.txt');
let stack;
const pageErrors = [];

before(
  async () => {
    if (skip) return;
    stack = await startStack({ dossiers: 50, plans: [[PROVINCE, 'T01']] });
    stack.page.on('pageerror', (err) => pageErrors.push(err.message));
    stack.page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of (401|403)/.test(msg.text())) pageErrors.push(msg.text());
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

async function login(user) {
  const { page, baseUrl } = stack;
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-view').waitFor({ state: 'visible' });
  await page.fill('#login', user.login);
  await page.fill('#password', user.password);
  await page.click('#login-submit');
  await page.locator('#units-view').waitFor({ state: 'visible' });
}

test('an administrator browses the audit log', T, async () => {
  const { page, shot } = stack;
  await login(USERS.admin);
  const nav = page.locator('.nav-link[data-page="audit"]');
  await nav.waitFor({ state: 'visible' });
  await nav.click();
  await page.locator('#audit-view tbody tr').first().waitFor();
  const seqs = await page.$$eval('#audit-view tbody tr', (rows) => rows.map((r) => Number(r.dataset.seq)));
  assert.ok(seqs.length > 1);
  assert.deepEqual(
    seqs,
    [...seqs].sort((a, b) => b - a),
    'newest first',
  );
  const text = await page.textContent('#audit-view tbody');
  assert.match(text, /plan\.import/);
  assert.match(text, /→/);
  await page.fill('#aud-action', 'plan.');
  await page.locator('#aud-action').dispatchEvent('change');
  await page.click('#audit-view form button[type="submit"]');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('#audit-view tbody tr td:nth-child(4)')].every((td) =>
      td.textContent.startsWith('plan.'),
    ),
  );
  await shot('audit-1-admin');
  await page.click('#logout');
  await page.locator('#login-view').waitFor({ state: 'visible' });
});

test('an officer has no entry and is refused', T, async () => {
  const { page, baseUrl } = stack;
  await login(USERS.officer);
  assert.equal(await page.locator('.nav-link[data-page="audit"]').isVisible(), false);
  await page.goto(`${baseUrl}/#/nhat-ky`);
  await page.locator('#audit-view').waitFor({ state: 'visible' });
  assert.match(await page.textContent('#audit-view'), /Chỉ quản trị hệ thống/);
  assert.deepEqual(pageErrors, []);
});
