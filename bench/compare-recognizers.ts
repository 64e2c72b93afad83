/**
 * Compares `extractFigures` with Microsoft Recognizers-Text (number-with-unit, culture zh-cn)
 * over every cleaned sentence of the seeds: what both find, what only one finds, where they
 * disagree on the amount, and how long each takes. Findings are summarised in docs/FIGURES.md.
 *
 * Run: npx tsx bench/compare-recognizers.ts [--seeds DIR] [--gold FILE]
 * With a gold file, also: how many of its figures each finds in their evidence sentences
 * (the unseen set: `--seeds test/fixtures/unseen/docs --gold test/fixtures/unseen/gold.json`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// Percentages live in the number package that number-with-unit is built on; without it
// Recognizers would look blind to `%`, which would be an unfair comparison.
import { recognizePercentage } from '@microsoft/recognizers-text-number';
import { Culture, recognizeAge, recognizeCurrency, recognizeDimension, recognizeTemperature } from '@microsoft/recognizers-text-number-with-unit';
import { sentences, splitPassages } from '../src/corpus/passages.js';
import { extractFigures, type ExtractedFigure } from '../src/nlp/figures.js';
import { goldSchema } from '../src/eval/gold.js';
import { normalizeAmount } from '../src/eval/score.js';

const { values: args } = parseArgs({ options: { seeds: { type: 'string' }, gold: { type: 'string' } } });
const SEEDS = args.seeds ?? join(import.meta.dirname, '..', 'seeds');
const EXAMPLES = 6;

/** One Recognizers result, with an exclusive end like ours. */
interface Recognized {
  model: string;
  text: string;
  start: number;
  end: number;
  amount: number | null;
  unit: string;
}

interface Sentence {
  doc: string;
  text: string;
  ours: ExtractedFigure[];
  theirs: Recognized[];
}

const MODELS = [
  ['currency', recognizeCurrency],
  ['dimension', recognizeDimension],
  ['age', recognizeAge],
  ['temperature', recognizeTemperature],
  ['percentage', recognizePercentage],
] as const;

// Recognizers' unit names for the units the seeds print; anything else stays as named.
const BASE_UNIT: Record<string, string> = {
  'Chinese yuan': '元',
  'United States dollar': '美元',
  'Square kilometer': '平方公里',
  Mu: '亩',
  Kilometer: '公里',
  Year: '年',
  Day: '天',
};

function recognize(text: string): Recognized[] {
  return MODELS.flatMap(([model, recognizeWith]) =>
    recognizeWith(text, Culture.Chinese).map((r) => {
      const value = String(r.resolution.value ?? '');
      return {
        model,
        text: r.text,
        start: r.start,
        end: r.end + 1,
        amount: value === '' ? null : Number.parseFloat(value),
        unit: model === 'percentage' ? '%' : (BASE_UNIT[String(r.resolution.unit)] ?? String(r.resolution.unit)),
      };
    }),
  );
}

function corpus(): { doc: string; text: string }[] {
  const names = readdirSync(SEEDS).filter((n) => n.endsWith('.txt')).sort();
  return names.flatMap((doc) =>
    splitPassages(doc, readFileSync(join(SEEDS, doc), 'utf8')).flatMap((p) => sentences(p.text).map((s) => ({ doc, text: s.text }))),
  );
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

const overlaps = (f: ExtractedFigure, r: Recognized) => f.span[0] < r.end && r.start < f.span[1];
const context = (s: Sentence, start: number, end: number) => `…${s.text.slice(Math.max(0, start - 10), Math.min(s.text.length, end + 6))}…`;

function section(title: string, lines: string[]): void {
  console.log(`\n## ${title}\n`);
  for (const line of lines) console.log(line);
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return new Map([...groups].sort((a, b) => b[1].length - a[1].length));
}

function countBy<T>(items: T[], key: (item: T) => string): string {
  return [...groupBy(items, key)].map(([k, group]) => `${k} ${group.length}`).join(', ');
}

function main(): void {
  const texts = corpus();
  // Recognizers builds its models on first use; time that apart from steady-state work.
  const warmUp = timed(() => recognize(texts[0]!.text));
  const theirs = timed(() => texts.map((t) => recognize(t.text)));
  extractFigures(texts[0]!.text);
  const ours = timed(() => texts.map((t) => extractFigures(t.text)));
  const all: Sentence[] = texts.map((t, i) => ({ ...t, ours: ours.result[i]!, theirs: theirs.result[i]! }));

  const both: { s: Sentence; f: ExtractedFigure; r: Recognized }[] = [];
  const oursOnly: { s: Sentence; f: ExtractedFigure }[] = [];
  const theirsOnly: { s: Sentence; r: Recognized }[] = [];
  for (const s of all) {
    for (const f of s.ours) {
      const r = s.theirs.find((x) => overlaps(f, x));
      if (r) both.push({ s, f, r });
      else oursOnly.push({ s, f });
    }
    for (const r of s.theirs) if (!s.ours.some((f) => overlaps(f, r))) theirsOnly.push({ s, r });
  }
  const disagree = both.filter(({ f, r }) => r.amount !== f.amount || r.unit !== f.baseUnit);
  const oursFigures = all.flatMap((s) => s.ours);
  const theirsCount = all.reduce((n, s) => n + s.theirs.length, 0);

  section('Totals', [
    `sentences: ${all.length}`,
    `ours: ${oursFigures.length} figures in ${ours.ms.toFixed(1)} ms`,
    `Recognizers: ${theirsCount} results in ${theirs.ms.toFixed(0)} ms (+ ${warmUp.ms.toFixed(0)} ms building models on first use)`,
    `found by both (overlapping spans): ${both.length}, of which same amount and unit: ${both.length - disagree.length}`,
    `found only by ours: ${oursOnly.length}`,
    `found only by Recognizers: ${theirsOnly.length}`,
  ]);

  section(
    'Both found, different reading',
    disagree.map(({ s, f, r }) => `- ${r.text} → Recognizers ${r.amount} ${r.unit} (${r.model}); ours ${f.raw} → ${f.amount} ${f.baseUnit}   ${context(s, f.span[0], f.span[1])}`),
  );

  const byUnit = groupBy(oursOnly, ({ f }) => f.baseUnit);
  section('Only ours, by base unit', [
    countBy(oursOnly, ({ f }) => f.baseUnit),
    '',
    ...[...byUnit].flatMap(([unit, found]) => [
      `${unit}:`,
      ...found.slice(0, EXAMPLES / 2).map(({ s, f }) => `  - ${f.raw} [${f.label}] ${context(s, f.span[0], f.span[1])}`),
    ]),
  ]);

  section('Only Recognizers (each checked by hand in docs/FIGURES.md)', [
    countBy(theirsOnly, ({ r }) => `${r.model}:${r.unit}`),
    '',
    ...theirsOnly.map(({ s, r }) => `- "${r.text}" → ${r.amount ?? 'no value'} ${r.unit} ${context(s, r.start, r.end)}`),
  ]);

  const approximate = oursFigures.filter((f) => f.qualifiers.some((q) => /约|近|超|多|余|左右|以上|突破|接近/.test(q)));
  section('What only ours says about a figure (Recognizers gives value and unit only)', [
    `labelled: ${oursFigures.length} of ${oursFigures.length}, e.g. ${oursFigures.slice(0, EXAMPLES).map((f) => `${f.raw}=${f.label}`).join(', ')}`,
    `roles: ${countBy(oursFigures, (f) => f.role)}`,
    `changes linked to their level: ${oursFigures.filter((f) => f.changeOf !== null).length}`,
    `approximate (约/近/超/多/余/左右/以上/突破…): ${approximate.length}, e.g. ${approximate.slice(0, EXAMPLES).map((f) => `${f.raw} ${f.qualifiers.join('+')}`).join(', ')}`,
    `with a year or period from the sentence: ${oursFigures.filter((f) => f.year !== null).length}`,
  ]);
}

/** Of a gold file's figures, how many each extractor reads from the evidence sentence. */
function evidenceRecall(goldPath: string): void {
  const gold = goldSchema.parse(JSON.parse(readFileSync(goldPath, 'utf8')));
  const cases = gold.figure.flatMap(({ id, evidence, expect }) =>
    evidence ? [{ id, evidence, want: normalizeAmount(expect.value, expect.unit), printed: String(Math.abs(expect.value)) }] : [],
  );
  const missedByOurs: string[] = [];
  let ours = 0;
  let theirs = 0;
  for (const c of cases) {
    const same = (amount: number) => Math.abs(amount - c.want.amount) < 1e-6 * Math.max(1, Math.abs(c.want.amount));
    if (extractFigures(c.evidence).some((f) => f.baseUnit === c.want.base && same(f.amount))) ours++;
    else missedByOurs.push(`- ${c.id}: ${c.evidence}`);
    // Lenient to Recognizers: any result whose text holds the printed number counts.
    if (recognize(c.evidence).some((r) => (r.amount !== null && same(r.amount)) || r.text.includes(c.printed))) theirs++;
  }
  const pct = (n: number) => `${((n / cases.length) * 100).toFixed(1)}%`;
  section(`Evidence sentences of ${goldPath}`, [
    `figures with an evidence sentence: ${cases.length}`,
    `ours reads the figure: ${ours} (${pct(ours)})`,
    `Recognizers finds the number (any model, text holding it counts): ${theirs} (${pct(theirs)})`,
    ...(missedByOurs.length ? ['', 'missed by ours:', ...missedByOurs] : []),
  ]);
}

main();
if (args.gold) evidenceRecall(args.gold);
