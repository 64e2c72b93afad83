import type { Answer } from '../../search/types.js';
import { answerOutcome } from '../../usage/index.js';

/**
 * `ReplyView.usage`'s citation and unanswered flag for an answer, as usage memory decides them.
 *
 * @example
 * ({ ...outcome(answer), votable: true }); // { top: '004_….txt#5', unanswered: false, votable: true }
 */
export function outcome(answer: Answer): { top: string | null; unanswered: boolean } {
  const o = answerOutcome(answer);
  return { top: o?.top ?? null, unanswered: o?.unanswered ?? false };
}
