import type { VoteOutcome } from '../../usage/index.js';
import type { ButtonView, ModalView, ReplyView } from '../types.js';
import { COLORS } from './limits.js';

/** The form field holding a 👎 comment. */
export const COMMENT_FIELD = 'comment';

/**
 * An answer with 👍 有用 / 👎 不对 under it, tied to its usage record.
 *
 * @example
 * withFeedback(renderAsk(answer, at), 17).buttons.at(-1)!.map((b) => b.label); // ['👍 有用', '👎 不对']
 */
export function withFeedback(view: ReplyView, answerId: number): ReplyView {
  const row: ButtonView[] = [
    { label: '👍 有用', action: { kind: 'vote', answer: answerId, vote: 'up' }, style: 'secondary' },
    { label: '👎 不对', action: { kind: 'vote', answer: answerId, vote: 'down' }, style: 'secondary' },
  ];
  // Discord allows five rows; the last one is the vote row, replacing nothing a reader needs more.
  return { ...view, buttons: [...view.buttons.slice(0, 4), row] };
}

const SAID: Record<VoteOutcome, (vote: string) => string> = {
  new: (v) => `已记录 ${v}，谢谢！/ Thanks, recorded ${v}.`,
  changed: (v) => `已改为 ${v}。/ Changed your vote to ${v}.`,
  unchanged: (v) => `你已经投过 ${v}。/ You already voted ${v}.`,
};

/**
 * What the voter alone sees after pressing 👍 (a 👎 opens the comment form instead).
 *
 * @example
 * renderVote('new', 'up').embeds[0].description; // '已记录 👍，谢谢！/ Thanks, recorded 👍.'
 */
export function renderVote(outcome: VoteOutcome | null, vote: 'up' | 'down'): ReplyView {
  const mark = vote === 'up' ? '👍' : '👎';
  const description = outcome ? SAID[outcome](mark) : '这条回答的反馈无法记录（使用记录已关闭或已过期）。/ Feedback on this answer cannot be recorded (usage memory is off or the answer expired).';
  return { embeds: [{ description, color: outcome ? COLORS.stats : COLORS.notice }], buttons: [], ephemeral: true };
}

/**
 * The form a 👎 opens: what was wrong, optional.
 *
 * @example
 * commentModal(17).fields[0].required; // false
 */
export function commentModal(answerId: number): ModalView {
  return {
    title: '👎 哪里不对？/ What is wrong?',
    action: { kind: 'vote', answer: answerId, vote: 'down' },
    fields: [{ id: COMMENT_FIELD, label: '说明（可选）/ Comment (optional)', placeholder: '例：正确答案是… / e.g. the right answer is…', style: 'paragraph', required: false, maxLength: 1000 }],
  };
}

/**
 * After the 👎 form: thanks, and whether the comment was kept.
 *
 * @example
 * renderComment(true).ephemeral; // true
 */
export function renderComment(kept: boolean): ReplyView {
  const description = kept ? '已记录 👎 和你的说明，谢谢！/ Thanks, your 👎 and comment are recorded.' : '已记录 👎，谢谢！/ Thanks, your 👎 is recorded.';
  return { embeds: [{ description, color: COLORS.stats }], buttons: [], ephemeral: true };
}
