import type { Answer } from '../search/types.js';

/** What usage memory keeps of an answer: how many results, the best citation, and whether the documents left it unanswered. */
export interface AnswerOutcome {
  results: number;
  top: string | null;
  unanswered: boolean;
}

/**
 * How an answer counts in usage memory, decided once for every transport (the bot's
 * renderers, the console, `cli --record`). Unanswered: nothing found, an /ask whose evidence
 * did not clear the engine's threshold, figures that are only the nearest of another zone or
 * year, a comparison where no zone has the figure. Null for what is not a question (stats,
 * source, reindex).
 *
 * @example
 * answerOutcome(engine.ask('上海张江的营业收入是多少？')); // { results: 10, top: '…#3', unanswered: true }
 */
export function answerOutcome(answer: Answer): AnswerOutcome | null {
  switch (answer.command) {
    case 'ask':
      return { results: answer.results.length, top: answer.answer?.citation.passage ?? answer.results[0]?.citation.passage ?? null, unanswered: answer.weak };
    case 'figure':
      return { results: answer.results.length, top: answer.results[0]?.citation.passage ?? null, unanswered: answer.results.length === 0 || !answer.exact };
    case 'zone':
      return { results: answer.zone ? 1 : 0, top: null, unanswered: answer.zone === null };
    case 'compare': {
      const found = answer.rows.flatMap((r) => (r.figure ? [r.figure] : []));
      return { results: found.length, top: found[0]?.citation.passage ?? null, unanswered: found.length === 0 };
    }
    default:
      return null;
  }
}
