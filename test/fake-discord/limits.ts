/**
 * Discord's message limits as a checker, independent of the bot's own constants, so a test
 * catches a renderer and its limits table being wrong together. Lengths in UTF-16 units.
 */
import type { APIEmbed } from 'discord.js';

interface ButtonJson {
  type: number;
  custom_id?: string;
  label?: string;
}
interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: { components?: ButtonJson[] }[];
}

/** A lone surrogate means a cut split a character; Discord would show garbage or reject it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Every way a message body breaks Discord's limits, as readable strings (empty when fine).
 *
 * @example
 * limitViolations({ embeds: [{ title: 'x'.repeat(300) }] }); // ['embed 0 title 300 > 256']
 */
export function limitViolations(body: MessageBody): string[] {
  const problems: string[] = [];
  const check = (what: string, text: string | undefined, max: number) => {
    if (text === undefined) return;
    if (text.length > max) problems.push(`${what} ${text.length} > ${max}`);
    if (LONE_SURROGATE.test(text)) problems.push(`${what} has a split surrogate pair`);
  };
  const embeds = body.embeds ?? [];
  if (embeds.length > 10) problems.push(`${embeds.length} embeds > 10`);
  check('content', body.content, 2000);
  let total = 0;
  embeds.forEach((e, i) => {
    check(`embed ${i} title`, e.title, 256);
    check(`embed ${i} description`, e.description, 4096);
    check(`embed ${i} footer`, e.footer?.text, 2048);
    const fields = e.fields ?? [];
    if (fields.length > 25) problems.push(`embed ${i} has ${fields.length} fields > 25`);
    fields.forEach((f, j) => {
      check(`embed ${i} field ${j} name`, f.name, 256);
      check(`embed ${i} field ${j} value`, f.value, 1024);
      if (!f.name || !f.value) problems.push(`embed ${i} field ${j} is empty`);
    });
    if (!e.title && !e.description && fields.length === 0) problems.push(`embed ${i} is empty`);
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  });
  if (total > 6000) problems.push(`embeds total ${total} > 6000`);
  const rows = body.components ?? [];
  if (rows.length > 5) problems.push(`${rows.length} rows > 5`);
  const ids = new Set<string>();
  rows.forEach((row, r) => {
    const buttons = row.components ?? [];
    if (buttons.length > 5) problems.push(`row ${r} has ${buttons.length} buttons > 5`);
    for (const b of buttons) {
      check(`button ${b.label} custom_id`, b.custom_id, 100);
      check(`button label`, b.label, 80);
      if (b.custom_id && ids.has(b.custom_id)) problems.push(`duplicate custom_id ${b.custom_id}`);
      if (b.custom_id) ids.add(b.custom_id);
    }
  });
  return problems;
}

/**
 * Every way autocomplete choices break Discord's limits.
 *
 * @example
 * choiceViolations([{ name: '', value: 'x' }]); // ['choice 0 name length 0']
 */
export function choiceViolations(choices: { name: string; value: string }[]): string[] {
  const problems: string[] = [];
  if (choices.length > 25) problems.push(`${choices.length} choices > 25`);
  choices.forEach((c, i) => {
    if (c.name.length < 1 || c.name.length > 100) problems.push(`choice ${i} name length ${c.name.length}`);
    if (c.value.length < 1 || c.value.length > 100) problems.push(`choice ${i} value length ${c.value.length}`);
    if (LONE_SURROGATE.test(c.name)) problems.push(`choice ${i} name has a split surrogate pair`);
  });
  return problems;
}
