import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveClientIp } from './session-middleware.ts';

test('resolveClientIp: the socket peer unless proxies are trusted, then the entry the outermost trusted proxy added', () => {
  assert.equal(resolveClientIp('192.0.2.1', '203.0.113.5', 0), '192.0.2.1', 'no proxy trusted: X-Forwarded-For is ignored');
  assert.equal(resolveClientIp('10.0.0.1', '203.0.113.5', 1), '203.0.113.5');
  assert.equal(resolveClientIp('10.0.0.1', 'forged, 203.0.113.5', 1), '203.0.113.5', 'entries the client wrote itself are not believed');
  assert.equal(resolveClientIp('10.0.0.1', '198.51.100.7, 10.0.0.2', 2), '198.51.100.7', 'two proxies');
  assert.equal(resolveClientIp('10.0.0.1', ['198.51.100.7', '10.0.0.2'], 2), '198.51.100.7', 'repeated headers are one list');
  assert.equal(resolveClientIp('10.0.0.1', '2001:db8::7', 1), '2001:db8::7');
  assert.equal(resolveClientIp('10.0.0.1', '203.0.113.5', 3), '203.0.113.5', 'fewer entries than proxies: the leftmost');
  assert.equal(resolveClientIp('10.0.0.1', undefined, 1), '10.0.0.1', 'no header: the peer');
  assert.equal(resolveClientIp('10.0.0.1', 'not-an-address', 1), '10.0.0.1', 'junk is not an address');
  assert.equal(resolveClientIp(null, '203.0.113.5', 1), null);
});
