import type { ButtonView, ModalView } from '../types.js';

/** The form field holding the follow-up question. */
export const FOLLOW_UP_FIELD = 'question';

/**
 * The 追问 button under an /ask answer. It carries the question as answered in full, so a
 * follow-up of a follow-up keeps the whole context, and it keeps working after a restart.
 *
 * @example
 * followUpButton('梅河口离长春有多远？'); // { label: '追问 / Follow up', action: { kind: 'followup', … } }
 */
export function followUpButton(query: string): ButtonView {
  return { label: '追问 / Follow up', action: { kind: 'followup', query }, style: 'secondary' };
}

/**
 * The form the 追问 button opens.
 *
 * @example
 * followUpModal('梅河口离长春有多远？').fields[0].placeholder; // '例：那珠海呢？'
 */
export function followUpModal(query: string): ModalView {
  return {
    title: '追问 / Follow-up question',
    action: { kind: 'followup', query },
    fields: [
      {
        id: FOLLOW_UP_FIELD,
        label: `接着问：${query}`.slice(0, 45),
        placeholder: '例：那2021年呢？ / 招商引资呢？ / 它离长春多远？',
        style: 'short',
        required: true,
        maxLength: 300,
      },
    ],
  };
}
