import type { APIEmbed, APIEmbedField } from 'discord.js';
import { LIMITS } from './limits.js';
import { truncate, truncateLines } from './text.js';

/** Discord rejects empty field names and values; a zero-width space is its own workaround. */
const BLANK = '\u200b';

const fieldLength = (f: APIEmbedField) => f.name.length + f.value.length;

/**
 * Characters of an embed that count towards the 6000 total.
 *
 * @example
 * embedLength({ title: 'ab', description: 'cde' }); // 5
 */
export function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((n, f) => n + fieldLength(f), 0)
  );
}

function clampEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (e.title !== undefined) out.title = truncate(e.title, LIMITS.title);
  if (e.description !== undefined) out.description = truncateLines(e.description, LIMITS.description);
  if (e.footer) out.footer = { ...e.footer, text: truncate(e.footer.text, LIMITS.footer) };
  if (e.author) out.author = { ...e.author, name: truncate(e.author.name, LIMITS.authorName) };
  if (e.fields) {
    out.fields = e.fields.slice(0, LIMITS.fields).map((f) => ({
      ...f,
      name: truncate(f.name, LIMITS.fieldName) || BLANK,
      value: truncateLines(f.value, LIMITS.fieldValue) || BLANK,
    }));
  }
  return out;
}

const hasBody = (e: APIEmbed) => Boolean(e.title || e.description || e.fields?.length || e.image);

/**
 * The safety net under every renderer: clamps each part of each embed to its limit, then
 * trims from the end (last fields first, then descriptions at a line break) until the
 * message fits 6000 characters and 10 embeds. Renderers budget their text themselves so this
 * normally changes nothing; it exists so no renderer bug can make Discord reject a reply.
 *
 * @example
 * fitEmbeds([{ description: 'x'.repeat(5000) }])[0].description.length; // 4096
 */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const out = embeds.slice(0, LIMITS.embeds).map(clampEmbed);
  let over = out.reduce((n, e) => n + embedLength(e), 0) - LIMITS.embedTotal;
  for (let i = out.length - 1; i >= 0 && over > 0; i--) {
    const e = out[i]!;
    while (over > 0 && e.fields?.length) over -= fieldLength(e.fields.pop()!);
    if (over > 0 && e.description) {
      const keep = Math.max(0, e.description.length - over);
      const cut = keep > 1 ? truncateLines(e.description, keep) : '';
      over -= e.description.length - cut.length;
      e.description = cut || undefined;
    }
    if (over > 0 && i > 0) {
      over -= embedLength(e);
      out.pop();
    }
  }
  return out.filter((e, i) => i === 0 || hasBody(e)).map((e) => (hasBody(e) ? e : { ...e, description: '…' }));
}
