// notices.test.mjs - the notices of issue 17 in headless Chromium: the
// province's 2024 plan (data/plans/002) with its tasks; the administrator
// runs the reminders for 20/12/2024 from the settings page; the officer of
// Sở Tư pháp sees the bell with the unread count the API gives, opens the
// list, marks one notice read and then all; the notices page; the settings
// (kinds, e-mail with a refused address, digest time) saved and kept over a
// reload; the calendar link made, fetched as iCalendar and revoked; an
// unsubscribed kind is not sent at the next run; another department's
// officer sees none of these notices. The bell fits a phone. Screenshots:
// build/screenshots/notices-*.png.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ROOT, USERS, missingPrerequisite, startStack } from './harness.mjs';

const skip = missingPrerequisite();
const T = { timeout: 90000, skip: skip ?? false };
const OFFICER = {
  login: 'canbo.stp',
  password: 'mat-khau-stp-1',
  role: 'officer',
  unit: 'VLG.STP',
  name: 'Phạm Thị Tư Pháp',
};
const OTHER = {
  login: 'canbo.stc',
  password: 'mat-khau-stc-1',
  role: 'officer',
  unit: 'VLG.STC',
  name: 'Võ Văn Tài Chính',
};
let stack;
const pageErrors = [];

before(
  async () => {
    if (skip) return;
    stack = await startStack({
      users: [OFFICER, OTHER],
      plans: [join(ROOT, 'data', 'plans', '002_f2f413426d7afbab.txt')],
    });
    stack.page.on('pageerror', (err) => pageErrors.push(err.message));
    stack.page.on('console', (msg) => {
      if (msg.type() === 'error' && !/status of (401|400|403|404)/.test(msg.text())) pageErrors.push(msg.text());
    });
  },
  { timeout: 120000 },
);

after(
  async () => {
    if (!stack) return;
    const problems = await stack.stop();
    assert.deepEqual(problems, [], 'clean shutdown of the browser and the server');
    assert.deepEqual(pageErrors, [], 'no page errors');
  },
  { timeout: 30000 },
);

async function login(user) {
  const { page, baseUrl } = stack;
  if (await page.isVisible('#logout')) {
    await page.click('#logout');
    await page.locator('#login-view').waitFor({ state: 'visible' });
  } else {
    await page.goto(`${baseUrl}/#/thong-bao`);
    await page.locator('#login-view').waitFor({ state: 'visible' });
  }
  await page.fill('#login', user.login);
  await page.fill('#password', user.password);
  await page.click('#login-submit');
  await page.locator('#app-view').waitFor({ state: 'visible' });
}

async function call(method, path, body) {
  return stack.page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(p, {
        method: m,
        credentials: 'same-origin',
        headers: b ? { 'Content-Type': 'application/json' } : {},
        body: b ? JSON.stringify(b) : undefined,
      });
      const text = await r.text();
      let data = null;
      try {
        data = JSON.parse(text);
      } catch {
        data = text;
      }
      return { status: r.status, type: r.headers.get('Content-Type'), data };
    },
    [method, path, body],
  );
}

test('the administrator runs the reminders for a day', T, async () => {
  const { page, baseUrl } = stack;
  await login(USERS.admin);
  await page.goto(`${baseUrl}/#/thong-bao/cai-dat`);
  await page.locator('#ob-run').waitFor();
  // the button runs for today; the test needs a fixed day of 2024
  const r = await call('POST', '/api/v1/remind/run', { at: '2024-12-20T08:00:00' });
  assert.equal(r.status, 200);
  assert.equal(r.data.day, '2024-12-20');
  assert.ok(r.data.recorded > 0, 'notices recorded');
  assert.ok(r.data.notices.some((n) => n.login === OFFICER.login));
  assert.ok(!r.data.notices.some((n) => n.login === OFFICER.login && !n.unit.startsWith('VLG.STP')));
  // an officer may not run them
  await page.locator('#ob-status').waitFor();
});

// Whether every notice of the bell panel is shown whole: no title or line
// wider than the panel (a title cut at its edge hides what tells notices
// apart, such as the unit at the end of an appraisal round's title).
async function panelFits(page) {
  return page.evaluate(() => {
    const p = document.querySelector('#notices-panel');
    const wide = [...p.querySelectorAll('.nt-title, .nt-body, .nt-meta')].filter(
      (e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > p.getBoundingClientRect().right,
    );
    return p.scrollWidth <= p.clientWidth + 1 && wide.length === 0;
  });
}

test('the bell shows the unread count; one and then all are marked read', T, async () => {
  const { page, shot } = stack;
  await login(OFFICER);
  const mine = await call('GET', '/api/v1/me/notices');
  assert.equal(mine.status, 200);
  const unread = mine.data.unread;
  assert.ok(unread > 0);
  await page.locator('#notices-count', { hasText: String(unread) }).waitFor();
  assert.match(await page.getAttribute('#notices-bell-btn', 'aria-label'), new RegExp(`${unread} chưa đọc`));
  await page.click('#notices-bell-btn');
  await page.locator('#notices-panel .nt-item').first().waitFor();
  assert.equal(await page.getAttribute('#notices-bell-btn', 'aria-expanded'), 'true');
  const first = mine.data.items[0];
  assert.equal(await page.textContent('#notices-panel .nt-item .nt-title'), first.title);
  assert.match(await page.textContent('#notices-panel'), /Hạn: \d\d\/\d\d\/\d{4}/);
  assert.ok(await panelFits(page), 'the titles wrap inside the panel');
  await shot('notices-bell');
  await page.locator('#notices-panel .nt-mark').first().click();
  await page.locator('#notices-count', { hasText: String(unread - 1) }).waitFor();
  const after1 = await call('GET', '/api/v1/me/notices');
  assert.equal(after1.data.unread, unread - 1);
  // Escape closes the panel and gives the focus back to the bell
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#notices-panel'), false);
  // the notices page
  await page.click('#notices-bell-btn');
  await page.click('#notices-panel a[href="#/thong-bao"]');
  await page.locator('#nt-list .nt-item').first().waitFor();
  assert.equal(await page.locator('#nt-list .nt-item').count(), Math.min(mine.data.total, 200));
  await page.check('#nt-unread-only');
  // the list is drawn again: wait for the new one (the old one has every notice)
  await page.waitForFunction(
    (n) => document.querySelectorAll('#nt-list .nt-item').length === n,
    Math.min(unread - 1, 200),
  );
  assert.equal(await page.locator('#nt-list .nt-item.nt-unread').count(), Math.min(unread - 1, 200));
  await page.click('#nt-mark-all');
  await page.locator('#notices-count').waitFor({ state: 'hidden' });
  assert.equal((await call('GET', '/api/v1/me/notices')).data.unread, 0);
  await shot('notices-page');
});

test('settings: kinds, e-mail, digest time; a bad address is refused', T, async () => {
  const { page, baseUrl, shot } = stack;
  await page.goto(`${baseUrl}/#/thong-bao/cai-dat`);
  await page.locator('#prefs-form').waitFor();
  assert.equal(await page.isChecked('#pf-kind-report'), true);
  await page.uncheck('#pf-kind-report');
  await page.fill('#pf-email', 'khong phai dia chi');
  await page.check('#pf-email-on');
  await page.fill('#pf-digest-time', '06:30');
  await page.click('#pf-save');
  await page.locator('#pf-message:not([hidden])').waitFor();
  assert.match(await page.textContent('#pf-message'), /thư điện tử không hợp lệ/);
  assert.equal(await page.getAttribute('#pf-email', 'aria-invalid'), 'true');
  await page.fill('#pf-email', 'canbo.stp@stp.vinhlong.gov.vn');
  await page.click('#pf-save');
  await page.locator('#pf-message', { hasText: 'Đã lưu cài đặt' }).waitFor();
  await page.reload();
  await page.locator('#prefs-form').waitFor();
  assert.equal(await page.isChecked('#pf-kind-report'), false);
  assert.equal(await page.isChecked('#pf-kind-task'), true);
  assert.equal(await page.inputValue('#pf-email'), 'canbo.stp@stp.vinhlong.gov.vn');
  assert.equal(await page.isChecked('#pf-email-on'), true);
  assert.equal(await page.inputValue('#pf-digest-time'), '06:30');
  assert.equal(await page.locator('#pf-leader').count(), 0, 'an officer does not mark leaders');
  const p = await call('GET', '/api/v1/me/notice-prefs');
  assert.deepEqual(p.data.kinds_off, ['report']);
  await shot('notices-settings');
});

test('the calendar link gives the due dates as iCalendar until revoked', T, async () => {
  const { page } = stack;
  await page.click('#pf-feed-new');
  await page.locator('#pf-feed-url').waitFor();
  const url = await page.inputValue('#pf-feed-url');
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/feeds\/[0-9a-f]{64}\.ics$/);
  const path = new URL(url).pathname;
  // the link works without a session (a phone has none)
  const ics = await page.evaluate(async (p) => {
    const r = await fetch(p, { credentials: 'omit', cache: 'no-store' });
    return { status: r.status, type: r.headers.get('Content-Type'), text: await r.text() };
  }, path);
  assert.equal(ics.status, 200);
  assert.match(ics.type, /^text\/calendar/);
  assert.match(ics.text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(ics.text, /BEGIN:VEVENT\r\nUID:task:\d+:/);
  assert.match(ics.text, /DTSTART;VALUE=DATE:2024\d{4}/);
  assert.doesNotMatch(ics.text, /VLG\.STC/);
  await page.click('#pf-feed-revoke');
  await page.locator('#pf-feed-status', { hasText: 'Đã thu hồi' }).waitFor();
  const gone = await page.evaluate(
    async (p) => (await fetch(p, { credentials: 'omit', cache: 'no-store' })).status,
    path,
  );
  assert.equal(gone, 404);
});

test('the administrator previews and makes a follow-up letter for a unit with overdue tasks', T, async () => {
  const { page, baseUrl } = stack;
  await login(USERS.admin);
  await page.goto(`${baseUrl}/#/thong-bao`);
  await page.click('#nt-letters');
  await page.locator('#lt-form').waitFor();
  await page.fill('#lt-unit', OFFICER.unit);
  await page.fill('#lt-issuer', 'VLG.SNV');
  await page.fill('#lt-symbol', 'SNV-CCHC');
  await page.fill('#lt-date', '2025-01-06');
  await page.fill('#lt-reply', '2025-01-20');
  await page.fill('#lt-signer', 'Nguyễn Văn A');
  await page.click('#lt-preview-btn');
  await page.locator('#lt-preview table tbody tr').first().waitFor();
  const api = await call('POST', '/api/v1/remind/letters', {
    unit: OFFICER.unit,
    issuer: 'VLG.SNV',
    symbol: 'SNV-CCHC',
    date: '2025-01-06',
    format: 'json',
    preview: 1,
  });
  assert.equal(api.status, 200);
  assert.equal(await page.locator('#lt-preview table tbody tr').count(), api.data.items.length);
  assert.match(await page.textContent('#lt-preview'), /SNV-CCHC/);
  await stack.shot('notices-letter-preview');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#lt-pdf')]);
  assert.match(download.suggestedFilename(), /\.pdf$/);
  const file = await download.path();
  assert.equal(readFileSync(file).subarray(0, 5).toString(), '%PDF-');
  await page.locator('#lt-preview .form-ok', { hasText: /Đã tạo công văn \d+\/SNV-CCHC/ }).waitFor();
  await page.locator('#lt-sent tbody tr').first().waitFor();
  assert.match(await page.textContent('#lt-sent'), /SNV-CCHC/);
  // an officer has no such link
  await login(OFFICER);
  await page.goto(`${baseUrl}/#/thong-bao`);
  await page.locator('#nt-list, #notices-view p.muted').first().waitFor();
  assert.equal(await page.locator('#nt-letters').count(), 0);
});

test('an unsubscribed kind is not sent; other units see nothing of it', T, async () => {
  const { page } = stack;
  await login(USERS.admin);
  const r = await call('POST', '/api/v1/remind/run', { at: '2025-01-06T08:00:00' });
  assert.equal(r.status, 200);
  const mine = r.data.notices.filter((n) => n.login === OFFICER.login);
  assert.ok(mine.length > 0);
  assert.ok(
    mine.every((n) => n.kind !== 'report'),
    'reports are off',
  );
  await login(OTHER);
  const other = await call('GET', '/api/v1/me/notices?limit=200');
  assert.equal(other.status, 200);
  assert.ok(other.data.items.every((n) => n.unit === '' || n.unit.startsWith('VLG.STC') || n.kind === 'digest'));
  const refused = await call('POST', '/api/v1/remind/run', {});
  assert.equal(refused.status, 403);
  const foreign = await call('GET', `/api/v1/me/notice-prefs?user=${OFFICER.login}`);
  assert.equal(foreign.status, 403);
  await page.setViewportSize({ width: 390, height: 800 });
  await page.click('#notices-bell-btn');
  await page.locator('#notices-panel').waitFor();
  const box = await page.locator('#notices-panel').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 390, 'the panel fits a phone');
  assert.ok(await panelFits(page), 'the titles wrap inside the panel on a phone');
  await stack.shot('notices-phone');
  await page.setViewportSize({ width: 1280, height: 900 });
});
