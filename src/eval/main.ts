import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfigFromEnvironment } from '../config.js';
import { createLogger } from '../logger.js';
import { openEngine } from '../search/engine.js';
import { goldSchema } from './gold.js';
import { evaluatePrecision, precisionSchema } from './precision.js';
import { evaluate, rates } from './score.js';

const UNSEEN_DOCS = 'test/fixtures/unseen/docs';

/**
 * `npm run eval [-- --gold FILE] [--seeds DIR] [--json]`: scores the answers against a gold
 * file. `--seeds` points at another document set (the unseen set:
 * `--gold test/fixtures/unseen/gold.json --seeds test/fixtures/unseen/docs`).
 * `npm run eval -- --precision test/fixtures/gold-precision.json`: the precision set, each
 * case against the seeds or the unseen documents as it says.
 */
async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      gold: { type: 'string', default: 'test/fixtures/gold-public.json' },
      seeds: { type: 'string' },
      precision: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.precision) return precision(values.precision, values.json);
  const goldPath = values.gold;
  const gold = goldSchema.parse(JSON.parse(await readFile(goldPath, 'utf8')));
  const config = await loadConfigFromEnvironment();
  // A throwaway index directory: evaluation never disturbs the bot's index.
  const indexDir = await mkdtemp(join(tmpdir(), 'zone-eval-'));
  const engine = await openEngine({ seedsDir: values.seeds ?? config.seedsDir, indexDir, logger: createLogger('warn') });
  const report = await evaluate(engine, gold);
  const r = rates(report);
  if (values.json) {
    process.stdout.write(JSON.stringify({ rates: r, report }, null, 2) + '\n');
    return 0;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(`gold: ${goldPath}`);
  console.log(`figure  hit@1 ${pct(r.figureHit1)}  hit@3 ${pct(r.figureHit3)}  (${report.figure.total})`);
  console.log(`zone    name ${pct(r.zoneName)}  docs recall ${pct(r.zoneDocsRecall)}  figures recall ${pct(r.zoneFiguresRecall)}  (${report.zone.total})`);
  console.log(`ask     recall@3 ${pct(r.askRecall3)}  MRR ${r.askMrr.toFixed(3)}  (${report.ask.total})`);
  console.log(report.misses.length ? `misses (${report.misses.length}):` : 'no misses');
  for (const m of report.misses) console.log(`  ${m.id} [${m.kind}] ${m.query}\n      ${m.detail}`);
  return 0;
}

async function precision(path: string, json: boolean): Promise<number> {
  const set = precisionSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  const config = await loadConfigFromEnvironment();
  const open = async (seedsDir: string) => openEngine({ seedsDir, indexDir: await mkdtemp(join(tmpdir(), 'zone-eval-')), logger: createLogger('warn') });
  const report = evaluatePrecision({ seeds: await open(config.seedsDir), unseen: await open(UNSEEN_DOCS) }, set);
  if (json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  const pct = (n: number, total: number) => `${((n / Math.max(1, total)) * 100).toFixed(1)}%`;
  console.log(`precision: ${path}`);
  console.log(`all     ${pct(report.passed, report.total)}  (${report.passed}/${report.total})`);
  for (const [kind, k] of Object.entries(report.byKind)) console.log(`  ${kind.padEnd(14)} ${pct(k.passed, k.total)}  (${k.passed}/${k.total})`);
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
