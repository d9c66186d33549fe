// par.test.mjs - PAR Index scoring in headless Chromium (#/chi-so-cchc):
// a campaign of 2024 over the province's departments (sample framework,
// a hand-measured training target pre-filled as a cchc figure). The officer
// of Sở Y tế accepts the figure, scores a criterion with a note and an
// evidence file, is stopped by the maximum, and submits; the appraiser of
// Sở Tư pháp sees only its area, lowers a score with a reason and asks for an
// explanation; the unit explains; the standing agency publishes and the
// ranking shows the index worked out here from the framework file. Before
// that the standing agency sets the campaign's caps and publication date in
// its administration form (a wrong order of dates and a wrong cap are
// refused in place), the unit proposes a bonus with its evidence file and
// the standing agency a penalty with its own (issue 13).
// Screenshots: build/screenshots/par-*.png.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';

import { BIN, ROOT, sharedStack, submitLogin, testOptions } from './harness.mjs';

const T = testOptions(90000);
const UNIT = 'VL25.SYT';
const FW = JSON.parse(readFileSync(join(ROOT, 'data', 'par', 'so-2024.json'), 'utf8'));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const USERS = {
  officer: ['canbo.syt', 'officer', UNIT, 'Trần Văn Y Tế'],
  appraiser: ['thamdinh.stp', 'appraiser', 'VL25.STP', 'Lê Thị Tư Pháp'],
  standing: ['thuongtruc', 'standing', 'VL25', 'Phạm Văn Nội Vụ'],
};
let campaign;

// A password each demo user can have (the rules refuse one holding the login).
function pw(name) {
  return `Mk-${[...name].reverse().join('')}-2024`;
}

function cli(args, input) {
  const g = ['--db', join(suite.stack.dir, 'cchc.db'), '--data', join(ROOT, 'data'), '--log-level', 'warn'];
  const r = spawnSync(BIN, [...g, ...args], { input, encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) throw new Error(`cchc ${args.join(' ')}: ${r.stdout}${r.stderr}`);
  return r.stdout;
}

function day(delta) {
  const d = new Date(Date.now() + delta * 86400000);
  return d.toISOString().slice(0, 10);
}

// The framework read here, independently of the server: leaves, maxima.
const codes = FW.nodes.map((n) => n.code);
const isLeaf = (c) => !codes.some((x) => x.startsWith(`${c}.`));
const topKind = (c) => FW.nodes.find((n) => n.code === c.split('.')[0]).kind || 'criterion';
const topValue = (n) => (n.levels ? Math.max(...n.levels.map((l) => l.points)) : n.max);
// Points of a measured ratio on a bands leaf: the first band (highest
// first) whose lower bound holds.
const bandPoints = (n, ratio) =>
  n.bands.find((b) => (b.above !== undefined ? ratio > b.above : ratio >= b.from)).points;
const scored = FW.nodes.filter(
  (n) =>
    isLeaf(n.code) &&
    topKind(n.code) === 'criterion' &&
    n.source !== 'survey' &&
    (!n.applies_to || n.applies_to.includes('so')),
);

async function login(who) {
  const r = await fetch(`${suite.stack.baseUrl}/api/v1/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: USERS[who][0], password: pw(USERS[who][0]) }),
  });
  assert.equal(r.status, 200);
  return r.headers.get('set-cookie').split(';')[0];
}

const suite = sharedStack(
  { plans: [join(ROOT, 'data', 'plans', '001_74e5bd43d5376be8.txt')] },
  {
    expected: /status of 40[0139]/,
    timeout: 180000,
    ready: async () => {
      for (const [name0, role, unit, name] of Object.values(USERS)) {
        cli(
          ['user', 'add', name0, '--role', role, '--unit', unit, '--name', name, '--password-stdin'],
          `${pw(name0)}\n`,
        );
      }
      const targets = JSON.parse(cli(['target', 'list', '--plan', '1', '--json']));
      const trained = targets.items.find((x) => x.indicator === 'staff.trained');
      cli([
        'target',
        'measure',
        String(trained.id),
        '--unit',
        UNIT,
        '--period',
        '2024',
        '--value',
        '96.5',
        '--note',
        'Báo cáo kết quả đào tạo năm 2024',
      ]);
      const fw = JSON.parse(cli(['par', 'framework', 'import', join(ROOT, 'data', 'par', 'so-2024.json'), '--json']));
      campaign = JSON.parse(
        cli([
          'par',
          'campaign',
          'create',
          '--year',
          '2024',
          '--framework',
          String(fw.id),
          '--opens',
          day(-2),
          '--self-due',
          day(5),
          '--round1-due',
          day(10),
          '--explain-due',
          day(15),
          '--round2-due',
          day(20),
          '--publish-due',
          day(30),
          '--json',
        ]),
      ).id;
      cli(['par', 'prefill', '--campaign', String(campaign)]);
      // the unit has scored everything but 1.1.1, 2.1.1 and 5.3 (left to the browser)
      const cookie = await login('officer');
      for (const n of scored) {
        if (['1.1.1', '2.1.1', '5.3'].includes(n.code)) continue;
        const r = await fetch(`${suite.stack.baseUrl}/api/v1/par/campaigns/${campaign}/sheets/${UNIT}/scores`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: cookie },
          // (a score other than a cchc figure needs a note: 1.2.1 'reports on time' has one)
          body: JSON.stringify({ code: n.code, points: topValue(n), note: 'Tự chấm theo hồ sơ minh chứng' }),
        });
        assert.equal(r.status, 200, `score ${n.code}`);
      }
    },
  },
);

after(() => assert.deepEqual(suite.pageErrors, []));

async function signIn(who) {
  const { page, baseUrl } = suite.stack;
  await page.goto(`${baseUrl}/#/chi-so-cchc/${campaign}`);
  if (await page.locator('#logout').isVisible()) {
    await page.click('#logout');
  }
  await submitLogin(page, { login: USERS[who][0], password: pw(USERS[who][0]) }, '#par-view h1');
}

const leaf = (code) => suite.stack.page.locator(`.ps-leaf[data-code="${code}"]`);

async function campaignJson() {
  const cookie = await login('standing');
  const r = await fetch(`${suite.stack.baseUrl}/api/v1/par/campaigns/${campaign}`, { headers: { Cookie: cookie } });
  assert.equal(r.status, 200);
  return r.json();
}

test('the standing agency sets the caps and a deadline of the campaign', T, async () => {
  const { page, shot } = suite.stack;
  const initial = await campaignJson();
  await signIn('standing');
  await page.locator('#par-edit').waitFor();
  assert.equal(await page.inputValue('#par-edit-self-due'), day(5));
  // a cap that is not a number is stopped before it is sent
  await page.fill('#par-edit-bonus', 'hai');
  await page.click('#par-edit-save');
  await page.locator('#par-edit-msg', { hasText: 'Điểm thưởng tối đa phải là số' }).waitFor();
  // deadlines out of order: the server's message, nothing changed
  await page.fill('#par-edit-bonus', '1,5');
  await page.fill('#par-edit-round1-due', day(3));
  await page.click('#par-edit-save');
  await page.locator('#par-edit-msg:not([hidden])').waitFor();
  assert.equal(await page.getAttribute('#par-edit-msg', 'class'), 'form-error');
  let c = await campaignJson();
  assert.deepEqual(c.deadlines, initial.deadlines);
  assert.equal(c.bonus_max, initial.bonus_max);
  // Vietnamese decimals; a later publication date
  await page.fill('#par-edit-round1-due', day(10));
  await page.fill('#par-edit-penalty', '1');
  await page.fill('#par-edit-publish-due', day(31));
  await page.click('#par-edit-save');
  await page.locator('#par-edit-msg', { hasText: 'Đã lưu thời hạn và mức điểm' }).waitFor();
  c = await campaignJson();
  assert.equal(c.bonus_max, 1.5);
  assert.equal(c.penalty_max, 1);
  assert.equal(c.deadlines.publish, day(31));
  assert.equal(c.deadlines.self, day(5));
  assert.equal(await page.inputValue('#par-edit-bonus'), '1,5');
  assert.match(await page.textContent('.par-phase'), new RegExp(`công bố ${day(31).split('-').reverse().join('/')}`));
  await shot('par-0-campaign-settings');
  // an emptied cap removes it; typed again, it is back
  await page.fill('#par-edit-penalty', '');
  await page.click('#par-edit-save');
  await page.locator('#par-edit-msg', { hasText: 'Đã lưu thời hạn và mức điểm' }).waitFor();
  c = await campaignJson();
  assert.equal(c.penalty_max, null);
  assert.equal(c.bonus_max, 1.5);
  assert.equal(await page.getAttribute('#par-edit-penalty', 'placeholder'), 'Không giới hạn (để trống)');
  await page.fill('#par-edit-penalty', '1');
  await page.click('#par-edit-save');
  await page.locator('#par-edit-msg', { hasText: 'Đã lưu thời hạn và mức điểm' }).waitFor();
  assert.equal((await campaignJson()).penalty_max, 1);
});

test('the department scores itself with the cchc figure and evidence, then submits', T, async () => {
  const { page, shot } = suite.stack;
  await signIn('officer');
  await page.click('#par-my-sheet');
  await leaf('5.3').waitFor();
  // the pre-filled figure, marked with its source
  const fig = leaf('5.3').locator('.figure');
  assert.match(await fig.textContent(), /Số liệu cchc: 96,50% \(kỳ 2024\)/);
  assert.match(await fig.locator('a').getAttribute('href'), /^\/api\/v1\/targets\/summary\?unit=VL25\.SYT/);
  await leaf('5.3').locator('.ps-accept').click();
  await leaf('5.3')
    .locator('.ps-points', { hasText: 'theo số liệu cchc' })
    .or(leaf('5.3').locator('.ps-points', { hasText: 'tự chấm' }))
    .waitFor();
  // only the allowed levels are offered; 0.5 with a note
  const opts = await leaf('1.1.1').locator('select.ps-score option').allTextContents();
  assert.equal(opts.length, 4);
  await leaf('1.1.1').locator('select.ps-score').selectOption('0.5');
  await leaf('1.1.1').locator('input[type="text"]').fill('Ban hành chậm 10 ngày');
  await leaf('1.1.1').locator('.ps-save').click();
  await leaf('1.1.1').locator('.ps-points', { hasText: '0,5' }).waitFor();
  await leaf('1.1.1')
    .locator('input[type="file"]')
    .setInputFiles({ name: 'ke-hoach-cchc-2024.pdf', mimeType: 'application/pdf', buffer: PDF });
  await leaf('1.1.1').locator('.files a', { hasText: 'ke-hoach-cchc-2024.pdf' }).waitFor();
  // the same file linked to another criterion from the unit's existing evidence, not uploaded again
  const pick = leaf('2.1.1').locator('.existing-evidence select');
  await pick.focus();
  await pick.locator('option', { hasText: 'ke-hoach-cchc-2024.pdf' }).waitFor({ state: 'attached' });
  const value = await pick.locator('option', { hasText: 'ke-hoach-cchc-2024.pdf' }).first().getAttribute('value');
  await pick.selectOption(value);
  await leaf('2.1.1').locator('.existing-evidence button').click();
  await leaf('2.1.1').locator('.files a', { hasText: 'ke-hoach-cchc-2024.pdf' }).waitFor();
  // a manual value above the maximum is stopped before it is sent
  const max211 = FW.nodes.find((n) => n.code === '2.1.1');
  if (!max211.levels) {
    await leaf('2.1.1')
      .locator('input[type="number"]')
      .fill(String(max211.max + 1));
    await leaf('2.1.1').locator('.ps-save').click();
    await leaf('2.1.1').locator('.form-error', { hasText: 'Điểm phải từ 0' }).waitFor();
  }
  await leaf('2.1.1')
    .locator('select.ps-score, input[type="number"]')
    .first()
    .evaluate((e, v) => {
      e.value = String(v);
    }, topValue(max211));
  await leaf('2.1.1').locator('.ps-save').click();
  await page.locator('.ps-progress', { hasText: `${scored.length}/${scored.length}` }).waitFor();
  // a bonus proposal with its evidence; above the cap (1,5) it is refused
  await page.fill('#adj-bonus', '2');
  await page.fill('#adj-bonus-reason', 'Sáng kiến số hóa hồ sơ được công nhận');
  await page.locator('.ps-adj-bonus button').click();
  await page.locator('.ps-adj-bonus .form-error:not([hidden])').waitFor();
  await page.fill('#adj-bonus', '1');
  await page.locator('.ps-adj-bonus button').click();
  await page.locator('.ps-result', { hasText: 'Tổng điểm' }).waitFor();
  await page.waitForFunction(() => document.querySelector('#adj-bonus').value === '1');
  await page.setInputFiles('#adj-bonus-files', {
    name: 'sang-kien-2024.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await page.locator('#adj-bonus-evidence .files a', { hasText: 'sang-kien-2024.pdf' }).waitFor();
  // the officer cannot touch the penalty
  assert.equal(await page.locator('#adj-penalty-files').count(), 0);
  assert.equal(await page.isDisabled('#adj-penalty'), true);
  // a file for the self-assessment report
  await page.setInputFiles('#ps-report-files', { name: 'bao-cao-kem.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.locator('#ps-report-evidence .files a', { hasText: 'bao-cao-kem.pdf' }).waitFor();
  await shot('par-1-sheet');
  page.once('dialog', (d) => d.accept());
  await page.click('#ps-submit');
  await page.locator('#par-view p.muted', { hasText: 'Đã gửi' }).waitFor();
  assert.equal(await page.locator('#ps-submit').count(), 0);
});

test('the appraising department adjusts its area with a reason and asks for an explanation', T, async () => {
  const { page, shot } = suite.stack;
  await signIn('appraiser');
  await page.locator('.par-queue-table a', { hasText: 'Sở Y tế' }).click();
  await leaf('2.1.1').waitFor();
  // the sheet is submitted: round 1 is open, and the page says until when
  assert.match(await page.textContent('#ps-round'), /^Đang thẩm định vòng 1, đến hết ngày \d\d\/\d\d\/\d{4}$/);
  const shown = await page.$$eval('.ps-leaf', (ls) => ls.map((l) => l.dataset.code));
  assert.ok(shown.length > 0 && shown.every((c) => c.startsWith('2.')), `only area 2: ${shown}`);
  const n = FW.nodes.find((x) => x.code === '2.1.1');
  const lower = n.levels ? Math.max(...n.levels.map((l) => l.points).filter((p) => p < topValue(n))) : n.max - 1;
  const ctl = leaf('2.1.1').locator('.appraise-row select, .appraise-row input[type="number"]');
  await ctl.evaluate((e, v) => {
    e.value = String(v);
  }, lower);
  await leaf('2.1.1').locator('.ps-appraise').click();
  await leaf('2.1.1').locator('.form-error', { hasText: 'lý do' }).waitFor();
  await leaf('2.1.1').locator('input[id^="reason-"]').fill('Chưa có kế hoạch rà soát văn bản năm 2024');
  await leaf('2.1.1').locator('.ps-appraise').click();
  await leaf('2.1.1').locator('.appraised', { hasText: 'Chưa có kế hoạch rà soát' }).waitFor();
  await leaf('2.1.1').locator('input[id^="request-"]').fill('Đề nghị gửi kế hoạch rà soát văn bản');
  await leaf('2.1.1').locator('.ps-request').click();
  await leaf('2.1.1').locator('.explain', { hasText: 'Đề nghị gửi kế hoạch' }).waitFor();
  await shot('par-2-appraisal');
});

test('the department explains within the deadline', T, async () => {
  const { page, shot } = suite.stack;
  await signIn('officer');
  await page.click('#par-my-sheet');
  await page.selectOption('#ps-filter', 'explain');
  await leaf('2.1.1').locator('textarea').fill('Đơn vị đã ban hành Kế hoạch số 15/KH-SYT ngày 20/01/2024');
  await leaf('2.1.1').locator('.ps-answer').click();
  await leaf('2.1.1').locator('.explain-answer', { hasText: '15/KH-SYT' }).waitFor();
  // the leaf's history: who changed what, when and why
  await leaf('2.1.1').locator('.ps-history summary').click();
  await leaf('2.1.1')
    .locator('.ps-history li', { hasText: 'Thẩm định vòng 1' })
    .filter({ hasText: 'Chưa có kế hoạch rà soát văn bản năm 2024' })
    .waitFor();
  const hist = await leaf('2.1.1').locator('.ps-history li').allTextContents();
  assert.ok(
    hist.some((x) => /thamdinh\.stp · Thẩm định vòng 1: .+ → /.test(x)),
    hist.join('|'),
  );
  assert.ok(
    hist.some((x) => /canbo\.syt · Tự chấm: — → /.test(x)),
    hist.join('|'),
  );
  await shot('par-3-explanation');
});

test('the standing agency publishes; the ranking shows the independently computed index', T, async () => {
  const { page, shot } = suite.stack;
  await signIn('standing');
  // a penalty with its evidence, on the unit's sheet
  await page.goto(`${suite.stack.baseUrl}/#/chi-so-cchc/${campaign}/phieu/${UNIT}`);
  await page.locator('#adj-penalty').waitFor();
  await page.fill('#adj-penalty', '0,5');
  await page.fill('#adj-penalty-reason', 'Chậm gửi báo cáo quý III');
  await page.locator('.ps-adj-penalty button').click();
  await page.waitForFunction(() => document.querySelector('#adj-penalty').value === '0,5');
  await page.setInputFiles('#adj-penalty-files', {
    name: 'bien-ban-kiem-tra.pdf',
    mimeType: 'application/pdf',
    buffer: PDF,
  });
  await page.locator('#adj-penalty-evidence .files a', { hasText: 'bien-ban-kiem-tra.pdf' }).waitFor();
  assert.match(await page.textContent('#adj-bonus-evidence'), /sang-kien-2024\.pdf/);
  await shot('par-3b-penalty');
  // a criterion marked not applicable leaves the maximum, then applies again
  const maxOf = async () => Number((await page.textContent('.ps-result')).match(/\/(\d+)/)[1]);
  await page.selectOption('#ps-filter', ''); // the officer's filter is kept by the page
  const fullMax = await maxOf();
  await leaf('1.1.1').locator('.ps-na').click();
  await leaf('1.1.1').locator('.form-error', { hasText: 'lý do' }).waitFor();
  await leaf('1.1.1').locator('input[id^="na-reason-"]').fill('Đơn vị mới thành lập giữa năm');
  await leaf('1.1.1').locator('.ps-na').click();
  await leaf('1.1.1').locator('p.muted', { hasText: 'Không áp dụng: Đơn vị mới thành lập giữa năm' }).waitFor();
  assert.equal(await maxOf(), fullMax - FW.nodes.find((x) => x.code === '1.1.1').max);
  await leaf('1.1.1').locator('input[id^="na-reason-"]').fill('Nhầm lẫn, đơn vị có ban hành kế hoạch');
  await leaf('1.1.1').locator('.ps-na', { hasText: 'Áp dụng lại' }).click();
  await leaf('1.1.1').locator('.ps-points').waitFor();
  assert.equal(await maxOf(), fullMax);
  await page.goto(`${suite.stack.baseUrl}/#/chi-so-cchc/${campaign}`);
  await page.locator('.par-admin button', { hasText: 'Công bố kết quả' }).click();
  await page.locator('.par-phase .badge', { hasText: 'Đã công bố' }).waitFor();
  // expected from the framework file: full marks but 1.1.1 (0.5 of 1) and 2.1.1 (appraised lower)
  const n = FW.nodes.find((x) => x.code === '2.1.1');
  const lower = n.levels ? Math.max(...n.levels.map((l) => l.points).filter((p) => p < topValue(n))) : n.max - 1;
  const max = scored.reduce((s, x) => s + x.max, 0);
  const n53 = FW.nodes.find((x) => x.code === '5.3'); // the accepted figure, 96.5 %
  const total =
    scored.reduce((s, x) => s + topValue(x), 0) -
    0.5 -
    (topValue(n) - lower) -
    (topValue(n53) - bandPoints(n53, 96.5)) +
    1 - // the bonus
    0.5; // the penalty
  const index = Math.round((total / max) * 10000) / 100;
  const row = page.locator('.par-ranking tbody tr', { hasText: 'Sở Y tế' });
  await row.waitFor(); // the page re-renders after publishing: wait for the new table
  const cells = await row.locator('td').allTextContents();
  assert.equal(cells[0], '1');
  assert.equal(cells[4], `${index.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`);
  await row.locator('a').click();
  await page.locator('.par-areas .par-bar-line').first().waitFor();
  await page.locator('.par-lost li', { hasText: '2.1.1' }).waitFor();
  await shot('par-4-ranking');
});
