import type { APIEmbed } from 'discord.js';
import type { ButtonView, ReplyView } from '../types.js';

/** How the console shows a highlight: ANSI on a terminal, brackets in a pipe or a file. */
export interface PlainStyle {
  highlight(text: string): string;
  dim(text: string): string;
}

export const BRACKETS: PlainStyle = { highlight: (t) => `【${t}】`, dim: (t) => t };
export const ANSI: PlainStyle = { highlight: (t) => `\x1b[1;33m${t}\x1b[0m`, dim: (t) => `\x1b[2m${t}\x1b[0m` };

/**
 * Discord markdown as the renderers write it, back to plain text: escapes removed, `**x**`
 * (only ever a highlight) styled, inline code and code fences unwrapped, code kept verbatim.
 *
 * @example
 * markdownToPlain('预计**招商引资**\\*', BRACKETS); // '预计【招商引资】*'
 */
export function markdownToPlain(md: string, style: PlainStyle): string {
  let out = '';
  let bold: string | null = null;
  const emit = (s: string) => {
    if (bold === null) out += s;
    else bold += s;
  };
  for (let i = 0; i < md.length; i++) {
    if (md.startsWith('```', i)) {
      const close = md.indexOf('```', i + 3);
      const end = close < 0 ? md.length : close;
      emit(md.slice(i + 3, end).replace(/^\n/, '').replace(/\n$/, ''));
      i = end + 2;
    } else if (md[i] === '\\' && i + 1 < md.length) {
      emit(md[i + 1]!);
      i += 1;
    } else if (md.startsWith('**', i)) {
      if (bold === null) bold = '';
      else {
        out += style.highlight(bold);
        bold = null;
      }
      i += 1;
    } else if (md[i] === '`') {
      // Inline code from the help text: show the command without the backticks.
    } else emit(md[i]!);
  }
  return out + (bold ?? '');
}

function embedToPlain(e: APIEmbed, style: PlainStyle): string {
  const parts: string[] = [];
  if (e.title) parts.push(`== ${markdownToPlain(e.title, style)} ==`);
  if (e.description) parts.push(markdownToPlain(e.description, style));
  for (const f of e.fields ?? []) parts.push(`— ${markdownToPlain(f.name, style)}\n${markdownToPlain(f.value, style)}`);
  if (e.footer) parts.push(style.dim(e.footer.text));
  return parts.join('\n\n');
}

/**
 * A whole reply as console text: each embed, then the enabled buttons as hints such as
 * `[下一页 ▶: /next]`, spelled by `hint`; a button with no hint has no console equivalent and
 * is left out.
 *
 * @example
 * viewToPlain(renderHelp(), BRACKETS, () => ''); // '== 使用帮助 / Help ==\n…'
 */
export function viewToPlain(view: ReplyView, style: PlainStyle, hint: (button: ButtonView) => string): string {
  const parts = view.content ? [markdownToPlain(view.content, style)] : [];
  // An embed that only shows a picture (a chart) has no text; the console names the file instead.
  parts.push(...view.embeds.filter((e) => e.title || e.description || e.fields?.length).map((e) => embedToPlain(e, style)));
  const hints = view.buttons
    .flat()
    .filter((b) => !b.disabled && hint(b) !== '')
    .map((b) => `[${b.label}: ${hint(b)}]`);
  if (hints.length) parts.push(hints.join('  '));
  return parts.join('\n\n');
}
