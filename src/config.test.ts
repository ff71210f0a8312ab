/** Configuration: defaults, and one clear line per bad variable. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, configWarnings, loadConfig } from './config.ts';

test('defaults make a two-command install work', () => {
  const config = loadConfig({});
  assert.equal(config.host, '127.0.0.1');
  assert.equal(config.port, 3000);
  assert.equal(config.publicUrl, 'http://127.0.0.1:3000');
  assert.equal(config.dataDir, path.resolve('data'));
  assert.equal(config.databaseUrl, null);
  assert.equal(config.seedDemoContent, true);
});

test('values are read and checked', () => {
  const config = loadConfig({ HOST: '0.0.0.0', PORT: '8080', MASTHEAD_SEED: 'false', DATABASE_URL: 'postgres://u:p@db:5432/news', PUBLIC_URL: 'https://news.example.org/' });
  assert.equal(config.port, 8080);
  assert.equal(config.seedDemoContent, false);
  assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/news');
  assert.equal(config.publicUrl, 'https://news.example.org');
});

test('every bad variable is named, and secrets are not echoed', () => {
  assert.throws(
    () => loadConfig({ PORT: 'abc', MASTHEAD_SEED: 'perhaps', DATABASE_URL: 'mysql://root:hunter2@x/db', PUBLIC_URL: 'ftp://x' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.problems.length, 4);
      assert.ok(error.problems.some((line) => line.startsWith('PORT ') && line.includes('"abc"')));
      assert.ok(error.problems.some((line) => line.startsWith('MASTHEAD_SEED ')));
      assert.ok(error.problems.some((line) => line.startsWith('DATABASE_URL ')));
      assert.ok(!error.message.includes('hunter2'));
      return true;
    },
  );
  assert.throws(() => loadConfig({ PORT: '70000' }), /PORT must be a whole number from 0 to 65535/);
});

test('DKIM is all three settings or none, and the key is never echoed', () => {
  assert.equal(loadConfig({}).dkim, null);
  const pem = '-----BEGIN PRIVATE KEY-----\\nMIIBVQIBADANBg\\n-----END PRIVATE KEY-----';
  const config = loadConfig({ DKIM_DOMAIN: 'news.example.org', DKIM_SELECTOR: 'mail2026', DKIM_PRIVATE_KEY: pem });
  assert.deepEqual(config.dkim, { domain: 'news.example.org', selector: 'mail2026', privateKey: '-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBg\n-----END PRIVATE KEY-----' });
  assert.throws(() => loadConfig({ DKIM_DOMAIN: 'news.example.org' }), /must be set together/);
  assert.throws(() => loadConfig({ DKIM_PRIVATE_KEY: 'not a key at all' }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.ok(!error.message.includes('not a key at all'));
    return true;
  });
  assert.throws(() => loadConfig({ DKIM_DOMAIN: 'x.org', DKIM_SELECTOR: 's', DKIM_PRIVATE_KEY_FILE: '/nonexistent/key.pem' }), /DKIM_PRIVATE_KEY_FILE cannot be read/);
});

test('newsletter sending settings have safe defaults and are checked', () => {
  assert.deepEqual(loadConfig({}).newsletter, { ratePerSecond: 0, smtpConnections: 5, sendInServer: true });
  assert.deepEqual(loadConfig({ NEWSLETTER_RATE_PER_SECOND: '14', NEWSLETTER_SMTP_CONNECTIONS: '10', NEWSLETTER_SEND_IN_SERVER: 'false' }).newsletter, { ratePerSecond: 14, smtpConnections: 10, sendInServer: false });
  assert.throws(() => loadConfig({ NEWSLETTER_SMTP_CONNECTIONS: '0' }), /NEWSLETTER_SMTP_CONNECTIONS/);
  assert.throws(() => loadConfig({ MASTHEAD_SECRET: 'short' }), /MASTHEAD_SECRET must be at least 32 characters/);
});

test('TRUST_PROXY is a small number of proxies, 0 by default', () => {
  assert.equal(loadConfig({}).trustProxyHops, 0);
  assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxyHops, 2);
  assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY must be a number of proxies from 0 to 9/);
  assert.throws(() => loadConfig({ TRUST_PROXY: '12' }), /TRUST_PROXY/);
});

test('inbound mail settings: loopback and off in the server by default, feedback addresses lower-cased, TLS files both or neither', () => {
  const defaults = loadConfig({}).inbound;
  assert.deepEqual(defaults, { host: '127.0.0.1', port: 2525, inServer: false, maxConnections: 20, connectionsPerMinute: 60, tls: null, feedbackAddresses: [], maxMessageBytes: 1024 * 1024 });
  const set = loadConfig({ INBOUND_SMTP_HOST: '0.0.0.0', INBOUND_SMTP_PORT: '25', INBOUND_SMTP_IN_SERVER: 'true', INBOUND_FEEDBACK_ADDRESSES: ' FBL@News.example.org, abuse@news.example.org ,', INBOUND_MAX_MESSAGE_KB: '4096', INBOUND_SMTP_MAX_CONNECTIONS: '5', INBOUND_SMTP_CONNECTIONS_PER_MINUTE: '0' }).inbound;
  assert.equal(set.port, 25);
  assert.equal(set.inServer, true);
  assert.deepEqual(set.feedbackAddresses, ['fbl@news.example.org', 'abuse@news.example.org']);
  assert.equal(set.maxMessageBytes, 4096 * 1024);
  assert.equal(set.connectionsPerMinute, 0);
  assert.throws(() => loadConfig({ INBOUND_FEEDBACK_ADDRESSES: 'not an address' }), /INBOUND_FEEDBACK_ADDRESSES must be addresses like/);
  assert.throws(() => loadConfig({ INBOUND_SMTP_PORT: '99999', INBOUND_MAX_MESSAGE_KB: '0', INBOUND_SMTP_MAX_CONNECTIONS: 'many' }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.deepEqual(error.problems.map((line) => line.split(' ')[0]), ['INBOUND_SMTP_PORT', 'INBOUND_SMTP_MAX_CONNECTIONS', 'INBOUND_MAX_MESSAGE_KB']);
    return true;
  });
  assert.throws(() => loadConfig({ INBOUND_SMTP_TLS_KEY_FILE: '/etc/key.pem' }), /INBOUND_SMTP_TLS_KEY_FILE and INBOUND_SMTP_TLS_CERT_FILE must be set together/);
  assert.throws(() => loadConfig({ INBOUND_SMTP_TLS_KEY_FILE: '/nonexistent/key.pem', INBOUND_SMTP_TLS_CERT_FILE: '/nonexistent/cert.pem' }), /INBOUND_SMTP_TLS_KEY_FILE cannot be read/);
});

test('real mail with an http PUBLIC_URL is one warning naming the variable; https, or no SMTP, none', () => {
  const warnings = configWarnings(loadConfig({ SMTP_URL: 'smtp://mail.example.org:587', PUBLIC_URL: 'http://news.example.org' }));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /^PUBLIC_URL is http \(http:\/\/news\.example\.org\) while SMTP_URL sends real mail: the List-Unsubscribe links in newsletters must be https/);
  assert.deepEqual(configWarnings(loadConfig({ SMTP_URL: 'smtp://mail.example.org:587', PUBLIC_URL: 'https://news.example.org' })), []);
  // The default PUBLIC_URL is http://HOST:PORT: a demo install without SMTP keeps mail in the outbox, nothing to warn about.
  assert.deepEqual(configWarnings(loadConfig({})), []);
  assert.deepEqual(configWarnings(loadConfig({ SMTP_URL: 'smtps://mail.example.org' })).length, 1, 'the default http://127.0.0.1:3000 with SMTP warns too');
});
