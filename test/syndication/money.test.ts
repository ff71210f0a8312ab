/** Money text in and out: exact parsing per currency exponent, refusals, and formatting without floats. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { basisPointsToDecimal, formatMoney, minorToDecimal, parseMoney, parseMultiplier } from '../../src/syndication/money.ts';

test('amounts are read exactly in the currency’s minor units', () => {
  const cases: [string, string, number][] = [
    ['125.50', 'USD', 12_550],
    [' 125.5 ', 'USD', 12_550],
    ['125', 'USD', 12_500],
    ['125.', 'USD', 12_500],
    ['.5', 'USD', 50],
    ['1,250.05', 'USD', 125_005],
    ['0.29', 'USD', 29], // 0.29 * 100 is 28.999999999999996 in floats
    ['1.15', 'EUR', 115],
    ['1250', 'JPY', 1_250],
    ['1250.00', 'JPY', 1_250],
    ['1.250', 'KWD', 1_250],
    ['75.5', 'BHD', 75_500],
    ['0.001', 'JOD', 1],
    ['1.2340', 'KWD', 1_234],
    ['100000000.00', 'USD', 10_000_000_000],
  ];
  for (const [text, currency, expected] of cases) {
    const result = parseMoney(text, currency);
    assert.deepEqual(result, { ok: true, value: expected }, `${text} ${currency}`);
  }
});

test('bad amounts are refused with a reason', () => {
  const cases: [string, string, RegExp][] = [
    ['', 'USD', /required/],
    ['   ', 'USD', /required/],
    ['-1', 'USD', /negative/],
    ['-0.50', 'USD', /negative/],
    ['1.234', 'USD', /at most 2 decimals/],
    ['1.5', 'JPY', /cannot have decimals/],
    ['1.2345', 'KWD', /at most 3 decimals/],
    ['abc', 'USD', /number/],
    ['1e5', 'USD', /number/],
    ['1.2.3', 'USD', /number/],
    ['0x10', 'USD', /number/],
    ['Infinity', 'USD', /number/],
    ['100000000.01', 'USD', /too large/],
    ['99999999999999999999', 'USD', /number|too large/],
  ];
  for (const [text, currency, problem] of cases) {
    const result = parseMoney(text, currency);
    assert.equal(result.ok, false, `${text} ${currency} should be refused`);
    if (!result.ok) assert.match(result.problem, problem, `${text} ${currency}`);
  }
});

test('multipliers are decimals read into basis points', () => {
  assert.deepEqual(parseMultiplier('1.5'), { ok: true, value: 15_000 });
  assert.deepEqual(parseMultiplier('1'), { ok: true, value: 10_000 });
  assert.deepEqual(parseMultiplier('0.75'), { ok: true, value: 7_500 });
  assert.deepEqual(parseMultiplier('1.0001'), { ok: true, value: 10_001 });
  assert.equal(parseMultiplier('1.00001').ok, false);
  assert.equal(parseMultiplier('-1').ok, false);
  assert.equal(parseMultiplier('10.0001').ok, false);
  assert.equal(basisPointsToDecimal(15_000), '1.5');
  assert.equal(basisPointsToDecimal(10_000), '1');
  assert.equal(basisPointsToDecimal(7_525), '0.7525');
});

test('amounts are shown with the currency’s exponent', () => {
  assert.equal(minorToDecimal(12_550, 'USD'), '125.50');
  assert.equal(minorToDecimal(5, 'USD'), '0.05');
  assert.equal(minorToDecimal(1_250, 'KWD'), '1.250');
  assert.equal(minorToDecimal(1_250, 'JPY'), '1250');
  assert.equal(formatMoney(12_550, 'USD', 'en-US'), '$125.50');
  assert.equal(formatMoney(1_250, 'JPY', 'en-US'), '¥1,250');
  assert.match(formatMoney(1_250, 'KWD', 'en-US'), /^KWD\s1\.250$/);
  // IQD: ICU would show no decimals; ISO 4217 gives it three, and so do we.
  assert.match(formatMoney(1_250, 'IQD', 'en-US'), /1\.250/);
  // Beyond float precision, still exact.
  assert.equal(formatMoney(Number.MAX_SAFE_INTEGER, 'USD', 'en-US'), '$90,071,992,547,409.91');
});
