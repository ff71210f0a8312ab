/** Password hashes: scrypt, salted, verified in constant time, malformed hashes never match. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

test('a password verifies against its own hash only', async () => {
  const hash = await hashPassword('correct horse battery staple');
  assert.match(hash, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.equal(await verifyPassword(hash, 'correct horse battery staple'), true);
  assert.equal(await verifyPassword(hash, 'correct horse battery stapler'), false);
  assert.notEqual(await hashPassword('correct horse battery staple'), hash, 'salted');
});

test('unicode passwords are normalised, malformed hashes never match', async () => {
  const hash = await hashPassword('كلمة سر طويلة جدا');
  assert.equal(await verifyPassword(hash, 'كلمة سر طويلة جدا'), true);
  assert.equal(await verifyPassword('plain-text-password', 'plain-text-password'), false);
  assert.equal(await verifyPassword('scrypt$1$1$1$$', ''), false);
});

test('weak passwords are refused with a reason', () => {
  assert.match(passwordProblem('short') ?? '', /at least 12/);
  assert.equal(passwordProblem('a long enough passphrase'), null);
  assert.match(passwordProblem('x'.repeat(201)) ?? '', /at most 200/);
});
