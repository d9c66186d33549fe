// numbers.test.mjs - parseDecimal of web/js/core.js (issue 10 item 10):
// numbers typed the Vietnamese way ("98,5") or the English way are read the
// same whatever the browser's language. Pure: no browser needed.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseDecimal } from '../../web/js/core.js';

test('decimals with a comma or a point', () => {
  assert.equal(parseDecimal('98,5'), 98.5);
  assert.equal(parseDecimal('98.5'), 98.5);
  assert.equal(parseDecimal(' 100 '), 100);
  assert.equal(parseDecimal('0,25'), 0.25);
  assert.equal(parseDecimal('-3,5'), -3.5);
});

test('thousands separators of either convention', () => {
  assert.equal(parseDecimal('1.234,5'), 1234.5);
  assert.equal(parseDecimal('1,234.5'), 1234.5);
  assert.equal(parseDecimal('17.813', true), 17813);
  assert.equal(parseDecimal('17.813'), 17.813); // a rate: the point is decimal
  assert.equal(parseDecimal('1.234.567', true), 1234567);
});

test('anything else is not a number', () => {
  for (const s of ['', 'abc', '98,5%', '1,2,3', '1.2.3', '12..5', ',', '1 2 a', '1.23,4.5']) {
    assert.ok(Number.isNaN(parseDecimal(s)), s);
  }
});

test('one number format: rates, signs and month labels in the UI language', async () => {
  const { formatNumber, formatPercent, monthLabel, opSign, state } = await import('../../web/js/core.js');
  state.lang = 'vi';
  assert.equal(formatNumber(17813), '17.813');
  assert.equal(formatPercent(93.456), '93,46');
  assert.equal(formatPercent(95), '95');
  assert.equal(opSign('>='), '≥');
  assert.equal(opSign('<='), '≤');
  assert.equal(monthLabel(3), 'Tháng 3');
  assert.equal(monthLabel(3, true), 'T3');
  state.lang = 'en';
  assert.equal(formatPercent(93.456), '93.46');
  assert.equal(monthLabel(3, true), 'Mar');
  state.lang = 'vi';
});
