import { parseArgs as parseNodeArgs } from 'node:util';
import { UserError } from '../errors.js';

export type CliCommand = 'figure' | 'compare' | 'zone' | 'ask' | 'source' | 'stats' | 'reindex' | 'batch';
const COMMANDS: CliCommand[] = ['figure', 'compare', 'zone', 'ask', 'source', 'stats', 'reindex', 'batch'];
/** Commands that can draw their figures (`--chart out.png`). */
const CHARTED: CliCommand[] = ['figure', 'compare'];

export interface ParsedArgs {
  command: CliCommand;
  /** Positional words joined with a space (the query). */
  text: string;
  json: boolean;
  limit?: number;
  zone?: string;
  year?: string;
  /** `compare --zones 梅河口,珠海`: the zones as typed (split by `splitZones`). */
  zones?: string;
  /** `figure|compare --chart out.png`: where to write the chart, as typed. */
  chart?: string;
  seeds?: string;
  index?: string;
  /** `ask --after "<previous question>"`: read the question as a follow-up of that one. */
  after?: string;
  /** `stats --usage`: usage memory (questions, unanswered, 👎) instead of the index. */
  usage: boolean;
  /** `--record`: keep this question in usage memory, as the bot does. */
  record: boolean;
}

const OPTIONS = {
  json: { type: 'boolean' },
  limit: { type: 'string' },
  zone: { type: 'string' },
  year: { type: 'string' },
  zones: { type: 'string' },
  chart: { type: 'string' },
  seeds: { type: 'string' },
  index: { type: 'string' },
  after: { type: 'string' },
  usage: { type: 'boolean' },
  record: { type: 'boolean' },
} as const;

/**
 * Parses CLI arguments (after the script name) with `node:util` `parseArgs`. Unknown flags
 * and bad values are `BAD_INPUT` errors that name the flag.
 *
 * @example
 * parseArgs(['figure', '招商引资', '--zone', '梅河口', '--json']);
 * // { command: 'figure', text: '招商引资', zone: '梅河口', json: true }
 * parseArgs(['compare', '地区生产总值', '--zones', '梅河口,珠海', '--chart', 'gdp.png']);
 * // { command: 'compare', text: '地区生产总值', zones: '梅河口,珠海', chart: 'gdp.png', json: false }
 */
export function parseArgs(argv: string[]): ParsedArgs {
  const [first, ...rest] = argv;
  const command = COMMANDS.find((c) => c === first);
  if (!command) {
    throw new UserError('BAD_INPUT', `cli: unknown command "${first ?? ''}"`, `未知命令“${first ?? ''}”。可用：${COMMANDS.join(', ')}。/ Unknown command.`);
  }
  let values: Partial<Record<keyof typeof OPTIONS, string | boolean>>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseNodeArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true }));
  } catch (error) {
    throw badOption(error);
  }
  const parsed: ParsedArgs = { command, text: positionals.join(' '), json: values.json === true, usage: values.usage === true, record: values.record === true };
  if (typeof values.limit === 'string') parsed.limit = limitOf(values.limit);
  for (const key of ['zone', 'year', 'zones', 'chart', 'seeds', 'index', 'after'] as const) if (typeof values[key] === 'string') parsed[key] = values[key];
  checkCombination(parsed);
  return parsed;
}

/** Options that mean nothing for the command are refused rather than silently ignored (a chart nobody gets). */
function checkCombination(parsed: ParsedArgs): void {
  const bad = (message: string, user: string) => new UserError('BAD_INPUT', `cli: ${message}`, user);
  if (parsed.command === 'compare' && !parsed.zones?.trim()) {
    throw bad('compare needs --zones', 'compare 需要 --zones，例如 --zones 梅河口,珠海。/ compare needs --zones, e.g. --zones 梅河口,珠海.');
  }
  if (parsed.zones !== undefined && parsed.command !== 'compare') throw bad(`--zones is only for compare, not ${parsed.command}`, '--zones 只用于 compare。/ --zones is only for compare.');
  if (parsed.chart !== undefined) {
    if (!CHARTED.includes(parsed.command)) throw bad(`--chart is only for figure and compare, not ${parsed.command}`, '--chart 只用于 figure 和 compare。/ --chart is only for figure and compare.');
    if (!parsed.chart.trim()) throw bad('--chart needs a file path', '--chart 需要一个文件路径。/ --chart needs a file path.');
  }
}

/** node's parse errors (`ERR_PARSE_ARGS_UNKNOWN_OPTION`, a flag without its value) as user errors. */
function badOption(error: unknown): UserError {
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-{1,2}[^'\s]+)/.exec(message)?.[1] ?? '';
  if ((error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return new UserError('BAD_INPUT', `cli: unknown option "${flag}"`, `未知选项“${flag}”。/ Unknown option.`);
  }
  const name = flag.split(/[ ,<]/)[0] ?? flag;
  return new UserError('BAD_INPUT', `cli: ${name} needs a value`, `${name} 需要一个值。/ ${name} needs a value.`);
}

function limitOf(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50) {
    throw new UserError('BAD_INPUT', `cli: --limit must be an integer 1–50, got "${value}"`, `--limit 须为 1–50 的整数。/ --limit must be 1–50.`);
  }
  return n;
}

/**
 * Splits one batch line into arguments: whitespace separates, "double quotes" group
 * (with \" and \\ escapes inside).
 *
 * @example
 * splitLine('figure "固定 资产" --zone 梅河口'); // ['figure', '固定 资产', '--zone', '梅河口']
 */
export function splitLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\')) current += line[++i];
      else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') {
      quoted = true;
      has = true;
    } else if (/\s/.test(c)) {
      if (has || current) args.push(current);
      current = '';
      has = false;
    } else {
      current += c;
    }
  }
  if (quoted) throw new UserError('BAD_INPUT', 'cli: unterminated quote in batch line', '引号未闭合。/ Unterminated quote.');
  if (has || current) args.push(current);
  return args;
}
