/**
 * `npm run bench`: seeds archives of two sizes, starts the real server three ways
 * (page cache on; page cache off, so every request renders HTML from the article-data
 * cache; and cold, with both caches off so every request also queries the database)
 * and a bare Node `http` ceiling server that returns the same article
 * bytes from memory, drives each with autocannon on loopback, and prints req/s, p50/p99
 * latency, ratios against the ceiling and against the small archive, and peak RSS. Search
 * and sitemap scenarios send one request at a time, so their p50/p99 are the server's own
 * time at that archive size (targets: search p50 < 20 ms, p99 < 100 ms; sitemaps p99 < 100 ms).
 *
 *   npm run bench                          # 10,000 vs 100,000 articles
 *   npm run bench -- --articles 1000000    # 10,000 vs 1,000,000 articles
 *   options: --small N  --duration S  --rounds N  --connections N  --keep (keep the data folders)
 *   newsletter scenario (bench/newsletter.ts, runs by default): --newsletter-recipients N (100000)
 *     --newsletter-connections N (8)  --skip-newsletter  --newsletter-only
 */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { encodeCursor } from '../src/articles/cursor.ts';
import { runNewsletterBench } from './newsletter.ts';
import type { NewsletterBenchResult } from './newsletter.ts';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    small: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '6' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '32' },
    keep: { type: 'boolean', default: false },
    'skip-newsletter': { type: 'boolean', default: false },
    'newsletter-only': { type: 'boolean', default: false },
    'newsletter-recipients': { type: 'string', default: '100000' },
    'newsletter-connections': { type: 'string', default: '8' },
  },
});
const LARGE = Number(args.articles);
const SMALL = Number(args.small);
const DURATION = Number(args.duration);
const ROUNDS = Math.max(1, Number(args.rounds));
const CONNECTIONS = Number(args.connections);
const BIN = path.resolve('bin/masthead.js');

/** Typical searches (label, query string); words from the bulk seeder's vocabulary, none near-universal. */
const SEARCHES: [string, string][] = [
  ['one word', 'q=subsidy'],
  ['two words', 'q=grain+tender'],
  ['phrase', 'q=%22fisheries+accord%22'],
  ['word + section filter', 'q=subsidy&section=news'],
];

interface Row {
  scale: number;
  scenario: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function freePortBase(): number {
  return 20000 + Math.floor(Math.random() * 20000);
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`server at ${url} did not become healthy`);
}

function rssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function startServer(dataDir: string, port: number, cacheMb: number, dataCacheEntries = 2000): Promise<{ child: ChildProcess; url: string; peakRss: () => number; stop: () => Promise<void> }> {
  // The same V8 setting as `npm start`: a larger young generation suits a server that builds many short-lived strings.
  const child = spawn(process.execPath, ['--max-semi-space-size=16', BIN, 'serve'], {
    env: { ...process.env, MASTHEAD_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', MASTHEAD_SEED: 'false', MASTHEAD_PAGE_CACHE_MB: String(cacheMb), MASTHEAD_DATA_CACHE_ENTRIES: String(dataCacheEntries), LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child);
  let peak = rssOf(child.pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssOf(child.pid));
  }, 200);
  return {
    child,
    url,
    peakRss: () => Math.max(peak, rssOf(child.pid)),
    stop: async () => {
      clearInterval(timer);
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** The ceiling: a bare Node http server returning the same bytes from memory. */
async function startCeiling(file: string, port: number) {
  const source = `const http=require('http');const fs=require('fs');const body=fs.readFileSync(${JSON.stringify(file)});http.createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8','content-length':body.length});s.end(body)}).listen(${port},'127.0.0.1',()=>console.log('ready'))`;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  return { url: `http://127.0.0.1:${port}`, stop: async () => { child.kill(); await new Promise((resolve) => child.once('exit', resolve)); } };
}

async function measure(url: string, connections = CONNECTIONS): Promise<Omit<Row, 'scale' | 'scenario'>> {
  await autocannon({ url, connections, duration: 2 }); // warm-up: JIT, caches
  const result = await autocannon({ url, connections, duration: DURATION });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

function seed(dataDir: string, count: number): void {
  const started = Date.now();
  const result = spawnSync(process.execPath, [BIN, 'seed', '--articles', String(count)], { env: { ...process.env, MASTHEAD_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`seeding ${count} articles failed`);
  console.log(`  seeded ${count.toLocaleString('en')} articles (+ demo newsroom) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Finds the paths the scenarios request, straight from the database. */
function scenarioPaths(dataDir: string) {
  const db = new Database(path.join(dataDir, 'masthead.sqlite'), { readonly: true });
  try {
    const section = db.prepare(`select s.id, s.slug from sections s where s.slug = 'news'`).get() as { id: number; slug: string };
    const sectionCount = (db.prepare(`select count(*) n from articles where section_id = ? and status = 'published' and language = 'en'`).get(section.id) as { n: number }).n;
    const deep = db
      .prepare(`select published_at at, id from articles where section_id = ? and status = 'published' and language = 'en' order by published_at desc, id desc limit 1 offset ?`)
      .get(section.id, Math.max(0, Math.floor(sectionCount * 0.9))) as { at: string; id: number };
    const article = db.prepare(`select a.slug, s.slug section from articles a join sections s on s.id = a.section_id where a.language = 'en' and a.status = 'published' and a.hero_image_id is not null and a.id in (select article_id from article_corrections) order by length(a.body) desc limit 1`).get() as { slug: string; section: string };
    const tag = db.prepare(`select t.kind, t.slug, count(*) n from article_tags at join tags t on t.id = at.tag_id where at.language = 'en' group by t.id order by n desc limit 1`).get() as { kind: string; slug: string; n: number };
    const segment = { topic: 'topics', country: 'countries', place: 'places', person: 'people', organisation: 'organisations' }[tag.kind] ?? 'topics';
    const month = (db.prepare(`select substr(max(published_at), 1, 7) m from articles where status = 'published'`).get() as { m: string }).m;
    return {
      article: `/${article.section}/${article.slug}`,
      section: `/${section.slug}`,
      deepSection: `/${section.slug}?after=${encodeCursor({ at: deep.at, id: deep.id })}`,
      deepDepth: Math.floor(sectionCount * 0.9 / 20),
      tag: `/${segment}/${tag.slug}`,
      tagCount: tag.n,
      monthSitemap: `/sitemaps/articles-${month}.xml`,
    };
  } finally {
    db.close();
  }
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

type Server = Awaited<ReturnType<typeof startServer>>;

interface Setup {
  scale: number;
  paths: ReturnType<typeof scenarioPaths>;
  cached: Server;
  uncached: Server;
  cold: Server;
  port: number;
}

/** Mean of several rounds of one scenario (latencies: the mean of the rounds' percentiles). */
function combine(results: Omit<Row, 'scale' | 'scenario'>[]): Omit<Row, 'scale' | 'scenario'> {
  const mean = (pick: (r: Omit<Row, 'scale' | 'scenario'>) => number) => results.reduce((sum, r) => sum + pick(r), 0) / results.length;
  return { rps: mean((r) => r.rps), p50: Math.round(mean((r) => r.p50) * 10) / 10, p99: Math.round(mean((r) => r.p99) * 10) / 10, errors: results.reduce((sum, r) => sum + r.errors, 0) };
}

/** The newsletter scenario's target lines. */
function newsletterChecks(result: NewsletterBenchResult): [string, boolean][] {
  const share = result.masthead.perSecond / result.ceiling.perSecond;
  return [
    [`newsletter send ≥ 50% of the bare nodemailer ceiling (${(share * 100).toFixed(0)}%: ${fmt(result.masthead.perSecond)} vs ${fmt(result.ceiling.perSecond)} msg/s)`, share >= 0.5],
    [`newsletter sender peak RSS < 400 MB at ${fmt(result.recipients)} readers (${fmt(result.masthead.peakRssMb)} MB)`, result.masthead.peakRssMb < 400],
  ];
}

async function newsletterScenario(): Promise<[string, boolean][]> {
  if (args['skip-newsletter']) return [];
  const result = await runNewsletterBench({ recipients: Number(args['newsletter-recipients']), connections: Number(args['newsletter-connections']), keep: args.keep });
  console.log(`
| readers | connections | records written | ceiling msg/s | Masthead msg/s | vs ceiling | total time | sender peak RSS |`);
  console.log('|---:|---:|---:|---:|---:|---:|---:|---:|');
  console.log(`| ${fmt(result.recipients)} | ${result.connections} | ${result.writeSeconds.toFixed(1)} s | ${fmt(result.ceiling.perSecond)} | ${fmt(result.masthead.perSecond)} | ${((result.masthead.perSecond / result.ceiling.perSecond) * 100).toFixed(0)}% | ${result.masthead.seconds.toFixed(1)} s | ${fmt(result.masthead.peakRssMb)} MB |`);
  return newsletterChecks(result);
}

async function main(): Promise<void> {
  if (args['newsletter-only']) {
    const checks = await newsletterScenario();
    console.log('\nTargets:');
    for (const [label, ok] of checks) console.log(`  ${ok ? 'met ' : 'MISSED'}  ${label}`);
    return;
  }
  console.log(`Masthead benchmark: ${os.cpus().length} cores, node ${process.version}, ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION}s per scenario and scale`);
  const rows: Row[] = [];
  const rss: Record<number, number> = {};
  const ceilingRps: Record<number, number> = {};
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'masthead-bench-'));
  const servers: Server[] = [];
  try {
    // Both archives are served at once and every scenario alternates between them, round
    // after round, so drift in this machine's speed cannot masquerade as a scaling effect.
    const scales = [SMALL, LARGE];
    const setups: Setup[] = [];
    for (const [index, scale] of scales.entries()) {
      console.log(`\n# ${scale.toLocaleString('en')} articles`);
      const dataDir = path.join(root, `scale-${scale}`);
      seed(dataDir, scale);
      const paths = scenarioPaths(dataDir);
      console.log(`  article ${paths.article}; deep section page ≈ page ${fmt(paths.deepDepth)}; tag ${paths.tag} (${fmt(paths.tagCount)} articles)`);
      const port = freePortBase() + index * 10;
      const cached = await startServer(dataDir, port, 64);
      const uncached = await startServer(dataDir, port + 1, 0);
      const cold = await startServer(dataDir, port + 3, 0, 0);
      servers.push(cached, uncached, cold);
      setups.push({ scale, paths, cached, uncached, cold, port });
    }
    const first = setups[0];
    if (!first) throw new Error('no scales');
    const html = await (await fetch(`${first.cached.url}${first.paths.article}`)).arrayBuffer();
    const file = path.join(root, 'article.html');
    fs.writeFileSync(file, Buffer.from(html));
    const ceiling = await startCeiling(file, first.port + 2);
    console.log(`\n# measuring (${fmt(Buffer.byteLength(Buffer.from(html)))}-byte article page)`);
    // Latency scenarios send one request at a time, so p50/p99 are the server's own time, not queueing.
    const scenarios: [string, (setup: Setup) => string, number?][] = [
      ['ceiling: bare http, same bytes', () => `${ceiling.url}/`],
      ['article page (cached)', (x) => `${x.cached.url}${x.paths.article}`],
      ['article page (rendered)', (x) => `${x.uncached.url}${x.paths.article}`],
      ['article page (cold: no caches)', (x) => `${x.cold.url}${x.paths.article}`],
      ['home page (rendered)', (x) => `${x.uncached.url}/`],
      ['section page 1 (rendered)', (x) => `${x.uncached.url}${x.paths.section}`],
      ['section deep page (rendered)', (x) => `${x.uncached.url}${x.paths.deepSection}`],
      ['tag page (rendered)', (x) => `${x.uncached.url}${x.paths.tag}`],
      ['sitemap index (cold: rendered)', (x) => `${x.uncached.url}/sitemap.xml`, 1],
      ['month sitemap (cold: rendered)', (x) => `${x.uncached.url}${x.paths.monthSitemap}`, 1],
      ['sitemap index (cached)', (x) => `${x.cached.url}/sitemap.xml`, 1],
      ...SEARCHES.map(([label, query]): [string, (setup: Setup) => string, number] => [`search: ${label}`, (x) => `${x.cached.url}/search?${query}`, 1]),
    ];
    try {
      for (const [scenario, urlOf, connections] of scenarios) {
        const results = new Map<number, Omit<Row, 'scale' | 'scenario'>[]>();
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const setup of setups) {
            const list = results.get(setup.scale) ?? [];
            list.push(await measure(urlOf(setup), connections));
            results.set(setup.scale, list);
          }
        }
        for (const setup of setups) {
          const combined = combine(results.get(setup.scale) ?? []);
          if (scenario.startsWith('ceiling')) ceilingRps[setup.scale] = combined.rps;
          rows.push({ scale: setup.scale, scenario, ...combined });
          console.log(`  ${fmt(setup.scale).padStart(9)}  ${scenario.padEnd(30)} ${fmt(combined.rps).padStart(8)} req/s  p50 ${combined.p50} ms  p99 ${combined.p99} ms${combined.errors ? `  ${combined.errors} errors` : ''}`);
        }
      }
    } finally {
      await ceiling.stop();
    }
    for (const setup of setups) rss[setup.scale] = Math.max(setup.cached.peakRss(), setup.uncached.peakRss(), setup.cold.peakRss());
  } finally {
    for (const server of servers) await server.stop();
    if (!args.keep) fs.rmSync(root, { recursive: true, force: true });
  }

  const find = (scale: number, scenario: string) => rows.find((row) => row.scale === scale && row.scenario === scenario);
  console.log(`\n| articles | scenario | req/s | p50 ms | p99 ms | vs ceiling | ${fmt(LARGE)} vs ${fmt(SMALL)} (time ratio) |`);
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    const small = find(SMALL, row.scenario);
    const slowdown = row.scale === LARGE && small ? `${(small.rps / row.rps).toFixed(2)}×` : '';
    console.log(`| ${fmt(row.scale)} | ${row.scenario} | ${fmt(row.rps)} | ${row.p50} | ${row.p99} | ${((row.rps / (ceilingRps[row.scale] ?? 1)) * 100).toFixed(0)}% | ${slowdown} |`);
  }
  console.log(`\nPeak server RSS: ${Object.entries(rss).map(([scale, bytes]) => `${fmt(Number(scale))} articles ${fmt(bytes / 1048576)} MB`).join('; ')}`);

  const checks: [string, boolean][] = [];
  const cachedLarge = find(LARGE, 'article page (cached)');
  const renderedLarge = find(LARGE, 'article page (rendered)');
  const ceilingLarge = ceilingRps[LARGE] ?? 1;
  if (cachedLarge) checks.push([`cached article ≥ 70% of ceiling (${((cachedLarge.rps / ceilingLarge) * 100).toFixed(0)}%)`, cachedLarge.rps >= 0.7 * ceilingLarge]);
  if (renderedLarge) checks.push([`rendered article ≥ 20% of ceiling (${((renderedLarge.rps / ceilingLarge) * 100).toFixed(0)}%)`, renderedLarge.rps >= 0.2 * ceilingLarge]);
  for (const scenario of ['home page (rendered)', 'section page 1 (rendered)', 'section deep page (rendered)', 'tag page (rendered)']) {
    const small = find(SMALL, scenario);
    const large = find(LARGE, scenario);
    if (small && large) checks.push([`${scenario} at ${fmt(LARGE)} ≤ 1.5× slower than at ${fmt(SMALL)} (${(small.rps / large.rps).toFixed(2)}×)`, small.rps / large.rps <= 1.5]);
  }
  for (const [label] of SEARCHES) {
    const row = find(LARGE, `search: ${label}`);
    if (row) checks.push([`search (${label}) at ${fmt(LARGE)}: p50 ${row.p50} ms < 20 ms and p99 ${row.p99} ms < 100 ms`, row.p50 < 20 && row.p99 < 100]);
  }
  for (const scenario of ['sitemap index (cold: rendered)', 'month sitemap (cold: rendered)', 'sitemap index (cached)']) {
    const row = find(LARGE, scenario);
    if (row) checks.push([`${scenario} at ${fmt(LARGE)}: p99 ${row.p99} ms < 100 ms`, row.p99 < 100]);
  }
  checks.push([`server RSS < 300 MB at ${fmt(LARGE)} (${fmt((rss[LARGE] ?? 0) / 1048576)} MB)`, (rss[LARGE] ?? 0) < 300 * 1048576]);
  checks.push(...(await newsletterScenario()));
  console.log('\nTargets:');
  for (const [label, ok] of checks) console.log(`  ${ok ? 'met ' : 'MISSED'}  ${label}`);
}

await main();
