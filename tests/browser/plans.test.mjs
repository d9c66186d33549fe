// plans.test.mjs - importing a plan through the UI (#/nhap-ke-hoach) and
// reading it (#/ke-hoach, #/ke-hoach/{id}) in headless Chromium: the shared
// plan data/plans/002 (Vĩnh Long 2024, 66 tasks in the 8 areas) is chosen
// with setInputFiles, previewed, imported, shown by area and filtered; a
// second import shows the "already imported" answer; a binary file shows the
// server's Vietnamese error in place with the fields kept.
// Tests run in order on one page. Screenshots: build/screenshots/plans-*.png.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ROOT, SHOTS, USERS, missingPrerequisite, startStack } from './harness.mjs';

const skip = missingPrerequisite();
const T = { timeout: 60000, skip: skip ?? false };
const PLAN = join(ROOT, 'data', 'plans', '002_f2f413426d7afbab.txt');
const AREA_NAMES = [
  'Công tác chỉ đạo, điều hành CCHC',
  'Cải cách thể chế',
  'Cải cách thủ tục hành chính',
  'Cải cách tổ chức bộ máy hành chính nhà nước',
  'Cải cách chế độ công vụ',
  'Cải cách tài chính công',
  'Xây dựng và phát triển Chính quyền điện tử, Chính quyền số',
  'Tác động của CCHC đến người dân, tổ chức và phát triển kinh tế – xã hội',
];
let stack;
const pageErrors = [];
let planId = null;

before(
  async () => {
    if (skip) return;
    stack = await startStack();
    stack.page.on('pageerror', (err) => pageErrors.push(err.message));
    stack.page.on('console', (msg) => {
      // 401 (/me before login) and 400 (the refused binary file) are answers the page shows.
      if (msg.type() === 'error' && !/status of 40[01]/.test(msg.text())) pageErrors.push(msg.text());
    });
  },
  { timeout: 90000 },
);

after(
  async () => {
    if (!stack) return;
    const problems = await stack.stop();
    assert.deepEqual(problems, [], 'clean shutdown of the browser and the server');
  },
  { timeout: 30000 },
);

async function areaTitles(page, box) {
  return page.$$eval(`${box} .area-title`, (hs) => hs.map((h) => h.firstChild.textContent));
}

async function preview(page) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/plans/parse'),
    page.click('#import-preview-btn'),
  ]);
  await page.waitForFunction(() => document.getElementById('import-status').hidden);
  return resp;
}

async function confirm(page) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/plans' && r.request().method() === 'POST'),
    page.click('#import-confirm'),
  ]);
  return resp;
}

test('an official logs in and opens the import page from the navigation', T, async () => {
  const { page, baseUrl } = stack;
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-view').waitFor({ state: 'visible' });
  await page.fill('#login', USERS.admin.login);
  await page.fill('#password', USERS.admin.password);
  await page.click('#login-submit');
  await page.locator('#units-view').waitFor({ state: 'visible' });
  const nav = await page.locator('.nav-link').allTextContents();
  assert.ok(nav.includes('Kế hoạch') && nav.includes('Nhập kế hoạch'), nav.join(', '));
  await page.click('.nav-link[data-page="plans"]');
  await page.locator('#plans-view').waitFor({ state: 'visible' });
  await page.locator('#plans-empty').waitFor({ state: 'visible' });
  await page.click('.nav-link[data-page="import"]');
  await page.locator('#import-view').waitFor({ state: 'visible' });
  assert.equal(new URL(page.url()).hash, '#/nhap-ke-hoach');
  assert.equal((await page.textContent('#import-title')).trim(), 'Nhập kế hoạch từ tài liệu');
  assert.equal(await page.isDisabled('#import-confirm'), true, 'nothing to import before a preview');
});

test('without a file, the preview asks for one in place', T, async () => {
  const { page } = stack;
  await page.click('#import-preview-btn');
  assert.equal((await page.textContent('#import-error')).trim(), 'Vui lòng chọn tệp kế hoạch.');
});

test('the preview of plan 002 shows its header, 66 tasks in the 8 areas', T, async () => {
  const { page, shot } = stack;
  await page.setInputFiles('#import-file', PLAN);
  const resp = await preview(page);
  assert.equal(resp.status(), 200);
  assert.equal(resp.headers()['content-type'].includes('application/json'), true);
  await page.locator('#import-result').waitFor({ state: 'visible' });
  assert.equal(await page.isHidden('#import-error'), true);
  assert.match(await page.textContent('#import-doc-title'), /CẢI CÁCH HÀNH CHÍNH NĂM 2024/);
  assert.match(await page.textContent('#import-doc'), /2890\/QĐ-UBND/);
  assert.match(await page.textContent('#import-summary'), /^66 nhiệm vụ thuộc 8 lĩnh vực, 0 chỉ tiêu/);
  assert.equal(await page.locator('#import-tasks .task-row').count(), 66);
  assert.deepEqual(await areaTitles(page, '#import-tasks'), AREA_NAMES);
  // The first task, as written in the appendix table.
  const first = page.locator('#import-tasks .task-row').first();
  assert.equal((await first.locator('.task-no').textContent()).trim(), '1');
  assert.match(await first.locator('.task-title').textContent(), /^Xây dựng và triển khai thực hiện Quyết định/);
  assert.match(await first.textContent(), /Quý IV\/2023/);
  assert.match(await first.textContent(), /Hạn: 31\/12\/2023/);
  // The area filter of the preview.
  await page.selectOption('#import-area', 'theche');
  assert.equal(await page.locator('#import-tasks .task-row').count(), 6);
  await page.selectOption('#import-area', '');
  assert.equal(await page.isEnabled('#import-confirm'), true);
  // The periodic reports its "chế độ báo cáo" clause names, as the calendar
  // the import will store for the province's senders.
  const rep = await page.textContent('#import-reporting');
  assert.match(rep, /Chế độ báo cáo đọc từ kế hoạch/);
  assert.match(rep, /Báo cáo quý I.*15\/12 – 14\/3/);
  assert.match(rep, /Quyết định 2890\/QĐ-UBND/);
  await shot('plans-1-preview');
});

test('importing opens the plan page with its tasks by area, filterable', T, async () => {
  const { page, shot } = stack;
  const resp = await confirm(page);
  assert.equal(resp.status(), 201, 'created');
  // (The answer's body is not read here: the browser drops it when the page
  // moves on; the id is in the address the page goes to.)
  await page.waitForURL((u) => /^#\/ke-hoach\/\d+$/.test(u.hash));
  planId = Number(new URL(page.url()).hash.split('/')[2]);
  assert.ok(planId > 0);
  await page.locator('#plan-body').waitFor({ state: 'visible' });
  assert.equal(await page.locator('#plan-tasks .task-row').count(), 66);
  assert.deepEqual(await areaTitles(page, '#plan-tasks'), AREA_NAMES);
  assert.match(await page.textContent('#plan-title'), /CẢI CÁCH HÀNH CHÍNH NĂM 2024/);
  assert.equal((await page.textContent('#plan-task-count')).trim(), '66 nhiệm vụ');
  assert.match(await page.textContent('#plan-doc'), /002_f2f413426d7afbab\.txt/);
  await shot('plans-2-plan');

  // By area.
  await page.selectOption('#plan-area', 'tthc');
  assert.equal(await page.locator('#plan-tasks .task-row').count(), 8);
  assert.deepEqual(await areaTitles(page, '#plan-tasks'), ['Cải cách thủ tục hành chính']);
  assert.equal((await page.textContent('#plan-task-count')).trim(), '8 / 66 nhiệm vụ khớp bộ lọc');
  await shot('plans-3-area');

  // By unit, without accents: every task shown names the unit.
  await page.selectOption('#plan-area', '');
  await page.fill('#plan-unit-filter', 'so noi vu');
  await page.waitForFunction(() => {
    const n = document.querySelectorAll('#plan-tasks .task-row').length;
    return n > 0 && n < 66;
  });
  const texts = await page.$$eval('#plan-tasks .task-row', (rows) =>
    rows.map((r) => [...r.querySelectorAll('.parties')].map((c) => c.textContent).join(' ')),
  );
  for (const tx of texts) assert.match(tx, /Nội vụ|VLG\.SNV/);
  await page.fill('#plan-unit-filter', 'khong co don vi nay');
  await page.locator('#plan-tasks .tasks-empty').waitFor();
  await page.fill('#plan-unit-filter', '');
});

test('the list shows the imported plan with its counts', T, async () => {
  const { page, shot } = stack;
  await page.click('.nav-link[data-page="plans"]');
  await page.locator('#plans-list').waitFor({ state: 'visible' });
  await page.locator('#plans-rows tr.plan-row').first().waitFor();
  assert.equal(await page.locator('#plans-rows tr.plan-row').count(), 1);
  const row = page.locator('#plans-rows tr.plan-row').first();
  assert.equal(await row.getAttribute('data-id'), String(planId));
  assert.equal((await row.locator('.plan-number').textContent()).trim(), '2890/QĐ-UBND');
  assert.equal((await row.locator('.plan-tasks').textContent()).trim(), '66');
  await shot('plans-4-list');
  await row.locator('.plan-title a').click();
  await page.waitForURL((u) => u.hash === `#/ke-hoach/${planId}`);
  await page.locator('#plan-tasks .task-row').first().waitFor();
});

test('importing the same document again says it was imported before', T, async () => {
  const { page } = stack;
  await page.click('.nav-link[data-page="import"]');
  await page.locator('#import-view').waitFor({ state: 'visible' });
  await page.setInputFiles('#import-file', PLAN);
  await preview(page);
  const resp = await confirm(page);
  assert.equal(resp.status(), 200, 'the existing plan, not a new one');
  await page.locator('#import-duplicate').waitFor({ state: 'visible' });
  const msg = await page.textContent('#import-duplicate');
  assert.match(msg, new RegExp(`đã được nhập trước đây \\(kế hoạch số ${planId}\\)`));
  assert.equal(await page.getAttribute('#import-duplicate a', 'href'), `#/ke-hoach/${planId}`);
  assert.equal(new URL(page.url()).hash, '#/nhap-ke-hoach', 'stays on the import page');
  // The message at the top of a long page: the visible part only.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SHOTS, 'plans-5-duplicate.png') });
});

test('a binary file shows the Vietnamese error in place, keeping the fields', T, async () => {
  const { page, shot } = stack;
  await page.fill('#import-year', '2024');
  await page.fill('#import-unit', 'VLG');
  await page.setInputFiles('#import-file', {
    name: 'hong.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x9c, 0x10, 0x00, 0x00, 0x7f, 0x80]),
  });
  assert.equal(await page.isDisabled('#import-confirm'), true, 'a changed file needs a new preview');
  const resp = await preview(page);
  assert.equal(resp.status(), 400);
  const q = new URL(resp.url()).searchParams;
  assert.equal(q.get('filename'), 'hong.pdf');
  assert.equal(q.get('year'), '2024');
  assert.equal(q.get('unit'), 'VLG');
  const body = await resp.json();
  await page.locator('#import-error').waitFor({ state: 'visible' });
  const msg = (await page.textContent('#import-error')).trim();
  assert.equal(msg, body.error.message);
  assert.match(msg, /Tệp không phải văn bản, Word \(\.docx\) hay PDF/);
  assert.equal(await page.isHidden('#import-result'), true);
  assert.equal(await page.isDisabled('#import-confirm'), true);
  assert.equal(await page.inputValue('#import-year'), '2024');
  assert.equal(await page.inputValue('#import-unit'), 'VLG');
  assert.equal(await page.$eval('#import-file', (i) => i.files[0] && i.files[0].name), 'hong.pdf');
  await shot('plans-6-error');

  // The same error in English through the switch.
  await page.click('.lang-btn[data-lang="en"]');
  assert.equal((await page.textContent('#import-error')).trim(), body.error.message_en);
  await page.click('.lang-btn[data-lang="vi"]');
});

test('an invalid year is refused before any upload', T, async () => {
  const { page } = stack;
  await page.setInputFiles('#import-file', PLAN);
  await page.fill('#import-year', '20x4');
  let uploads = 0;
  const count = (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/v1/plans')) uploads++;
  };
  page.on('request', count);
  await page.click('#import-preview-btn');
  page.off('request', count);
  assert.equal((await page.textContent('#import-error')).trim(), 'Năm không hợp lệ (từ 1990 đến 2199).');
  assert.equal(await page.getAttribute('#import-year', 'aria-invalid'), 'true');
  assert.equal(uploads, 0);
});

test('a unit code is checked as it is typed, not at confirm', T, async () => {
  const { page } = stack;
  await page.fill('#import-year', '');
  await page.fill('#import-unit', 'vlg.snv');
  // at once, under the field, with the likely code (issue 10 item 11)
  await page.locator('#import-unit-error').waitFor({ state: 'visible' });
  assert.equal(
    (await page.textContent('#import-unit-error')).trim(),
    'Không có đơn vị mã «vlg.snv» trong danh mục. Có phải «VLG.SNV»?',
  );
  assert.equal(await page.getAttribute('#import-unit', 'aria-invalid'), 'true');
  let uploads = 0;
  const count = (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/v1/plans')) uploads++;
  };
  page.on('request', count);
  await page.click('#import-preview-btn');
  page.off('request', count);
  assert.equal(uploads, 0);
  await page.fill('#import-unit', 'VLG.SNV');
  await page.locator('#import-unit-error').waitFor({ state: 'hidden' });
  await page.fill('#import-unit', '');
});

test('an unresolved unit name is given a unit from the picker before importing', T, async () => {
  const { page, baseUrl, shot } = stack;
  await page.fill('#import-year', '');
  await page.setInputFiles('#import-file', join(ROOT, 'data', 'plans', '004_9a23d4ea0e0477f2.txt'));
  const resp = await preview(page);
  assert.equal(resp.status(), 200);
  const picker = page.locator('#import-unresolved li.fix-item', { hasText: 'Phòng Nội vụ' });
  await picker.waitFor();
  const all = await picker.locator('select.fix-unit option').count();
  await picker.locator('input.fix-filter').fill('so noi vu'); // accents optional
  const options = await picker.locator('select.fix-unit option').allTextContents();
  assert.ok(options.includes('Sở Nội vụ (VLG.SNV)'), options.join(' | '));
  assert.ok(options.length < all / 4, `the filter narrows the list (${options.length} of ${all})`);
  await picker.locator('select.fix-unit').selectOption('VLG.SNV');
  await shot('plans-5-unit-picker');
  const done = await confirm(page);
  assert.equal(done.status(), 201);
  await page.waitForURL(/#\/ke-hoach\/\d+$/);
  const id = /(\d+)$/.exec(page.url())[1];
  const plan = await (await page.request.get(`${baseUrl}/api/v1/plans/${id}`)).json();
  const parties = plan.tasks.flatMap((tk) => [...tk.lead, ...tk.support]);
  const fixed = parties.filter((p) => p.text === 'Phòng Nội vụ');
  assert.ok(fixed.length > 0);
  for (const p of fixed) assert.equal(p.unit, 'VLG.SNV');
  assert.ok(!plan.warnings.some((w) => /Phòng Nội vụ'/.test(w.message_en)));
});

test('no script error on the page', T, () => {
  assert.deepEqual(pageErrors, []);
});
