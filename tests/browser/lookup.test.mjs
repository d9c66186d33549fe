// lookup.test.mjs - the public dossier lookup (#/tra-cuu) in headless
// Chromium, without any session: reachable from the login page, keyboard
// use, the empty-code and unknown-code messages shown in place (keeping what
// was typed), a real dossier's status and appointment when the server has
// the public endpoint, and the EN switch. Tests run in order on one page.
// Screenshots: build/screenshots/lookup-*.png.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { missingPrerequisite, startStack } from './harness.mjs';

const skip = missingPrerequisite();
const T = { timeout: 20000, skip: skip ?? false };
let stack;
const pageErrors = [];
const apiCalls = [];

before(
  async () => {
    if (skip) return;
    stack = await startStack({ dossiers: 300 });
    stack.page.on('pageerror', (err) => pageErrors.push(err.message));
    stack.page.on('console', (msg) => {
      // 401 (/me before login) and 404 (unknown dossier) are expected answers.
      if (msg.type() === 'error' && !/status of 40[14]/.test(msg.text())) pageErrors.push(msg.text());
    });
    stack.page.on('request', (req) => {
      if (req.url().includes('/api/')) {
        const u = new URL(req.url());
        apiCalls.push(u.pathname + u.search);
      }
    });
  },
  { timeout: 60000 },
);

after(
  async () => {
    if (!stack) return;
    const problems = await stack.stop();
    assert.deepEqual(problems, [], 'clean shutdown of the browser and the server');
  },
  { timeout: 30000 },
);

test('the login page links to the lookup, which opens without a session', T, async () => {
  const { page, baseUrl, shot } = stack;
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-view').waitFor({ state: 'visible' });
  const link = page.locator('#to-lookup');
  assert.equal(await link.getAttribute('href'), '#/tra-cuu');
  await link.click();
  await page.locator('#lookup-view').waitFor({ state: 'visible' });
  assert.equal(await page.isHidden('#login-view'), true);
  assert.equal(await page.isHidden('#app-view'), true);
  assert.equal((await page.textContent('#lookup-title')).trim(), 'Tra cứu tình trạng hồ sơ');
  assert.equal((await page.textContent('label[for="lookup-code"]')).trim(), 'Mã hồ sơ');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lookup-code');
  // A fresh visit straight to the address works too, and asks nothing that needs a login.
  apiCalls.length = 0;
  await page.goto(`${baseUrl}/#/tra-cuu`);
  await page.reload();
  await page.locator('#lookup-view').waitFor({ state: 'visible' });
  assert.equal(await page.isHidden('#login-view'), true);
  assert.deepEqual(apiCalls, [], 'no API call before the citizen asks');
  await shot('lookup-1-form');
});

test('an empty code is refused in place', T, async () => {
  const { page } = stack;
  await page.fill('#lookup-code', '   ');
  await page.click('#lookup-submit');
  await page.locator('#lookup-error').waitFor({ state: 'visible' });
  assert.equal((await page.textContent('#lookup-error-text')).trim(), 'Vui lòng nhập mã hồ sơ.');
  assert.equal(await page.getAttribute('#lookup-code', 'aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'lookup-code');
  assert.equal(await page.isHidden('#lookup-result'), true);
});

test('an unknown code shows the Vietnamese not-found message and keeps the code', T, async () => {
  const { page, shot } = stack;
  await page.fill('#lookup-code', 'KHONG-CO-2024-999');
  await page.press('#lookup-code', 'Enter'); // the keyboard submits the form
  await page.waitForFunction(() => /Không tìm thấy/.test(document.getElementById('lookup-error-text').textContent));
  assert.equal(
    (await page.textContent('#lookup-error-text')).trim(),
    'Không tìm thấy hồ sơ có mã «KHONG-CO-2024-999». Vui lòng kiểm tra lại mã ghi trên giấy tiếp ' + 'nhận hồ sơ.',
  );
  // The server's own message (standard error JSON) is shown below.
  // the message appears once (issue 10 item 12)
  assert.equal(await page.isHidden('#lookup-error-detail'), true);
  assert.equal(await page.inputValue('#lookup-code'), 'KHONG-CO-2024-999');
  assert.equal(await page.isHidden('#lookup-result'), true);
  assert.ok(apiCalls.includes('/api/v1/public/dossiers?code=KHONG-CO-2024-999'));
  await shot('lookup-2-not-found');
});

test('a code with a slash or odd characters gets the normal not-found message', T, async () => {
  const { page } = stack;
  for (const code of ['AB/../CD', 'x%2Fy', '<b>1</b>']) {
    await page.fill('#lookup-code', code);
    await page.click('#lookup-submit');
    await page.waitForFunction((c) => document.getElementById('lookup-error-text').textContent.includes(c), code);
    assert.match(await page.textContent('#lookup-error-text'), /^Không tìm thấy hồ sơ có mã/);
    assert.doesNotMatch(await page.textContent('#lookup-error'), /api|đường dẫn|path/i);
  }
  await page.fill('#lookup-code', 'KHONG-CO-2024-999');
  await page.click('#lookup-submit');
  await page.waitForFunction(() => document.getElementById('lookup-error-text').textContent.includes('KHONG-CO'));
});

test('the EN switch translates the form and the message in place', T, async () => {
  const { page, shot } = stack;
  await page.click('.lang-btn[data-lang="en"]');
  assert.equal((await page.textContent('#lookup-title')).trim(), 'Dossier status lookup');
  assert.match(await page.textContent('#lookup-error-text'), /^No dossier with code “KHONG-CO-2024-999”/);
  assert.equal(await page.inputValue('#lookup-code'), 'KHONG-CO-2024-999');
  await shot('lookup-3-english');
  await page.click('.lang-btn[data-lang="vi"]');
  assert.equal((await page.textContent('#lookup-title')).trim(), 'Tra cứu tình trạng hồ sơ');
});

test('a known dossier shows its status and appointment date', T, async (t) => {
  const { page, baseUrl, dir, shot } = stack;
  const csv = readFileSync(join(dir, 'demo-dossiers.csv'), 'utf8').split('\n');
  const code = csv[1].split(',')[0];
  const probe = await page.evaluate(
    async (url) => {
      const r = await fetch(url);
      return { status: r.status, body: await r.json().catch(() => null) };
    },
    `${baseUrl}/api/v1/public/dossiers/${encodeURIComponent(code)}`,
  );
  if (probe.status === 404 && probe.body?.error?.code === 'http.not_found') {
    t.skip('GET /api/v1/public/dossiers/{code} is not on this server yet');
    return;
  }
  assert.equal(probe.status, 200);
  // trimmed and case-insensitive (issue 10 item 12)
  await page.fill('#lookup-code', ` ${code.toLowerCase()} `);
  await page.click('#lookup-submit');
  await page.locator('#lookup-result').waitFor({ state: 'visible' });
  assert.equal(await page.isHidden('#lookup-error'), true);
  assert.equal((await page.textContent('#lookup-res-code')).trim(), code);
  assert.equal((await page.textContent('#lookup-res-status')).trim(), probe.body.status_label);
  const appt = (await page.textContent('#lookup-res-appointment')).trim();
  if (probe.body.appointment) {
    const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})/.exec(probe.body.appointment);
    assert.equal(appt, `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}`);
  } else {
    assert.equal(appt, 'Chưa có ngày hẹn trả');
  }
  // the procedure, the receiving agency, the received date and the history
  assert.match(await page.textContent('#lookup-res-procedure'), /^Thủ tục số \d+$/);
  assert.match(await page.textContent('#lookup-res-agency'), /^(Sở|UBND)/);
  assert.match(await page.textContent('#lookup-res-received'), /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
  const steps = await page.$$eval('#lookup-res-history li', (n) => n.map((x) => x.textContent));
  assert.match(steps[0], /Tiếp nhận hồ sơ$/);
  await shot('lookup-4-found');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot('lookup-4-found-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
});

test('no script error or CSP violation on the page', T, () => {
  assert.deepEqual(pageErrors, []);
});
