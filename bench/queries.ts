import { pinyin } from 'pinyin-pro';
import type { Gold } from '../src/eval/gold.js';
import type { QueryService } from '../src/search/service.js';
import { pick, seeded, shuffled } from './prng.js';
import type { CompleteQuery, FigureQuery, QuerySet } from './types.js';

/**
 * Realistic queries per operation: the public gold queries first, then queries made from
 * what the corpus holds (zone names, metric labels) the way users type them: short and long
 * zone names, bare places and their pinyin, question templates, 1–3 character autocomplete
 * prefixes. Built once
 * from the seeds so every scale and both systems answer exactly the same list.
 */

export const MIN_QUERIES = 50;
const TARGET = 60;

const ZONE_SUFFIX = /(高新区|经开区|综保区|自贸区.*|开发区|新区|市|县)$/;
const LONG_FORM: [RegExp, string][] = [
  [/高新区$/, '高新技术产业开发区'],
  [/经开区$/, '经济技术开发区'],
  [/综保区$/, '综合保税区'],
];

const ZONE_QUESTIONS = [
  (z: string) => `${z}有哪些重点项目？`,
  (z: string) => `${z}在全省开发区考核中排第几？`,
  (z: string) => `${z}引进了哪些企业？`,
  (z: string) => `${z}的规划面积有多大？`,
  (z: string) => `${z}离长春有多远？`,
  (z: string) => `${z}的主导产业是什么？`,
];
const METRIC_QUESTIONS = [
  (z: string, m: string) => `${z}的${m}是多少？`,
  (z: string, m: string) => `${z}${m}增长了多少？`,
  (_z: string, m: string) => `哪个园区的${m}最高？`,
  (z: string, m: string) => `2021年${z}${m}有多少？`,
];

/**
 * At least 50 queries per operation (fewer only if the corpus is tiny; the caller checks).
 *
 * @example
 * const set = buildQuerySet(engine, gold);
 * set.ask[0]; // '梅河口高新区的规划面积扩大了多少倍？' (gold first)
 */
export function buildQuerySet(service: QueryService, gold: Gold): QuerySet {
  const random = seeded(2024);
  const zones = service.completeZone('').map((s) => s.value);
  const metrics = service.completeMetric('').map((s) => s.value).filter((m) => m.length >= 2);
  const places = unique(zones.map((z) => z.replace(ZONE_SUFFIX, '')).filter((p) => p.length >= 2));

  const ask = fillBy(
    gold.ask.map((g) => g.query),
    () => {
      const zone = pick(random() < 0.5 ? zones : places, random);
      return random() < 0.4 || metrics.length === 0 ? pick(ZONE_QUESTIONS, random)(zone) : pick(METRIC_QUESTIONS, random)(zone, pick(metrics, random));
    },
    (q) => q,
  );

  const figureKey = (f: FigureQuery) => `${f.metric}|${f.zone ?? ''}|${f.year ?? ''}`;
  const figure = fillBy(
    gold.figure.map((g) => ({ metric: g.query, ...(g.zone ? { zone: g.zone } : {}), ...(g.year ? { year: g.year } : {}) })),
    () => {
      const metric = pick(metrics.length ? metrics : ['固定资产投资'], random);
      const roll = random();
      if (roll < 0.4) return { metric };
      if (roll < 0.8) return { metric, zone: pick(places, random) };
      return { metric: `${pick(['2020', '2021', '2022'], random)}年${metric}` };
    },
    figureKey,
  );

  const zoneNames = unique([...gold.zone.map((g) => g.query), ...zones, ...places, ...zones.flatMap(longForms), ...places.map(toPinyin)]);

  const complete: CompleteQuery[] = [
    ...unique([...zones, ...places].flatMap(prefixes)).map((prefix) => ({ kind: 'zone' as const, prefix })),
    ...unique(metrics.flatMap(prefixes)).map((prefix) => ({ kind: 'metric' as const, prefix })),
  ];

  return { ask, figure, zone: zoneNames, autocomplete: shuffled(complete, random) };
}

/** Adds made-up queries to `start` until there are enough distinct ones (or making them stops yielding new ones). */
function fillBy<T>(start: T[], make: () => T, key: (q: T) => string): T[] {
  const seen = new Set(start.map(key));
  const out = [...start];
  for (let tries = 0; out.length < TARGET && tries < TARGET * 50; tries++) {
    const q = make();
    if (seen.has(key(q))) continue;
    seen.add(key(q));
    out.push(q);
  }
  return out;
}

/** `长春经开区` → `长春经济技术开发区`: users type the official long names too. */
function longForms(zone: string): string[] {
  return LONG_FORM.filter(([suffix]) => suffix.test(zone)).map(([suffix, long]) => zone.replace(suffix, long));
}

/** `梅河口` → `meihekou`: how users without a Chinese keyboard type a place. */
function toPinyin(place: string): string {
  return pinyin(place, { toneType: 'none', type: 'array' }).join('');
}

/** The 1-, 2- and 3-character prefixes of a name. */
function prefixes(name: string): string[] {
  const chars = [...name];
  return [1, 2, 3].filter((n) => n <= chars.length).map((n) => chars.slice(0, n).join(''));
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
