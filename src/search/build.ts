import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { SeedFile, SeedScan } from '../corpus/load.js';
import { sentences, splitPassages, type Passage } from '../corpus/passages.js';
import { extractFigures, type ExtractedFigure } from '../nlp/figures.js';
import { buildZoneRegistry, contains, isPlaceKind, type ZoneEntry, type ZoneRegistry } from '../nlp/zone-registry.js';
import { companyOwning } from '../nlp/companies.js';
import { RELATIVE, RELATIVE_WORD, TOP_HEADING, resolveRelative, withYear, yearOfArticle } from '../nlp/years.js';
import { findZoneMentions, placesNamed, reportProvince, withQualifiedNames, type ZoneMention } from '../nlp/zones.js';
import type { CorpusModel, DocRecord, IndexedFigure, IndexedPassage } from './model.js';
import type { Citation, Provenance } from './types.js';

/**
 * Seeds → model: passages with their zones, figures with zone, year and citation, the zone
 * registry. Corpus-level knowledge (which names are zones, what a bare `经开区` refers to)
 * needs every file, so this runs in two passes: per file (passages, zone mentions, raw
 * figures), then per corpus (registry, attribution).
 */

const YEAR = /((?:19|20)\d{2})年/g;
const PERIOD = /“?十[一二三四五六]五”?(?:期间|时期|期末)?|前三季度|上半年|下半年|第[一二三四]季度/g;

/** One sentence of a passage with the figures extracted from it. */
interface ParsedSentence {
  start: number;
  text: string;
  figures: ExtractedFigure[];
}

/** What a file contributes on its own, before corpus-level attribution: cacheable by content hash. */
export interface FileParse {
  seed: SeedFile;
  passages: Passage[];
  mentions: ZoneMention[][];
  /** Mentions in the document's title, which no passage may repeat (`2024年上杭县…统计公报`). */
  titleMentions: ZoneMention[];
  sentences: ParsedSentence[][];
}

/**
 * Per-file parses of a previous build, keyed by file name and content hash, so a reindex
 * re-processes only files that changed. Corpus-level steps (zone registry, attribution,
 * indexing) always run over everything, which keeps the result identical to a full build.
 */
export type BuildCache = Map<string, FileParse>;

const cacheKey = (seed: SeedFile) => `${seed.name}\u0000${seed.sha256}`;

/**
 * Cleans, splits and extracts one file.
 *
 * @example
 * parseFile(seed).passages[0].id; // '000_2948f0920b1045a6.txt#1'
 */
export function parseFile(seed: SeedFile): FileParse {
  const passages = splitPassages(seed.name, seed.text);
  const title = passages[0]?.articleTitle ?? passages[0]?.title ?? '';
  const texts = [title, ...passages.map((p) => p.text)];
  const known = placesNamed(texts);
  const province = reportProvince(texts, known);
  return {
    seed,
    passages,
    mentions: withQualifiedNames(passages.map((p) => findZoneMentions(p.text, known, province))),
    titleMentions: findZoneMentions(title, known, province),
    sentences: passages.map((p) => sentences(p.text).map((s) => ({ ...s, figures: extractFigures(s.text) }))),
  };
}

/**
 * Fills `cache` with the parses of the scanned files, yielding between files so queries go on
 * meanwhile. After an index is loaded from disk the cache is empty; warming it makes the first
 * reindex re-process only the files that changed, as later ones do.
 *
 * @example
 * await warmCache(scan, cache); // cache.size === scan.files.length
 */
export async function warmCache(scan: SeedScan, cache: BuildCache): Promise<void> {
  for (const seed of scan.files) {
    if (!cache.has(cacheKey(seed))) cache.set(cacheKey(seed), parseFile(seed));
    await yieldToEventLoop();
  }
}

/**
 * Builds the corpus model from read seeds, reusing `cache` entries for unchanged files and
 * refilling it with this build's parses. Yields to the event loop between files so a
 * running bot keeps answering from its current index meanwhile.
 *
 * @example
 * const model = await buildModel(await readSeeds('seeds'));
 * model.figures.find((f) => f.value === 141.5)?.zone; // '梅河口高新区'
 */
export async function buildModel(scan: SeedScan, cache: BuildCache = new Map(), onParsed: (done: number, total: number) => void = () => undefined): Promise<CorpusModel> {
  const started = performance.now();
  const parsed: FileParse[] = [];
  for (const seed of scan.files) {
    const cached = cache.get(cacheKey(seed));
    parsed.push(cached ? { ...cached, seed } : parseFile(seed));
    onParsed(parsed.length, scan.files.length);
    if (!cached) await yieldToEventLoop();
  }
  cache.clear();
  for (const file of parsed) cache.set(cacheKey(file.seed), file);

  const registry = buildZoneRegistry(parsed.flatMap((f) => [...f.titleMentions, ...f.mentions.flat()]));

  const passages: IndexedPassage[] = [];
  const figures: IndexedFigure[] = [];
  const docs: DocRecord[] = [];
  for (const file of parsed) {
    const before = figures.length;
    attribute(file, registry, passages, figures);
    docs.push({ doc: file.seed.name, bytes: file.seed.bytes, sha256: file.seed.sha256, passages: file.passages.length, figures: figures.length - before });
  }
  // Zone names and short metric labels should also match whole (see tokenizer's WordSet).
  const userWords = [...new Set([...registry.entries.flatMap((e) => [e.name, ...e.aliases]), ...figures.map((f) => f.label).filter((l) => l.length <= 8)])].sort();
  return {
    passages,
    figures,
    zones: registry.entries,
    docs,
    skipped: scan.skipped,
    userWords,
    builtAt: new Date().toISOString(),
    buildMs: Math.round(performance.now() - started),
  };
}

/** Resolves each passage's zones and extracts its figures with zone and year context. */
function attribute(file: FileParse, registry: ZoneRegistry, passages: IndexedPassage[], figures: IndexedFigure[]): void {
  const articles = new Map<number, number[]>();
  file.passages.forEach((p, i) => (articles.get(p.article) ?? articles.set(p.article, []).get(p.article)!).push(i));
  const fileDominant = dominantByKind(file.mentions.flat(), registry);
  const entryOf = new Map(registry.entries.map((e) => [e.name, e]));
  const documentSubject = subjectOf(file, registry, entryOf, fileDominant);
  const means = (m: ZoneMention, name: string | null | undefined) => !!name && selfMeans(m, entryOf.get(name));
  // When a zone carries over from an earlier sentence, the article's subject is the more
  // specific owner if the carried one is the place it lies in (`吉林省` for `梅河口市`) or
  // another entry of its own place (`梅河口市` in an article about `梅河口高新区`).
  const yieldsTo = (carried: string, subject: string) => {
    const a = entryOf.get(carried);
    const b = entryOf.get(subject);
    return !!a && !!b && (a.place === b.place || b.within.includes(a.name));
  };
  // A place unrelated to the subject (`浙江省投入帮扶资金…` in 四川's report) owns its own
  // sentence; the next sentences are about the subject again. Related: inside it, around it, or
  // beside it in the same place (`长春兴隆综保区` in an article about `长春经开区`).
  const carriesOn = (zone: string, subject: string | null) => {
    const a = entryOf.get(zone);
    const b = subject === null ? undefined : entryOf.get(subject);
    if (!a || !b || a === b) return true;
    // A province's report lists what its cities did (`成都中欧班列集结中心获批建设。…进出口总额
    // 达到10318亿元`): a city named in one sentence does not own the next ones.
    if (b.kind === '省份') return false;
    if (contains(b, a) || contains(a, b) || a.place === b.place) return true;
    return a.within[0] !== undefined && a.within[0] === b.within[0];
  };

  for (const indexes of articles.values()) {
    const articleMentions = indexes.flatMap((i) => file.mentions[i]!);
    const dominant = new Map([...fileDominant, ...dominantByKind(articleMentions, registry)]);
    const named = articleMentions.map((m) => canonical(m, registry, dominant));
    const articleSubject = articles.size === 1 ? null : mostSpecific(named.filter((z): z is string => z !== null), entryOf);
    const subject = articleSubject ?? documentSubject;
    const subjectBy: Provenance = articleSubject ? 'article' : 'document';
    // `全省`, `我市`: the article's or document's own place of that level; elsewhere (`全省第1`
    // in a zone's report) a scope, not an owner.
    const self = (m: ZoneMention) => [subject, documentSubject].find((z) => means(m, z)) ?? null;
    const resolve = (m: ZoneMention) => (m.self ? self(m) : canonical(m, registry, dominant));
    const first = file.passages[indexes[0]!]!;
    const articleYear = yearOfArticle([first.articleDate ?? '', first.articleTitle ?? '', first.title ?? '', ...indexes.slice(0, 2).map((i) => file.passages[i]!.text)]);
    // What a citation says of the article: its title and when it was written.
    const dated = first.articleDate ?? (articleYear === null ? undefined : `${articleYear}年`);
    let headingYear: number | null = null;
    let heading: string | null = null;
    let lastZone: string | null = subject;
    // Whether `lastZone` was named by an earlier sentence of this paragraph.
    let carried = false;
    let lastYear: string | null = null;

    for (const i of indexes) {
      const passage = file.passages[i]!;
      const resolved = file.mentions[i]!.map((m) => ({ m, zone: resolve(m) }));
      const citation = citationFor(file.seed, passage, dated);
      passages.push({ ...passage, zones: unique(resolved.map((r) => r.zone).filter((z): z is string => z !== null)), subject, citation });
      // Numbered within the passage, so an edit elsewhere never renames this passage's figures
      // (an incremental reindex matches figures by id).
      let figureNumber = 0;
      // Zone and year carry from sentence to sentence within a paragraph, never further without
      // evidence: a new paragraph starts from the article's subject and no year.
      // (A passage that continues the previous one's paragraph carries on from it.)
      if (!passage.continues) [lastZone, carried, lastYear] = [subject, false, null];
      if (passage.title !== heading) {
        heading = passage.title;
        const stated = heading ? /((?:19|20)\d{2})年/.exec(heading)?.[1] : undefined;
        if (stated) headingYear = Number(stated);
        else if (heading && TOP_HEADING.test(heading)) headingYear = null;
      }
      const sectionYear = headingYear ?? articleYear;

      for (const sentence of file.sentences[i]!) {
        const inSentence = resolved
          .filter((r) => r.m.start >= sentence.start && r.m.end <= sentence.start + sentence.text.length && isSubject(r.m, passage.text))
          // `梅河口市位于…，全市幅员…`: a self-reference means the place the sentence just named.
          .map((r, k, all) => (r.m.self ? { ...r, zone: all.slice(0, k).reverse().find((o) => !o.m.self && means(r.m, o.zone))?.zone ?? r.zone } : r))
          .filter((r) => r.zone);
        const yearsAt = [...sentence.text.matchAll(YEAR)];
        const years = yearsAt.map((m) => m[1]!);
        let lastOwner: string | null = null;
        let zoneBeforeLast: string | null | undefined;
        for (const figure of sentence.figures) {
          const figureAt = sentence.start + figure.span[0];
          const before = inSentence.filter((r) => r.m.start < figureAt).at(-1);
          // A place named only after the figure (`…4700亿元，占河南全省…`) owns it unless an
          // earlier sentence of the passage named the owner.
          const after = carried ? undefined : inSentence[0]?.zone;
          const backToSubject = lastZone !== null && subject !== null && yieldsTo(lastZone, subject);
          const zone = before?.zone ?? after ?? (backToSubject ? subject : lastZone);
          const zoneBy: Provenance | null = zone === null ? null : before || after ? 'stated' : carried && !backToSubject ? 'inferred' : subjectBy;
          // A company's figure; the next figures of its sentence stay its own (`去年公司产值…60亿元,营业总收入…70亿元`).
          const owner: string | null = companyOwning(passage.text, sentence.start, figure.span[0], file.mentions[i]!) ?? (before?.zone === zoneBeforeLast ? lastOwner : null);
          [lastOwner, zoneBeforeLast] = [owner, before?.zone];
          // `2023年,火炬开发区全年…`: the sentence's own year before the figure is the one it talks about.
          const talkingAbout = yearsAt.filter((m) => m.index + m[0].length <= figure.span[0]).at(-1)?.[1] ?? lastYear;
          const stated = figure.year !== null && figure.year in RELATIVE ? resolveRelative(figure.year, { articleYear, sectionYear, lastYear: talkingAbout }) : withYear(figure.year, { articleYear, sectionYear, lastYear });
          const inSentenceYear = stated ?? periodIn(sentence.text) ?? years[0] ?? null;
          const fallbackYear = sectionYear === null ? null : String(sectionYear);
          const year = inSentenceYear ?? lastYear ?? fallbackYear;
          const yearBy: Provenance | null = year === null ? null : inSentenceYear ? 'stated' : lastYear || headingYear !== null ? 'inferred' : 'article';
          figures.push({
            id: `${passage.id}/${++figureNumber}`,
            value: figure.value,
            unit: figure.unit,
            amount: figure.amount,
            baseUnit: figure.baseUnit,
            label: figure.label,
            zone,
            zoneBy,
            ...(owner ? { owner } : {}),
            // Evidence, nearest first: the sentence, the passage, the section heading, the article's date.
            year,
            yearBy,
            qualifiers: figure.qualifiers,
            role: figure.role,
            sentence: sentence.text,
            span: figure.span,
            citation,
          });
        }
        const lastInSentence = inSentence.at(-1)?.zone;
        if (lastInSentence) [lastZone, carried] = carriesOn(lastInSentence, subject) ? [lastInSentence, true] : [subject, false];
        const relative = [...sentence.text.matchAll(RELATIVE_WORD)].at(-1)?.[0];
        lastYear = years.at(-1) ?? (relative ? resolveRelative(relative, { articleYear, sectionYear, lastYear }) : null) ?? lastYear;
      }
    }
  }
}

/**
 * What a document is about: the innermost place or zone its title names (`梅河口市国民经济…`
 * › 梅河口市, not 吉林省), else its lead, else the one it names most (`贵州省` in its work
 * report, whose title is just `政府工作报告`), preferring a zone to the city it lies in.
 */
function subjectOf(file: FileParse, registry: ZoneRegistry, entryOf: Map<string, ZoneEntry>, dominant: Map<string, string>): string | null {
  const first = file.passages[0];
  const entries = (mentions: ZoneMention[]) => mentions.map((m) => entryOf.get(canonical(m, registry, dominant) ?? '')).filter((e): e is ZoneEntry => e !== undefined);
  const innermost = (named: ZoneEntry[]) => named.find((e) => !named.some((o) => o.within.includes(e.name)));
  const lead = (file.mentions[0] ?? []).filter((m) => m.start < LEAD_CHARS && isSubject(m, first!.text));
  return (
    innermost(entries(file.titleMentions))?.name ??
    innermost(entries(lead))?.name ??
    mostSpecific(file.mentions.flat().map((m) => canonical(m, registry, dominant)).filter((z): z is string => z !== null), entryOf)
  );
}
// A dateline or lead names its subject first (`本网讯 凯里经济开发区…`); further in, the first
// place named is as often a neighbour (`突出长春现代都市圈…辐射带动包括梅河口…`).
const LEAD_CHARS = 20;

// What `全省`, `全市`, `全县`, `全州` can mean: a place whose official name ends so (a
// municipality `北京市` and a county-level city `梅河口市` both say 全市).
const SELF_MEANS: Record<string, RegExp> = { 省: /(?:省|自治区)$/, 市: /市$/, 县: /(?:县|旗)$/, 州: /(?:州|盟|地区)$/ };

/** Whether a self-reference (`全市`) can mean the entry. */
function selfMeans(m: ZoneMention, entry: ZoneEntry | undefined): boolean {
  return !!entry && isPlaceKind(entry.kind) && (SELF_MEANS[m.surface.at(-1)!]?.test(entry.name) ?? false);
}

// `与长春市联合…`, `距长春…`: a partner or a landmark, not what the sentence is about;
// `占全省比重`, `占四川省进出口总值的48%`: the whole a share is of, not its owner.
const PARTNER_BEFORE = /(?:[与和同跟向距离至到及、对占]|位于|地处|坐落于|来自)$/;
// `打造贵阳“青云市集”等夜间消费聚集区55个`: an example of what is counted, not its owner.
const EXAMPLE_AFTER = /^[^，。；,;]{0,12}?等(?![级奖次])/;
// `在山东省159个开发区考核中列第4位`, `位列吉林省第2`, `获得山东省…科学技术奖`: a place that
// ranks or awards the subject is the scope of the figure, not its owner.
const SCOPE_AFTER = /^[^，。；,;]{0,14}?(?:第[\d一二三四五六七八九十]|排名|排位|位列|位居|前[\d一二三四五六七八九十]|考核|评比|榜单|奖)/;
// `潍坊中央创新区`, `贵州大数据中心`: a short place name opening the name of something else.
const NAMED_AFTER = /^[\u4e00-\u9fff]{1,5}?(?:区|园|城|中心|基地|院|馆)/;
// `长春市政府认定…`, `吉林省委`, `梅河口市中心医院`: an organisation named after the place.
const ORGANISATION_AFTER = /^(?:委(?!员)|政府|人民政府|市委|省委|县委|区委|党委|党工委|管委会|委员会|[^\s，。；]{0,4}?(?:局|厅|办公室|公司|集团|银行|医院|大学|学院|研究院|研究所))/;

/** Whether a mention names what its sentence is about, rather than a partner or an organisation. */
function isSubject(m: ZoneMention, text: string): boolean {
  const after = text.slice(m.end, m.end + 20);
  return (
    // `苏州市级总部`, `省级开发区`: a level, not a place that owns anything.
    !(isPlaceKind(m.kind) && text[m.end] === '级') &&
    !PARTNER_BEFORE.test(text.slice(Math.max(0, m.start - 3), m.start)) &&
    !ORGANISATION_AFTER.test(after) &&
    !(isPlaceKind(m.kind) && SCOPE_AFTER.test(after)) &&
    !EXAMPLE_AFTER.test(after) &&
    !(isPlaceKind(m.kind) && m.surface !== m.name && NAMED_AFTER.test(after))
  );
}

/** Lines for text files; paragraphs for DOCX (one per line); pages too where the format has them. */
function citationFor(seed: SeedFile, passage: Passage, date: string | undefined): Citation {
  const citation: Citation = { doc: passage.doc, passage: passage.id, lines: passage.lines };
  if (passage.articleTitle) citation.title = passage.articleTitle;
  if (date) citation.date = date;
  if (seed.format === 'docx') citation.unit = 'paragraph';
  const pages = seed.pageOfLine;
  if (pages) citation.pages = [pages[passage.lines[0] - 1] ?? 1, pages[passage.lines[1] - 1] ?? 1];
  return citation;
}

/** The canonical zone a mention refers to; a bare `经开区` means the article's zone of that kind. */
function canonical(m: ZoneMention, registry: ZoneRegistry, dominant: Map<string, string>): string | null {
  if (m.self) return null;
  if (m.place === '') return dominant.get(m.kind) ?? null;
  return registry.byName.get(m.name) ?? null;
}

function dominantByKind(mentions: ZoneMention[], registry: ZoneRegistry): Map<string, string> {
  const byKind = new Map<string, string[]>();
  for (const m of mentions) {
    const name = m.place === '' || m.self ? undefined : registry.byName.get(m.name);
    if (name) (byKind.get(m.kind) ?? byKind.set(m.kind, []).get(m.kind)!).push(name);
  }
  const out = new Map<string, string>();
  for (const [kind, names] of byKind) out.set(kind, mostFrequent(names)!);
  return out;
}

function periodIn(text: string): string | null {
  return text.match(PERIOD)?.[0] ?? null;
}

/**
 * The most named entry, or an entry inside it named at least half as often: an article about
 * 潍坊高新区 names 潍坊市 too, and the zone is what it is about.
 */
function mostSpecific(names: string[], entryOf: Map<string, ZoneEntry>): string | null {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
  const top = mostFrequent(names);
  if (!top) return null;
  const inner = [...counts]
    .filter(([n, c]) => entryOf.get(n)?.within.includes(top) && c * 2 >= counts.get(top)!)
    .sort((a, b) => b[1] - a[1])[0];
  return inner?.[0] ?? top;
}

function mostFrequent(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
