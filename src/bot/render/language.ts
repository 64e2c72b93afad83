import type { ReplyView } from '../types.js';

/** The language of the bot's own words in a reply; document text stays as printed. */
export type ReplyLanguage = 'zh' | 'en' | 'both';

/**
 * The language for one reply: the configured one, or with `auto` the asker's Discord locale
 * (`zh-CN`, `zh-TW` → Chinese; any other → English; none known → both).
 *
 * @example
 * languageFor('auto', 'zh-CN'); // 'zh'
 * languageFor('both', 'en-US'); // 'both'
 */
export function languageFor(setting: ReplyLanguage | 'auto', locale?: string | null): ReplyLanguage {
  if (setting !== 'auto') return setting;
  if (!locale) return 'both';
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

// The bot writes its own words as `中文 / English` (`数字 / Figures`, `没有找到匹配的数字。/ No
// matching figure.`): a Chinese part ending in a Han character or Chinese punctuation, a
// slash, an English part starting with a letter and running to the end of its segment
// (a line, ` · `, a colon, a bracket).
const PAIR = /([^\n·:：（(【]*?[\p{Script=Han}。？！）”]) ?\/ ?([A-Za-z][^\n·:：（(【/]*)/gu;
const HAN = /[\p{Script=Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”]/gu;

/**
 * One string in one language: `数字 / Figures` is `数字` in Chinese and `Figures` in English;
 * text without such pairs is left alone.
 *
 * @example
 * localize('数字 / Figures · 招商引资', 'zh'); // '数字 · 招商引资'
 * localize('没有找到匹配的数字。/ No matching figure.', 'en'); // 'No matching figure.'
 */
export function localize(text: string, language: ReplyLanguage): string {
  if (language === 'both') return text;
  return text.replace(PAIR, (_all, zh: string, en: string) => {
    const trailing = /\s*$/.exec(en)![0];
    if (language === 'zh') return zh + trailing;
    // Keep what the Chinese part says that is not Chinese (`4 段 / passages` → `4 passages`).
    const leading = /^\s*/.exec(zh)![0];
    const rest = zh.replace(HAN, '').trim();
    return leading + (rest ? `${rest} ` : '') + en.trim() + trailing;
  });
}

/**
 * A reply view with the bot's own words in one language: titles, descriptions, fields,
 * footers, buttons and content.
 *
 * @example
 * inLanguage(renderHelp(), 'zh').embeds[0].title; // '使用帮助'
 */
export function inLanguage(view: ReplyView, language: ReplyLanguage): ReplyView {
  if (language === 'both') return view;
  const t = (s: string | undefined) => (s === undefined ? undefined : localize(s, language));
  return {
    ...view,
    ...(view.content !== undefined ? { content: t(view.content) } : {}),
    embeds: view.embeds.map((e) => ({
      ...e,
      ...(e.title !== undefined ? { title: t(e.title) } : {}),
      ...(e.description !== undefined ? { description: t(e.description) } : {}),
      ...(e.footer ? { footer: { ...e.footer, text: t(e.footer.text)! } } : {}),
      ...(e.fields ? { fields: e.fields.map((f) => ({ ...f, name: t(f.name)!, value: t(f.value)! })) } : {}),
    })),
    buttons: view.buttons.map((row) => row.map((b) => ({ ...b, label: t(b.label)! }))),
  };
}
