import type { ReplyLanguage } from '../bot/render/language.js';
import type { ReplyView } from '../bot/types.js';

/**
 * The refusal for a user over their rate limit, in the reply language. Written out per language
 * rather than as one `中文 / English` pair because the number stands in both halves, and
 * `localize` would carry the Chinese half's number into the English one.
 *
 * @example
 * renderSlowDown(4, 'both').content; // '稍等一下：你的提问太频繁了，请 4 秒后再试。/ Slow down: try again in 4 s.'
 * renderSlowDown(4, 'en').content; // 'Slow down: try again in 4 s.'
 */
export function renderSlowDown(seconds: number, language: ReplyLanguage): ReplyView {
  const zh = `稍等一下：你的提问太频繁了，请 ${seconds} 秒后再试。`;
  const en = `Slow down: try again in ${seconds} s.`;
  return { content: language === 'zh' ? zh : language === 'en' ? en : `${zh}/ ${en}`, embeds: [], buttons: [], ephemeral: true };
}

/**
 * The refusal when the bot has more work waiting than it will queue.
 *
 * @example
 * renderBusy().content; // '忙不过来了，请稍后再试。/ Busy, please try again shortly.'
 */
export function renderBusy(): ReplyView {
  return { content: '忙不过来了，请稍后再试。/ Busy, please try again shortly.', embeds: [], buttons: [], ephemeral: true };
}
