import { z } from 'zod';
import type { QueryService } from '../search/service.js';
import { sameFigure } from './score.js';

/**
 * The answers set (`test/fixtures/gold-answers.json`): questions with a direct answer (a value
 * and unit, or words the answer span must contain) and questions the documents do not answer.
 */
const set = z.enum(['seeds', 'unseen', 'unseen2', 'unseen3']);
export const answersSchema = z.object({
  version: z.number(),
  answerable: z.array(
    z.object({
      id: z.string(),
      set,
      query: z.string(),
      kind: z.enum(['figure', 'span']),
      expect: z.object({ value: z.number().optional(), unit: z.string().optional(), contains: z.array(z.string()).optional(), doc: z.string() }),
      evidence: z.string().optional(),
    }),
  ),
  unanswerable: z.array(z.object({ id: z.string(), set, query: z.string(), why: z.string().optional() })),
});
export type AnswersSet = z.infer<typeof answersSchema>;

export interface AnswersReport {
  answerable: number;
  /** Answered right: same value and unit, or a span holding every gold word, from the gold document. */
  correct: number;
  /** Answered at all (right or wrong). */
  answered: number;
  unanswerable: number;
  /** Unanswerable questions that got no answer line. */
  abstained: number;
  misses: { id: string; query: string; detail: string }[];
}

/**
 * Scores /ask's answer line: accuracy on the answerable questions, abstention on the others.
 *
 * @example
 * const r = evaluateAnswers({ seeds, unseen }, set); // { answerable: 46, correct: 40, … }
 */
export function evaluateAnswers(engines: Partial<Record<AnswersSet['answerable'][number]['set'], QueryService>>, gold: AnswersSet): AnswersReport {
  const report: AnswersReport = { answerable: 0, correct: 0, answered: 0, unanswerable: 0, abstained: 0, misses: [] };
  for (const q of gold.answerable) {
    const a = engineFor(engines, q.set).ask(q.query).answer;
    report.answerable++;
    if (a) report.answered++;
    const right =
      a !== null &&
      a.citation.doc === q.expect.doc &&
      (q.expect.value !== undefined && q.expect.unit !== undefined
        ? a.value !== undefined && a.unit !== undefined && sameFigure({ value: a.value, unit: a.unit }, { value: q.expect.value, unit: q.expect.unit })
        : (q.expect.contains ?? []).every((w) => a.text.includes(w) || a.sentence.includes(w)));
    if (right) report.correct++;
    else report.misses.push({ id: q.id, query: q.query, detail: a ? `answered ${a.text} (${a.kind}, ${a.confidence}) from ${a.citation.doc}` : 'no answer' });
  }
  for (const q of gold.unanswerable) {
    const a = engineFor(engines, q.set).ask(q.query).answer;
    report.unanswerable++;
    if (a === null) report.abstained++;
    else report.misses.push({ id: q.id, query: q.query, detail: `should abstain; answered ${a.text} (${a.confidence})` });
  }
  return report;
}

function engineFor(engines: Partial<Record<string, QueryService>>, set: string): QueryService {
  const engine = engines[set];
  if (!engine) throw new Error(`eval: no engine for the "${set}" documents`);
  return engine;
}
