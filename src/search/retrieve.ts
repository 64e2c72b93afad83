import type MiniSearch from 'minisearch';
import type { SearchOptions } from 'minisearch';
import { tokenize, type WordSet } from '../nlp/tokenizer.js';
import { fieldText } from './indexes.js';

/**
 * Ranked retrieval over one MiniSearch index that stays fast as the corpus grows.
 *
 * MiniSearch answers an OR query by walking every posting of every term and allocating a
 * result per matching document. Walking is cheap (~50 ns a posting); the results are not
 * (~2 µs each, most of it garbage collection later). A question's common words (`项目`, `产业`)
 * match most of a large corpus: at 100× the seeds a single term returned 11,000 results and
 * took 28 ms. So a query that could match more documents than a budget runs in two stages:
 *
 * 1. Candidates: the rarest terms, up to a second budget of postings (at least one term), are
 *    walked through MiniSearch's public `boostDocument` hook, which returns 0 so nothing is
 *    allocated; each document found gets a BM25 estimate (term frequency taken as 1, length
 *    in characters). The best few hundred are kept.
 * 2. Exact scores: one MiniSearch OR query over all the terms, with `boostDocument` letting
 *    through only the candidates. Their scores are MiniSearch's own, as in a plain query.
 *
 * Below the budget — always on a corpus the size of the seeds or ten times it — a query is one plain
 * MiniSearch OR query. Lucene's common-terms query and WAND-style top-k retrieval rest on the
 * same observation: documents holding none of the rare terms rarely make the top of a list.
 */

/** When a query runs in two stages, and how many documents get exact scores. */
export interface RetrieverLimits {
  /** Results (matching documents, at most) a query may have as one plain MiniSearch query. */
  plainBudget: number;
  /** Postings the candidate-finding terms may walk (the rarest term always walks). */
  retrieveBudget: number;
  /** Candidates given exact scores. */
  candidates: number;
}

/**
 * Measured at 100× the seeds (`npm run bench`). A corpus of up to 3,000 passages or figures (the
 * seeds have 186 and 208) never takes the two-stage path. 400 candidates are twice what `ask`
 * reranks and close to `figure`'s 500.
 */
export const DEFAULT_LIMITS: RetrieverLimits = { plainBudget: 3000, retrieveBudget: 3000, candidates: 400 };
/** Posting counts kept per index generation; beyond this the cache starts over. */
const MAX_CACHED_TERMS = 50_000;
/** MiniSearch's BM25 parameters (its defaults, which the indexes use). */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/** A hit: MiniSearch's score (BM25 sum × distinct query terms matched) and that term count. */
export interface Hit {
  id: string;
  score: number;
  matchedTerms: number;
}

/** A query term and how MiniSearch should expand it. */
interface QueryTerm {
  term: string;
  prefix: boolean;
  fuzzy: number | false;
}

export interface RetrieveOptions {
  /** Only documents this accepts are scored and returned (checked before MiniSearch allocates). */
  accept?: (id: string) => boolean;
}

export class Retriever<T> {
  private readonly postingCounts = new Map<string, number>();
  private readonly norms = new Map<string, Float64Array>();
  private numbered: { ids: string[]; ordinals: Map<string, number> } | null = null;
  private estimates: Float64Array | null = null;

  /**
   * @param index the MiniSearch index. Posting counts are cached, so a changed index needs a
   *   new retriever (each snapshot makes its own).
   * @param documents the indexed documents by id, for field lengths in the estimate.
   */
  constructor(
    readonly index: MiniSearch<T>,
    private readonly words: WordSet,
    private readonly documents: ReadonlyMap<string, T>,
    private readonly limits: RetrieverLimits = DEFAULT_LIMITS,
  ) {}

  /**
   * Documents matching any word of `text`, best first, with field boosts. Latin words of 4+
   * letters get light fuzziness and 3+ letters prefix matching. CJK words get no fuzziness
   * (one wrong character in a two-character word is another word); a single CJK character at
   * the end is taken as an unfinished word and matched as a prefix (`跨境电商企` → `企业`).
   *
   * @example
   * retriever.search('招商引资', { label: 3, sentence: 1 })[0]; // { id: '003_….txt#12/1', score: 41.2, matchedTerms: 3 }
   */
  search(text: string, boosts: Record<string, number>, options: RetrieveOptions = {}): Hit[] {
    const terms = queryTerms(text, this.words);
    if (terms.length === 0) return [];
    const accept = options.accept;
    const plain = () => this.run(terms, boosts, accept && ((id) => (accept(id) ? 1 : 0)));
    // A plain query allocates a result per matching document: at most all of them. A small
    // corpus is always within budget, so its queries skip counting postings altogether.
    if (this.index.documentCount <= this.limits.plainBudget) return plain();
    const fields = Object.keys(boosts);
    const cost = new Map(terms.map((t) => [t.term, this.cost(t, fields)]));
    if ([...cost.values()].reduce((a, b) => a + b, 0) <= this.limits.plainBudget) return plain();

    // Compared, not subtracted: expanded terms cost Infinity, and Infinity − Infinity is NaN.
    const rarest = [...cost.keys()].sort((a, b) => Number(cost.get(a)! > cost.get(b)!) - Number(cost.get(a)! < cost.get(b)!));
    const retrieving = new Set<string>();
    let spent = 0;
    for (const term of rarest) {
      if (retrieving.size > 0 && spent + cost.get(term)! > this.limits.retrieveBudget) break;
      retrieving.add(term);
      spent += cost.get(term)!;
    }
    const chosen = this.candidates(
      terms.filter((t) => retrieving.has(t.term)),
      boosts,
      accept,
    );
    return this.run(terms, boosts, (id) => (chosen.has(id) ? 1 : 0));
  }

  /** One MiniSearch OR query over exactly these terms; `gate` is 1 for documents to score, 0 to skip. */
  private run(terms: QueryTerm[], boosts: Record<string, number>, gate?: (id: string) => number): Hit[] {
    const options: SearchOptions = {
      ...this.termOptions(terms),
      combineWith: 'OR',
      fields: Object.keys(boosts),
      boost: boosts,
    };
    if (gate) options.boostDocument = gate as SearchOptions['boostDocument'];
    return this.index.search(terms.map((t) => t.term).join(' '), options).map((r) => ({ id: r.id as string, score: r.score, matchedTerms: r.queryTerms.length }));
  }

  /**
   * The documents holding any of `terms` with the best BM25 estimates, walking the postings
   * field by field without letting MiniSearch allocate results (`boostDocument` returns 0).
   * Documents are numbered so the walk does one map lookup a posting; the estimates live in a
   * buffer kept for the next query (cleared where this one wrote), so a query allocates little.
   */
  private candidates(terms: QueryTerm[], boosts: Record<string, number>, accept?: (id: string) => boolean): Set<string> {
    const { ids, ordinals } = this.numbering();
    const estimates = (this.estimates ??= new Float64Array(ids.length));
    const found: number[] = [];
    const documentCount = this.index.documentCount;
    for (const [field, boost] of Object.entries(boosts)) {
      const norms = this.lengthNorms(field);
      for (const t of terms) {
        const n = Math.min(documentCount, this.postings(t.term, field) || 1);
        const idf = Math.log(1 + (documentCount - n + 0.5) / (n + 0.5));
        this.index.search(t.term, {
          ...this.termOptions([t]),
          fields: [field],
          boostDocument: (id) => {
            const i = ordinals.get(id as string)!;
            if (estimates[i] === 0) {
              if (accept && !accept(id as string)) return 0;
              found.push(i);
            }
            estimates[i]! += boost * idf * (BM25.d + (BM25.k + 1) / (1 + BM25.k * norms[i]!));
            return 0;
          },
        });
      }
    }
    const best = found.length > this.limits.candidates ? [...found].sort((a, b) => estimates[b]! - estimates[a]!).slice(0, this.limits.candidates) : found;
    const chosen = new Set(best.map((i) => ids[i]!));
    for (const i of found) estimates[i] = 0;
    return chosen;
  }

  /** Search options that make MiniSearch take `terms` as given, with their expansions. */
  private termOptions(terms: QueryTerm[]): SearchOptions {
    return {
      tokenize: () => terms.map((t) => t.term),
      processTerm: (term) => term,
      prefix: (_term, i) => terms[i]!.prefix,
      fuzzy: (_term, i) => terms[i]!.fuzzy,
    };
  }

  /** Postings a term walks in these fields; expanded terms (prefix, fuzzy) count as unbounded. */
  private cost(term: QueryTerm, fields: string[]): number {
    if (term.prefix || term.fuzzy) return Number.POSITIVE_INFINITY;
    return fields.reduce((total, field) => total + this.postings(term.term, field), 0);
  }

  /** How many documents hold `term` in `field` (counted by walking once, then cached). */
  private postings(term: string, field: string): number {
    const key = `${field}\u0000${term}`;
    let count = this.postingCounts.get(key);
    if (count === undefined) {
      let walked = 0;
      this.index.search(term, {
        ...this.termOptions([{ term, prefix: false, fuzzy: false }]),
        fields: [field],
        boostDocument: () => {
          walked++;
          return 0;
        },
      });
      if (this.postingCounts.size >= MAX_CACHED_TERMS) this.postingCounts.clear();
      this.postingCounts.set(key, (count = walked));
    }
    return count;
  }

  /** The documents in a fixed order: ids by number and numbers by id. */
  private numbering(): { ids: string[]; ordinals: Map<string, number> } {
    if (!this.numbered) {
      const ids = [...this.documents.keys()];
      this.numbered = { ids, ordinals: new Map(ids.map((id, i) => [id, i])) };
    }
    return this.numbered;
  }

  /**
   * BM25's length normalisation of each document's field, `1 − b + b·length/average`, by
   * document number, with lengths in characters (MiniSearch keeps its token counts to itself).
   * Computed once per field.
   */
  private lengthNorms(field: string): Float64Array {
    let norms = this.norms.get(field);
    if (!norms) {
      const lengths = Array.from(this.documents.values(), (document) => fieldText(document, field).length);
      const average = Math.max(1, lengths.reduce((a, b) => a + b, 0) / Math.max(1, lengths.length));
      norms = Float64Array.from(lengths, (length) => 1 - BM25.b + (BM25.b * length) / average);
      this.norms.set(field, norms);
    }
    return norms;
  }
}

/** The query's terms with MiniSearch's expansion for each (see `Retriever.search`). */
function queryTerms(text: string, words: WordSet): QueryTerm[] {
  const terms = [...new Set(tokenize(text, words))];
  return terms.map((term, i) => ({
    term,
    prefix: /^[a-z]{3,}$/.test(term) || (i === terms.length - 1 && /^\p{Script=Han}$/u.test(term)),
    fuzzy: /^[a-z]{4,}$/.test(term) ? 0.2 : false,
  }));
}
