import type { APIApplicationCommandOption } from 'discord.js';
import { UserError } from '../errors.js';
import type { CommandInput, CommandModule } from './types.js';

/** A console line: a slash command with its options, or one of the console's own words. */
export type ConsoleLine =
  | { kind: 'command'; command: CommandModule; options: Record<string, string> }
  | { kind: 'page'; direction: 'prev' | 'next' }
  /** `+那2021年呢？`: a follow-up of the last /ask answer (the 追问 button in Discord). */
  | { kind: 'followup'; text: string }
  | { kind: 'quit' };

const CONSOLE_WORDS: Record<string, ConsoleLine> = {
  next: { kind: 'page', direction: 'next' },
  prev: { kind: 'page', direction: 'prev' },
  quit: { kind: 'quit' },
  exit: { kind: 'quit' },
};

const unquote = (value: string) => value.trim().replace(/^(["“「])(.*)(["”」])$/su, '$2');

/** The names a user may type for an option: `zone` or its zh-CN name `地区`. */
function optionNames(option: APIApplicationCommandOption): string[] {
  return [option.name, ...Object.values(option.name_localizations ?? {}).filter((n): n is string => Boolean(n))];
}

/**
 * Whether a line is nothing to run: blank, or a `#` comment in a script of commands.
 *
 * @example
 * isBlank('# demo'); // true
 */
export function isBlank(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

/**
 * Reads a line typed like a Discord slash command: `/figure 招商引资 zone:梅河口 year:2020`.
 * Text before the first `name:` goes to the first required option; an option's value runs
 * to the next `name:` of the same command, so values may contain spaces. Localized names
 * work too (`/数字 招商引资 地区:梅河口`), a line without `/` is a question for /ask, and one
 * starting with `+` follows up the last answer.
 *
 * @example
 * parseConsoleLine('/figure 招商引资 zone:梅河口', COMMANDS);
 * // { kind: 'command', command: figure, options: { query: '招商引资', zone: '梅河口' } }
 */
export function parseConsoleLine(line: string, commands: readonly CommandModule[]): ConsoleLine {
  const trimmed = line.trim();
  if (/^[+＋]/.test(trimmed)) return { kind: 'followup', text: trimmed.slice(1).trim() };
  const text = trimmed.startsWith('/') ? trimmed.slice(1) : `ask ${trimmed}`;
  const space = text.search(/\s/);
  const word = (space < 0 ? text : text.slice(0, space)).toLowerCase();
  const rest = space < 0 ? '' : text.slice(space + 1);
  if (CONSOLE_WORDS[word]) return CONSOLE_WORDS[word]!;
  const command = commands.find((c) => {
    const json = c.data.toJSON();
    return json.name === word || Object.values(json.name_localizations ?? {}).includes(word);
  });
  if (!command) throw new UserError('BAD_INPUT', `bot/console: unknown command /${word}`, `未知命令 /${word}，输入 /help 查看所有命令。/ Unknown command; type /help.`);
  return { kind: 'command', command, options: parseOptions(command, rest) };
}

function parseOptions(command: CommandModule, rest: string): Record<string, string> {
  const declared = command.data.toJSON().options ?? [];
  const byName = new Map(declared.flatMap((o) => optionNames(o).map((n) => [n.toLowerCase(), o.name] as const)));
  const options: Record<string, string> = {};
  // Split at “name:” where name is one of this command's options, at the start or after a blank.
  const marker = /(^|\s)([^\s:：]+)[:：]/gu;
  let current = declared.find((o) => 'required' in o && o.required)?.name ?? null;
  let from = 0;
  const flush = (to: number) => {
    const value = unquote(rest.slice(from, to));
    if (value && current) options[current] = value;
  };
  for (const m of rest.matchAll(marker)) {
    const name = byName.get(m[2]!.toLowerCase());
    if (!name) continue;
    flush(m.index + m[1]!.length);
    current = name;
    from = m.index + m[0].length;
  }
  flush(rest.length);
  for (const o of declared) {
    if ('required' in o && o.required && !options[o.name]) {
      throw new UserError('BAD_INPUT', `bot/console: /${command.data.name} needs ${o.name}`, `缺少参数 ${o.name}。/ Missing option ${o.name}. 例 / e.g. /${command.data.name} ${o.name}:…`);
    }
  }
  return options;
}

/**
 * The options of a parsed line behind the same interface a Discord interaction offers, so
 * commands run unchanged in the console.
 *
 * @example
 * consoleInput({ question: '梅河口' }).options.getString('question', true); // '梅河口'
 */
export function consoleInput(options: Record<string, string>): CommandInput {
  function getString(name: string, required: true): string;
  function getString(name: string, required?: boolean): string | null;
  function getString(name: string, required?: boolean): string | null {
    const value = options[name];
    if (value === undefined && required) throw new UserError('BAD_INPUT', `bot/console: missing option ${name}`, `缺少参数 ${name}。/ Missing option ${name}.`);
    return value ?? null;
  }
  return { options: { getString } };
}
