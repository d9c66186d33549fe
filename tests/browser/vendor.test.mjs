// vendor.test.mjs - the npm assets copied into web/vendor/ by
// scripts/web_assets.sh are served by cchc serve and work in the browser
// under the server's Content-Security-Policy (no CDN, no inline code).
// Screenshot: build/screenshots/vendor-uplot.png.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { sharedStack, testOptions } from './harness.mjs';

const T = testOptions(20000);

const suite = sharedStack();

test('uPlot is served from /vendor and draws a chart under the CSP', T, async () => {
  const { page, baseUrl, shot } = suite.stack;
  const css = await page.request.get(`${baseUrl}/vendor/uplot/uPlot.min.css`);
  assert.equal(css.status(), 200);
  assert.match(css.headers()['content-type'], /^text\/css/);
  await page.goto(`${baseUrl}/`);
  await page.locator('#login-view').waitFor({ state: 'visible' });
  const drawn = await page.evaluate(async () => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/vendor/uplot/uPlot.min.css';
    document.head.append(link);
    const { default: UPlot } = await import('/vendor/uplot/uPlot.esm.js');
    const box = document.createElement('div');
    box.id = 'chart-probe';
    document.querySelector('main').append(box);
    // Monthly trend as the dashboard will draw it: Jan..Jun, on-time rate %.
    const months = [1, 2, 3, 4, 5, 6].map((m) => Date.UTC(2026, m - 1, 1) / 1000);
    const chart = new UPlot(
      {
        title: 'Tỷ lệ hồ sơ đúng hạn (%)',
        width: 640,
        height: 300,
        series: [{}, { label: 'Đúng hạn', stroke: '#b3261e', width: 2 }],
        scales: { y: { range: [0, 100] } },
      },
      [months, [91, 93.5, 88, 95, 97.2, 98]],
      box,
    );
    const canvas = box.querySelector('canvas');
    return {
      version: typeof UPlot === 'function',
      canvas: Boolean(canvas && canvas.width > 0 && canvas.height > 0),
      title: box.querySelector('.u-title')?.textContent,
      series: chart.series.length,
    };
  });
  assert.deepEqual(drawn, { version: true, canvas: true, title: 'Tỷ lệ hồ sơ đúng hạn (%)', series: 2 });
  await shot('vendor-uplot');
  assert.deepEqual(suite.pageErrors, []);
});
