import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSameToken } from './same-token.ts';

test('isSameToken: equal tokens match; different, missing and multi-byte ones do not, without throwing', () => {
  const token = 'AbC_-123'.repeat(5) + 'xyz';
  assert.equal(isSameToken(token, token), true);
  assert.equal(isSameToken(token.slice(0, -1) + 'q', token), false);
  assert.equal(isSameToken(token.slice(1), token), false);
  assert.equal(isSameToken('', token), false);
  assert.equal(isSameToken(undefined, token), false);
  assert.equal(isSameToken(token, undefined), false);
  assert.equal(isSameToken(null, null), false);
  // Same number of characters, not of bytes: timingSafeEqual alone would throw here.
  assert.equal(isSameToken('é'.repeat(token.length), token), false);
});
