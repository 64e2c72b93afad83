import { relatedZones, resolveZone, summarize, type ZoneEntry } from '../../nlp/zone-registry.js';
import type { Snapshot } from '../snapshot.js';
import type { IndexedFigure } from '../model.js';
import type { FigureResult, ZoneAnswer, ZoneProfile } from '../types.js';
import { INDICATOR_NAMES } from '../../nlp/indicators.js';
import { KIND_LABEL } from '../../nlp/units.js';
import { citationOf, familyNames, highlight, prepareQuery, round } from './common.js';
import { toResult } from './figure.js';

const SNIPPETS = 5;
// A growth rate means little without its level; of a from→to pair the newer value matters.
const ROLE_SCORE: Record<FigureResult['role'], number> = { level: 2, to: 2, from: 1, range: 1, change: 0 };

// What a place's own headline figures measure: the statistics bureau's indicators (see
// src/nlp/indicators.ts) and the facts zone reports lead with.
const HEADLINE = new RegExp(`${INDICATOR_NAMES.join('|')}|生产总值|市场主体|高新技术企业|营业收入|工业总产值|招商引资|进出口|财政收入|常住人口|排名|综合考评`);
// A company's or a project's own numbers (`前晨汽车…年产值5亿元`) are not the place's.
const COMPANY = /公司|集团|有限|股份|工厂|厂区|该项目|项目建成后|投产后/;

/**
 * How much a figure says about its place, for ordering key figures: headline indicators and
 * ranks first, then money, area and counts; a company's or a project's own numbers, bare
 * durations and figures labelled only by their kind (`时长`, `金额`) last.
 */
function keyFigureScore(f: IndexedFigure, names: string[]): number {
  let score = ROLE_SCORE[f.role];
  if (HEADLINE.test(f.label)) score += 4;
  if (f.baseUnit === '位') score += 3;
  if (names.some((n) => f.sentence.includes(n))) score += 2;
  if (f.baseUnit === '元' || f.baseUnit === '美元') score += 2;
  else if (/平方|亩/.test(f.unit)) score += 1;
  if (f.label.length >= 3) score += 1;
  if (GENERIC_LABELS.has(f.label) || f.unit === '年' || f.unit === '个月') score -= 3;
  if (COMPANY.test(clauseOf(f))) score -= 4;
  return score;
}

/** The clause of the evidence sentence that holds the figure. */
function clauseOf(f: IndexedFigure): string {
  const before = f.sentence.slice(0, f.span[0]);
  const start = Math.max(...['，', '；', '。', ','].map((p) => before.lastIndexOf(p))) + 1;
  const end = f.sentence.slice(f.span[1]).search(/[，；。,]/);
  return f.sentence.slice(start, end < 0 ? undefined : f.span[1] + end);
}

const GENERIC_LABELS = new Set(Object.values(KIND_LABEL));

/**
 * A zone's profile: canonical name, kind, aliases, related entries, documents, every figure
 * of its place family (its own first) and the passages that talk about it most.
 *
 * @example
 * zone(snapshot, '梅河口').zone?.name; // '梅河口高新区'
 * zone(snapshot, '高新区').candidates.length > 1; // ambiguous: the candidates come back
 */
export function zone(snapshot: Snapshot, name: string): ZoneAnswer {
  const { text, notes } = prepareQuery(name);
  const answer: ZoneAnswer = { command: 'zone', query: text, zone: null, candidates: [], notes };
  if (!text) {
    notes.push('请输入地区或园区名称，例如：梅河口。/ Please type a zone name.');
    answer.candidates = snapshot.registry.entries.slice(0, 10).map(summarize);
    return answer;
  }
  const resolved = resolveZone(snapshot.registry, text);
  if (!resolved.zone) {
    answer.candidates = resolved.candidates.map(summarize);
    if (resolved.place) {
      const inside = resolved.candidates.length ? `其中提到：${resolved.candidates.slice(0, 5).map((c) => c.name).join('、')}。` : '';
      notes.push(`资料中没有关于“${resolved.place.name}”本身的内容。${inside}/ The documents do not cover ${resolved.place.name}.`);
    } else if (resolved.candidates.length > 1 && resolved.via !== 'none') notes.push(`“${text}”对应多个地区，请选择一个。/ Ambiguous zone name.`);
    else notes.push(`没有找到地区“${text}”。/ Unknown zone.`);
    return answer;
  }
  const entry = resolved.zone;
  answer.zone = profileOf(snapshot, entry);
  answer.candidates = resolved.candidates.map(summarize);
  if (resolved.via === 'fuzzy' || resolved.via === 'pinyin') notes.push(`按“${entry.name}”查询。/ Showing ${entry.name}.`);
  if (answer.zone.figures.length + answer.zone.insideFigures.length === 0) notes.push('这个地区没有提取到数字。/ No figures were found for this zone.');
  return answer;
}

// A profile depends only on the snapshot and the zone: computed once per index generation
// (it scans every passage and figure, which at 100× the seeds is most of a zone query's time).
const profiles = new WeakMap<Snapshot, Map<string, ZoneProfile>>();

function profileOf(snapshot: Snapshot, entry: ZoneEntry): ZoneProfile {
  let cache = profiles.get(snapshot);
  if (!cache) profiles.set(snapshot, (cache = new Map()));
  let profile = cache.get(entry.name);
  if (!profile) cache.set(entry.name, (profile = buildProfile(snapshot, entry)));
  // Fresh arrays for the caller; the result objects inside are shared and read-only by contract.
  return {
    ...profile,
    aliases: [...profile.aliases],
    related: [...profile.related],
    docs: [...profile.docs],
    figures: [...profile.figures],
    insideFigures: [...profile.insideFigures],
    snippets: [...profile.snippets],
  };
}

function buildProfile(snapshot: Snapshot, entry: ZoneEntry): ZoneProfile {
  const family = familyNames(snapshot.registry, entry);
  const passages = snapshot.model.passages.filter((p) => p.zones.some((z) => family.has(z)));
  const docs = new Map<string, number>();
  for (const p of passages) docs.set(p.doc, (docs.get(p.doc) ?? 0) + 1);

  const terms = [entry.name, ...entry.aliases, entry.place].filter((t) => t.length >= 2);
  const ranked = (zones: (z: string) => boolean): IndexedFigure[] =>
    snapshot.model.figures
      .filter((f) => f.zone !== null && zones(f.zone))
      .map((f) => ({ f, key: keyFigureScore(f, terms) }))
      .sort((a, b) => b.key - a.key)
      .map(({ f }) => f);
  // The place's own figures, then, labelled apart, those of what lies inside it.
  const all = ranked((z) => family.has(z));
  // A company's figures lie inside the place too, apart from the place's own.
  const figures = all.filter((f) => f.zone === entry.name && !f.owner);
  const insideFigures = all.filter((f) => f.zone !== entry.name || f.owner);

  const own = (p: (typeof passages)[number]) => p.zones.filter((z) => z === entry.name).length * 2 + p.zones.filter((z) => family.has(z)).length;
  const figureCount = new Map<string, number>();
  for (const f of [...figures, ...insideFigures]) figureCount.set(f.citation.passage, (figureCount.get(f.citation.passage) ?? 0) + 1);
  const snippets = passages
    .map((p) => ({ p, score: own(p) + (figureCount.get(p.id) ?? 0) * 0.5 }))
    .sort((a, b) => b.score - a.score)
    .slice(0, SNIPPETS)
    .map(({ p, score }) => ({ text: p.text, highlights: highlight(p.text, terms), score: round(score), title: p.title, citation: citationOf(p) }));

  return {
    ...summarize(entry),
    // The passages the profile draws on, so the count agrees with the documents' counts.
    mentions: passages.length,
    aliases: entry.aliases,
    related: relatedZones(snapshot.registry, entry).map((e) => e.name),
    docs: [...docs].map(([doc, count]) => ({ doc, passages: count })).sort((a, b) => a.doc.localeCompare(b.doc)),
    figures: figures.map((f) => toResult(f)),
    insideFigures: insideFigures.map((f) => toResult(f)),
    snippets,
  };
}
