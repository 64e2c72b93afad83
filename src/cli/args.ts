import { UserError } from '../errors.js';

export type CliCommand = 'figure' | 'zone' | 'ask' | 'source' | 'stats' | 'reindex' | 'batch';
const COMMANDS: CliCommand[] = ['figure', 'zone', 'ask', 'source', 'stats', 'reindex', 'batch'];

export interface ParsedArgs {
  command: CliCommand;
  /** Positional words joined with a space (the query). */
  text: string;
  json: boolean;
  limit?: number;
  zone?: string;
  year?: string;
  seeds?: string;
  index?: string;
}

const VALUE_FLAGS = new Set(['--limit', '--zone', '--year', '--seeds', '--index']);

/**
 * Parses CLI arguments (after the script name). Unknown flags and bad values are
 * `BAD_INPUT` errors that name the flag.
 *
 * @example
 * parseArgs(['figure', '招商引资', '--zone', '梅河口', '--json']);
 * // { command: 'figure', text: '招商引资', zone: '梅河口', json: true }
 */
export function parseArgs(argv: string[]): ParsedArgs {
  const [first, ...rest] = argv;
  const command = COMMANDS.find((c) => c === first);
  if (!command) {
    throw new UserError('BAD_INPUT', `cli: unknown command "${first ?? ''}"`, `未知命令“${first ?? ''}”。可用：${COMMANDS.join(', ')}。/ Unknown command.`);
  }
  const parsed: ParsedArgs = { command, text: '', json: false };
  const words: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') parsed.json = true;
    else if (VALUE_FLAGS.has(arg)) {
      const value = rest[++i];
      if (value === undefined) throw new UserError('BAD_INPUT', `cli: ${arg} needs a value`, `${arg} 需要一个值。/ ${arg} needs a value.`);
      setFlag(parsed, arg, value);
    } else if (arg.startsWith('--') && arg.includes('=') && VALUE_FLAGS.has(arg.slice(0, arg.indexOf('=')))) {
      setFlag(parsed, arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1));
    } else if (arg.startsWith('--') && arg.length > 2) {
      throw new UserError('BAD_INPUT', `cli: unknown option "${arg}"`, `未知选项“${arg}”。/ Unknown option.`);
    } else words.push(arg);
  }
  parsed.text = words.join(' ');
  return parsed;
}

function setFlag(parsed: ParsedArgs, flag: string, value: string): void {
  if (flag === '--limit') {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > 50) {
      throw new UserError('BAD_INPUT', `cli: --limit must be an integer 1–50, got "${value}"`, `--limit 须为 1–50 的整数。/ --limit must be 1–50.`);
    }
    parsed.limit = n;
  } else if (flag === '--zone') parsed.zone = value;
  else if (flag === '--year') parsed.year = value;
  else if (flag === '--seeds') parsed.seeds = value;
  else parsed.index = value;
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
