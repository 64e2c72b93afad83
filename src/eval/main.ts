import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFromEnvironment } from '../config.js';
import { createLogger } from '../logger.js';
import { openEngine, type Engine } from '../search/engine.js';
import { goldSchema } from './gold.js';
import { answersSchema, evaluateAnswers } from './answers.js';
import { evaluatePrecision, precisionSchema } from './precision.js';
import { evaluate, rates } from './score.js';

const UNSEEN_DOCS = 'test/fixtures/unseen/docs';
/** A second set of real reports, written blind after the first was tuned on (its SOURCES.md). */
const UNSEEN2_DOCS = 'test/fixtures/unseen2/docs';
/** A third, gathered blind after the second was tuned on: the held-out check on this round. */
const UNSEEN3_DOCS = 'test/fixtures/unseen3/docs';
/** The gold sets `--all` reports side by side: name, gold file, the engine it asks. */
const SETS: [string, string, 'seeds' | 'unseen' | 'unseen2' | 'unseen3'][] = [
  ['public', 'test/fixtures/gold-public.json', 'seeds'],
  ['dev', 'test/fixtures/gold-dev.json', 'seeds'],
  ['unseen', 'test/fixtures/unseen/gold.json', 'unseen'],
  ['unseen2', 'test/fixtures/unseen2/gold.json', 'unseen2'],
  ['unseen3', 'test/fixtures/unseen3/gold.json', 'unseen3'],
];
const PRECISION = 'test/fixtures/gold-precision.json';
const ANSWERS = ['test/fixtures/gold-answers.json', 'test/fixtures/unseen2/answers.json', 'test/fixtures/unseen3/answers.json'];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * `npm run eval [-- --gold FILE] [--seeds DIR] [--json]`: scores the answers against a gold
 * file. `--seeds` points at another document set (the unseen set:
 * `--gold test/fixtures/unseen/gold.json --seeds test/fixtures/unseen/docs`).
 * `npm run eval -- --precision test/fixtures/gold-precision.json`: the precision set, each
 * case against the seeds or the unseen documents as it says. `npm run eval -- --all`: every
 * set side by side, the seeds' and the unseen documents'.
 */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      gold: { type: 'string', default: 'test/fixtures/gold-public.json' },
      seeds: { type: 'string' },
      precision: { type: 'string' },
      all: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.all) return all();
  if (values.precision) return precision(values.precision, values.json);
  const goldPath = values.gold;
  const gold = goldSchema.parse(JSON.parse(await readFile(goldPath, 'utf8')));
  const config = await loadConfigFromEnvironment();
  const engine = await open(values.seeds ?? config.seedsDir);
  const report = await evaluate(engine, gold);
  const r = rates(report);
  if (values.json) {
    process.stdout.write(JSON.stringify({ rates: r, report }, null, 2) + '\n');
    return 0;
  }
  console.log(`gold: ${goldPath}`);
  console.log(`figure  hit@1 ${pct(r.figureHit1)}  hit@3 ${pct(r.figureHit3)}  (${report.figure.total})`);
  console.log(`zone    name ${pct(r.zoneName)}  docs recall ${pct(r.zoneDocsRecall)}  figures recall ${pct(r.zoneFiguresRecall)}  (${report.zone.total})`);
  console.log(`ask     recall@3 ${pct(r.askRecall3)}  MRR ${r.askMrr.toFixed(3)}  (${report.ask.total})`);
  console.log(report.misses.length ? `misses (${report.misses.length}):` : 'no misses');
  for (const m of report.misses) console.log(`  ${m.id} [${m.kind}] ${m.query}\n      ${m.detail}`);
  return 0;
}

/** An engine over `seedsDir` with a throwaway index: evaluation never disturbs the bot's index. */
async function open(seedsDir: string): Promise<Engine> {
  return openEngine({ seedsDir, indexDir: await mkdtemp(join(tmpdir(), 'zone-eval-')), logger: createLogger('warn') });
}

/** Every set in one table. */
async function all(): Promise<number> {
  const config = await loadConfigFromEnvironment();
  const engines = { seeds: await open(config.seedsDir), unseen: await open(UNSEEN_DOCS), unseen2: await open(UNSEEN2_DOCS), unseen3: await open(UNSEEN3_DOCS) };
  console.log('set       figure hit@1  hit@3   zone name  zone figures  ask recall@3  MRR');
  for (const [name, path, docs] of SETS) {
    const r = rates(await evaluate(engines[docs], goldSchema.parse(JSON.parse(await readFile(path, 'utf8')))));
    console.log(
      `${name.padEnd(9)} ${pct(r.figureHit1).padStart(12)}  ${pct(r.figureHit3).padStart(6)}  ${pct(r.zoneName).padStart(9)}  ${pct(r.zoneFiguresRecall).padStart(12)}  ${pct(r.askRecall3).padStart(12)}  ${r.askMrr.toFixed(3)}`,
    );
  }
  const p = evaluatePrecision(engines, precisionSchema.parse(JSON.parse(await readFile(PRECISION, 'utf8'))));
  console.log(`precision ${pct(p.passed / p.total)} (${p.passed}/${p.total}): ${Object.entries(p.byKind).map(([k, v]) => `${k} ${v.passed}/${v.total}`).join(', ')}`);
  for (const path of ANSWERS) {
    const a = evaluateAnswers(engines, answersSchema.parse(JSON.parse(await readFile(path, 'utf8'))));
    console.log(`answers   accuracy ${pct(a.correct / a.answerable)} (${a.correct}/${a.answerable}, ${a.answered} answered); abstention ${pct(a.abstained / a.unanswerable)} (${a.abstained}/${a.unanswerable})  ${path}`);
    if (process.env.EVAL_VERBOSE) for (const m of a.misses) console.log(`  ${m.id} ${m.query}: ${m.detail}`);
  }
  return 0;
}

async function precision(path: string, json: boolean): Promise<number> {
  const set = precisionSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  const config = await loadConfigFromEnvironment();
  const report = evaluatePrecision({ seeds: await open(config.seedsDir), unseen: await open(UNSEEN_DOCS) }, set);
  if (json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  const share = (n: number, total: number) => pct(n / Math.max(1, total));
  console.log(`precision: ${path}`);
  console.log(`all     ${share(report.passed, report.total)}  (${report.passed}/${report.total})`);
  for (const [kind, k] of Object.entries(report.byKind)) console.log(`  ${kind.padEnd(14)} ${share(k.passed, k.total)}  (${k.passed}/${k.total})`);
  console.log(report.misses.length ? `misses (${report.misses.length}):` : 'no misses');
  for (const m of report.misses) console.log(`  ${m.id} [${m.kind}] ${m.query}\n      ${m.detail}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
