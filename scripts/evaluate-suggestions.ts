/**
 * Measures suggested tags on the labelled set (test/fixtures/suggest): precision and
 * recall per kind and overall, on the whole set and on its dev and held-out halves, with
 * the fixture newsroom's tags and with no tags at all; plus what the gazetteer costs to
 * load (time, and the heap that stays) and how long one article takes to analyse.
 *
 *   node --import tsx scripts/evaluate-suggestions.ts [--verbose]
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { gazetteerStats, loadGazetteer } from '../src/suggest/gazetteer.ts';
import { TagIndex } from '../src/suggest/tag-index.ts';
import { MEASURED_KINDS, evaluateLabelledSet, rates } from '../test/fixtures/suggest/scoring.ts';
import type { EvaluationReport, Tally } from '../test/fixtures/suggest/scoring.ts';

const isVerbose = process.argv.includes('--verbose');

// A full collection before and after loading makes the heap figure the memory that stays.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`.padStart(6);
}

function line(label: string, tally: Tally): string {
  const { precision, recall, f1 } = rates(tally);
  return `  ${label.padEnd(14)} precision ${percent(precision)}  recall ${percent(recall)}  F1 ${percent(f1)}   (${tally.truePositives} right of ${tally.suggested} suggested, ${tally.expected} expected)`;
}

function print(title: string, report: EvaluationReport): void {
  console.log(`${title} — ${report.articles} articles`);
  for (const kind of MEASURED_KINDS) console.log(line(kind, report.byKind[kind]));
  console.log(line('overall', report.overall));
}

collect();
const before = process.memoryUsage();
const gazetteer = await loadGazetteer();
collect();
await new Promise((resolve) => setTimeout(resolve, 100));
collect();
const after = process.memoryUsage();
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const stats = gazetteerStats();
console.log(`Gazetteer: ${stats?.countries ?? 0} countries, ${stats?.cityNames ?? 0} town names; loaded in ${stats?.loadMs ?? 0} ms (in a worker thread); heap kept ${megabytes(after.heapUsed - before.heapUsed)}, process RSS grew ${megabytes(after.rss - before.rss)}\n`);

// The first analysis also warms compromise up; time the steady state.
evaluateLabelledSet(gazetteer);
const all = evaluateLabelledSet(gazetteer);
print('With the fixture newsroom’s tags', all);
print('  dev half (tuned on)', evaluateLabelledSet(gazetteer, { split: 'dev' }));
print('  held-out half', evaluateLabelledSet(gazetteer, { split: 'held-out' }));
print('  English articles', evaluateLabelledSet(gazetteer, { language: 'en' }));
print('  Arabic articles', evaluateLabelledSet(gazetteer, { language: 'ar' }));
console.log('');
print('With no tags at all (reading and the gazetteer alone)', evaluateLabelledSet(gazetteer, { tags: new TagIndex([]) }));
console.log(`\nAnalysis time: ${all.millisecondsPerArticle.toFixed(1)} ms per article on average`);

if (isVerbose) {
  console.log('');
  for (const outcome of all.outcomes) {
    const problems = MEASURED_KINDS.flatMap((kind) => [...outcome.missed[kind].map((name) => `  missed ${kind}: ${name}`), ...outcome.wrong[kind].map((name) => `  wrong ${kind}: ${name}`)]);
    if (problems.length > 0) console.log(`${outcome.id} (${outcome.split})\n${problems.join('\n')}`);
  }
}
