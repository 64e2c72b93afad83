import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord.js';
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../errors.js';
import type { CommandInput, CommandModule } from './types.js';

/** A console line: a slash command with its options, or one of the console's own words. */
export type ConsoleLine =
  | { kind: 'command'; command: CommandModule; options: Record<string, string>; subcommand?: string }
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
  const top = command.data.toJSON().options ?? [];
  if (top.length > 0 && top.every((o) => o.type === ApplicationCommandOptionType.Subcommand)) {
    // `/docs list`, `/资料 删除 名称:…`: the next word names the subcommand.
    const at = rest.trimStart().search(/\s|$/);
    const name = rest.trimStart().slice(0, at).toLowerCase();
    const chosen = top.find((o) => optionNames(o).some((n) => n.toLowerCase() === name));
    if (!chosen || chosen.type !== ApplicationCommandOptionType.Subcommand) {
      const names = top.map((o) => o.name).join(' | ');
      throw new UserError('BAD_INPUT', `bot/console: /${command.data.name} needs a subcommand`, `/${command.data.name} 需要子命令：${names}。/ Subcommands: ${names}.`);
    }
    return { kind: 'command', command, subcommand: chosen.name, options: parseOptions(command, chosen.options ?? [], rest.trimStart().slice(at)) };
  }
  return { kind: 'command', command, options: parseOptions(command, top, rest) };
}

function parseOptions(command: CommandModule, declared: readonly APIApplicationCommandOption[], rest: string): Record<string, string> {
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
 * commands run unchanged in the console. An attachment option is a path on this machine
 * (the operator's own file).
 *
 * @example
 * consoleInput({ question: '梅河口' }).options.getString('question', true); // '梅河口'
 * consoleInput({ file: './报告.docx' }, 'add').options.getSubcommand(); // 'add'
 */
export function consoleInput(options: Record<string, string>, subcommand: string | null = null): CommandInput {
  const missing = (name: string) => new UserError('BAD_INPUT', `bot/console: missing option ${name}`, `缺少参数 ${name}。/ Missing option ${name}.`);
  function getString(name: string, required: true): string;
  function getString(name: string, required?: boolean): string | null;
  function getString(name: string, required?: boolean): string | null {
    const value = options[name];
    if (value === undefined && required) throw missing(name);
    return value ?? null;
  }
  const getBoolean = (name: string, required?: boolean) => {
    const value = getString(name, required ?? false);
    return value === null ? null : /^(true|yes|1|是|对)$/i.test(value);
  };
  const getInteger = (name: string, required?: boolean) => {
    const value = getString(name, required ?? false);
    if (value === null) return null;
    if (!/^-?\d+$/.test(value)) throw new UserError('BAD_INPUT', `bot/console: ${name} must be a whole number`, `${name} 须为整数。/ ${name} must be a whole number.`);
    return Number(value);
  };
  const getAttachment = (name: string, required?: boolean) => {
    const value = getString(name, required ?? false);
    if (value === null) return null;
    const path = resolve(value);
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      // The download step reports the missing file with its path.
    }
    return { url: pathToFileURL(path).href, name: basename(path), size };
  };
  function getSubcommand(required: true): string;
  function getSubcommand(required?: boolean): string | null;
  function getSubcommand(required?: boolean): string | null {
    if (subcommand === null && required) throw missing('subcommand');
    return subcommand;
  }
  return { options: { getString, getBoolean, getInteger, getAttachment, getSubcommand } };
}
