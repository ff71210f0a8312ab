/**
 * The one place that reads the environment. Every variable Masthead understands is
 * declared here, validated at boot, and reported as one readable line per problem.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const port = z
  .string()
  .regex(/^\d+$/, 'must be a whole number from 0 to 65535')
  .transform(Number)
  .refine((value) => value >= 0 && value <= 65535, 'must be a whole number from 0 to 65535');

/** A whole number from `min` to `max`, read from text. */
function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .refine((value) => value >= min && value <= max, message);
}

const databaseUrl = z
  .string()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must start with postgres:// or postgresql://')
  .refine((value) => URL.canParse(value), 'is not a valid URL');

const publicUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http(s) URL')
  .transform((value) => value.replace(/\/+$/, ''));

/** Environment variables, their defaults and what they mean (README's configuration table mirrors this). */
export const environmentSchema = z.object({
  /** Address the server listens on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Port the server listens on. */
  PORT: port.default(3000),
  /** Public base URL used in canonical links, feeds and emails; defaults to http://HOST:PORT. */
  PUBLIC_URL: publicUrl.optional(),
  /** Folder for the SQLite database and media files. */
  MASTHEAD_DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL connection; when unset, Masthead uses embedded SQLite in MASTHEAD_DATA_DIR. */
  DATABASE_URL: databaseUrl.optional(),
  /** Create the demo newsroom on first start with an empty database. */
  MASTHEAD_SEED: booleanFromEnv.default(true),
  /** Size of the in-process rendered-page cache in megabytes (0 turns it off). */
  MASTHEAD_PAGE_CACHE_MB: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of megabytes')
    .transform(Number)
    .default(64),
  /** How many articles' assembled page data (and Creative Commons packages) to keep in memory (0 turns it off). */
  MASTHEAD_DATA_CACHE_ENTRIES: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of entries')
    .transform(Number)
    .default(2000),
  /** Outgoing mail server, e.g. smtp://user:pass@mail.example.org:587 or smtps://…; unset: mail is kept in the admin outbox. */
  SMTP_URL: z
    .string()
    .refine((value) => URL.canParse(value) && /^smtps?:$/.test(new URL(value).protocol), 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Sender of the platform's own emails (invitations, password resets). */
  MAIL_FROM: z.string().regex(/^[^\s<>@]+@[^\s<>@]+$|^.+ <[^\s<>@]+@[^\s<>@]+>$/, 'must be an address like news@example.org or "Name <news@example.org>"').optional(),
  /** Key that signs links in emails (confirmation, preferences, licence delivery); unset: one is made and kept in the database. */
  MASTHEAD_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Domain that signs all outgoing mail with DKIM (d=); DKIM is on when this, DKIM_SELECTOR and a key are set. */
  DKIM_DOMAIN: z.string().regex(/^[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, 'must be a domain like example.org').optional(),
  /** DKIM selector (s=): the DNS record is at SELECTOR._domainkey.DOMAIN. */
  DKIM_SELECTOR: z.string().regex(/^[A-Za-z0-9._-]{1,63}$/, 'must be a DNS label like mail2026').optional(),
  /** The DKIM private key in PEM form (newlines may be written as \n). */
  DKIM_PRIVATE_KEY: z.string().refine((value) => value.includes('PRIVATE KEY'), 'must be a PEM private key').optional(),
  /** A file holding the DKIM private key in PEM form (used when DKIM_PRIVATE_KEY is unset). */
  DKIM_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  /** Most newsletter messages handed to SMTP per second (0: as fast as the connection pool goes). */
  NEWSLETTER_RATE_PER_SECOND: z.string().regex(/^\d+$/, 'must be a whole number').transform(Number).default(0),
  /** SMTP connections used for newsletter sending. */
  NEWSLETTER_SMTP_CONNECTIONS: z.string().regex(/^\d+$/, 'must be a whole number from 1 to 50').transform(Number).refine((value) => value >= 1 && value <= 50, 'must be a whole number from 1 to 50').default(5),
  /** Whether the web server also sends newsletters; set false when `masthead worker` processes do it. */
  NEWSLETTER_SEND_IN_SERVER: booleanFromEnv.default(true),
  /** Address the inbound mail listener (`masthead mail:receive`) listens on. */
  INBOUND_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** Port of the inbound mail listener. */
  INBOUND_SMTP_PORT: port.default(2525),
  /** Whether `masthead serve` also runs the inbound mail listener. */
  INBOUND_SMTP_IN_SERVER: booleanFromEnv.default(false),
  /** Most SMTP connections the listener holds at once. */
  INBOUND_SMTP_MAX_CONNECTIONS: wholeNumber(1, 1000).default(20),
  /** Most connections one client address may open in a minute (0: no limit). */
  INBOUND_SMTP_CONNECTIONS_PER_MINUTE: wholeNumber(0, 100_000).default(60),
  /** Private key (PEM file) for STARTTLS on the listener; with INBOUND_SMTP_TLS_CERT_FILE, or neither. */
  INBOUND_SMTP_TLS_KEY_FILE: z.string().min(1).optional(),
  /** Certificate chain (PEM file) for STARTTLS on the listener. */
  INBOUND_SMTP_TLS_CERT_FILE: z.string().min(1).optional(),
  /** Addresses that receive feedback-loop (ARF) complaint reports, comma-separated. */
  INBOUND_FEEDBACK_ADDRESSES: z
    .string()
    .transform((value) => value.split(',').map((address) => address.trim().toLowerCase()).filter((address) => address !== ''))
    .refine((addresses) => addresses.every((address) => /^[^\s<>@,"]{1,64}@[A-Za-z0-9.-]{1,253}$/.test(address)), 'must be addresses like fbl@news.example.org, separated by commas')
    .optional(),
  /** Largest inbound message accepted, in kilobytes (listener and --stdin). */
  INBOUND_MAX_MESSAGE_KB: wholeNumber(1, 51_200).default(1024),
  /** Log level: error, warn, info or debug. */
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  /**
   * How many reverse proxies (nginx, a load balancer, a CDN) stand in front of Masthead and
   * append to X-Forwarded-For. 0: the socket's peer is the client. Rate limits count clients
   * by this address, so behind a proxy it must be set or every reader shares one limit.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^\d$/, 'must be a number of proxies from 0 to 9')
    .transform(Number)
    .default(0),
});

/** Validated configuration that the rest of the app receives (never `process.env`). */
export interface Config {
  host: string;
  port: number;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  seedDemoContent: boolean;
  pageCacheBytes: number;
  dataCacheEntries: number;
  smtpUrl: string | null;
  mailFrom: string;
  /** MASTHEAD_SECRET, or null to use the installation's own key. */
  secret: string | null;
  /** DKIM signing of all outgoing mail, or null when not configured. */
  dkim: { domain: string; selector: string; privateKey: string } | null;
  newsletter: { ratePerSecond: number; smtpConnections: number; sendInServer: boolean };
  /** Inbound mail: the mailto unsubscribe mailbox and feedback-loop reports. */
  inbound: InboundConfig;
  logLevel: 'error' | 'warn' | 'info' | 'debug';
  /** Reverse proxies in front of the server whose X-Forwarded-For entries are believed. */
  trustProxyHops: number;
}

/** The inbound mail intake's settings (src/newsletters/inbound). */
export interface InboundConfig {
  host: string;
  port: number;
  inServer: boolean;
  maxConnections: number;
  connectionsPerMinute: number;
  /** PEM key and certificate for STARTTLS, or null to offer none. */
  tls: { key: string; cert: string } | null;
  /** Lower-cased addresses whose mail is read as feedback-loop reports. */
  feedbackAddresses: string[];
  maxMessageBytes: number;
}

/** A configuration problem that start-up reports as one line naming the variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      const shown = typeof present[name] === 'string' && !/URL|SECRET|PASSWORD|KEY/.test(name) ? ` (got "${present[name]}")` : '';
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  const shownHost = values.HOST === '0.0.0.0' || values.HOST === '::' ? '127.0.0.1' : values.HOST;
  return {
    host: values.HOST,
    port: values.PORT,
    publicUrl: values.PUBLIC_URL ?? `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${values.PORT}`,
    dataDir: path.resolve(values.MASTHEAD_DATA_DIR),
    databaseUrl: values.DATABASE_URL ?? null,
    seedDemoContent: values.MASTHEAD_SEED,
    pageCacheBytes: values.MASTHEAD_PAGE_CACHE_MB * 1024 * 1024,
    dataCacheEntries: values.MASTHEAD_DATA_CACHE_ENTRIES,
    smtpUrl: values.SMTP_URL ?? null,
    mailFrom: values.MAIL_FROM ?? `Masthead <no-reply@${new URL(values.PUBLIC_URL ?? 'http://localhost').hostname}>`,
    secret: values.MASTHEAD_SECRET ?? null,
    dkim: dkimFrom(values),
    newsletter: {
      ratePerSecond: values.NEWSLETTER_RATE_PER_SECOND,
      smtpConnections: values.NEWSLETTER_SMTP_CONNECTIONS,
      sendInServer: values.NEWSLETTER_SEND_IN_SERVER,
    },
    inbound: {
      host: values.INBOUND_SMTP_HOST,
      port: values.INBOUND_SMTP_PORT,
      inServer: values.INBOUND_SMTP_IN_SERVER,
      maxConnections: values.INBOUND_SMTP_MAX_CONNECTIONS,
      connectionsPerMinute: values.INBOUND_SMTP_CONNECTIONS_PER_MINUTE,
      tls: inboundTlsFrom(values),
      feedbackAddresses: values.INBOUND_FEEDBACK_ADDRESSES ?? [],
      maxMessageBytes: values.INBOUND_MAX_MESSAGE_KB * 1024,
    },
    logLevel: values.LOG_LEVEL,
    trustProxyHops: values.TRUST_PROXY,
  };
}

/** STARTTLS for the inbound listener: both files or neither, each readable and PEM. */
function inboundTlsFrom(values: z.output<typeof environmentSchema>): InboundConfig['tls'] {
  const keyFile = values.INBOUND_SMTP_TLS_KEY_FILE;
  const certFile = values.INBOUND_SMTP_TLS_CERT_FILE;
  if (!keyFile && !certFile) return null;
  if (!keyFile || !certFile) throw new ConfigError(['INBOUND_SMTP_TLS_KEY_FILE and INBOUND_SMTP_TLS_CERT_FILE must be set together']);
  const read = (name: string, file: string, marker: string) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError([`${name} cannot be read (got "${file}")`]);
    }
    if (!text.includes(marker)) throw new ConfigError([`${name} must hold a PEM ${marker === 'PRIVATE KEY' ? 'private key' : 'certificate'}`]);
    return text;
  };
  return { key: read('INBOUND_SMTP_TLS_KEY_FILE', keyFile, 'PRIVATE KEY'), cert: read('INBOUND_SMTP_TLS_CERT_FILE', certFile, 'CERTIFICATE') };
}

/**
 * Settings that are valid but will cause trouble, one sentence each, for start-up to log as
 * warnings (the server still starts: a test install over plain http is legitimate).
 */
export function configWarnings(config: Config): string[] {
  const warnings: string[] = [];
  // Gmail and Yahoo honour one-click unsubscribe (RFC 8058) only for https links, and treat bulk
  // mail without it as a reason to file it as spam.
  if (config.smtpUrl && new URL(config.publicUrl).protocol === 'http:') {
    warnings.push(`PUBLIC_URL is http (${config.publicUrl}) while SMTP_URL sends real mail: the List-Unsubscribe links in newsletters must be https for the one-click rule of large mailbox providers; set PUBLIC_URL to the site's https address`);
  }
  return warnings;
}

/** DKIM settings: all three parts or none (a half-configured DKIM is a start-up error, not silent unsigned mail). */
function dkimFrom(values: z.output<typeof environmentSchema>): Config['dkim'] {
  let privateKey = values.DKIM_PRIVATE_KEY?.replace(/\\n/g, '\n') ?? null;
  if (!privateKey && values.DKIM_PRIVATE_KEY_FILE) {
    try {
      privateKey = readFileSync(values.DKIM_PRIVATE_KEY_FILE, 'utf8');
    } catch {
      throw new ConfigError([`DKIM_PRIVATE_KEY_FILE cannot be read (got "${values.DKIM_PRIVATE_KEY_FILE}")`]);
    }
    if (!privateKey.includes('PRIVATE KEY')) throw new ConfigError(['DKIM_PRIVATE_KEY_FILE must hold a PEM private key']);
  }
  const parts = [values.DKIM_DOMAIN, values.DKIM_SELECTOR, privateKey];
  if (parts.every((part) => !part)) return null;
  if (!values.DKIM_DOMAIN || !values.DKIM_SELECTOR || !privateKey) {
    throw new ConfigError(['DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE) must be set together']);
  }
  return { domain: values.DKIM_DOMAIN, selector: values.DKIM_SELECTOR, privateKey };
}

/** Hides the password in a database URL so it can be shown in messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}
