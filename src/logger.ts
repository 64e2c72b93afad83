import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';
import { Writable } from 'node:stream';

/**
 * The structured logger, on pino: one JSON object per line on stderr, so stdout stays free
 * for answers (the CLI's JSON, the console's replies). Each line carries `time` (ISO),
 * `level` (`'info'`…), `message`, and the context's fields at top level. On a terminal the
 * lines are pretty-printed instead.
 *
 * @example
 * const log = createLogger('info');
 * log.info('interaction', { command: 'figure', latencyMs: 12 });
 * // {"level":"info","time":"2026-…","pid":41,"hostname":"…","command":"figure","latencyMs":12,"message":"interaction"}
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
  /**
   * A logger whose every line also carries `bindings` (e.g. the interaction id), for the
   * work done on behalf of one request.
   *
   * @example
   * const log = logger.child({ interactionId: '1234' });
   * log.info('chart rendered'); // … "interactionId":"1234" …
   */
  child(bindings: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  /** Human-readable lines instead of JSON. Default: only when stderr is a terminal and no `write` is given. */
  pretty?: boolean;
}

/**
 * Keys whose values never reach a log line, at the top level or up to two levels down
 * (`config.discordToken`, `request.headers.authorization`). Callers log ids, never secrets;
 * this is the net for the day someone logs a whole config or request.
 */
const SECRET_KEYS = [
  'token',
  'accessToken',
  'botToken',
  'discordToken',
  'DISCORD_TOKEN',
  'authorization',
  'Authorization',
  'cookie',
  'password',
  'secret',
  'publicKey',
  'discordPublicKey',
  'DISCORD_PUBLIC_KEY',
  'salt',
  'usageSalt',
  'USAGE_SALT',
];
export const REDACTED_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

/** Fields every line owns; a context field of the same name is kept beside them as `_<name>` instead of hiding one. */
const RESERVED = new Set(['level', 'time', 'message']);

/**
 * A logger at `level`. With `write`, each line (without its newline) goes to it synchronously,
 * which is how tests read the log; otherwise to stderr, asynchronously (flushed on exit).
 *
 * @example
 * const lines: string[] = [];
 * createLogger('debug', (line) => lines.push(line)).warn('slow', { ms: 900 });
 * JSON.parse(lines[0]!).level; // 'warn'
 */
export function createLogger(level: LogLevel = 'info', write?: (line: string) => void, options: LoggerOptions = {}): Logger {
  // Under the test runner stderr is a pipe, so tests get JSON lines without asking.
  const prettyLines = options.pretty ?? (write === undefined && process.stderr.isTTY === true);
  const destination: DestinationStream =
    level === 'silent' && !write
      ? { write: () => undefined }
      : prettyLines
        ? pretty({ destination: write ? lineWriter(write) : 2, messageKey: 'message', translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true })
        : write
          ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
          : stderrDestination();
  const root = pino(
    {
      level,
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => serializeErrors(object) as Record<string, unknown>,
      },
      // Errors are serialised wherever they sit (see `serializeErrors`); pino's own `err` serializer would redo it.
      serializers: { err: (value: unknown) => value },
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    destination,
  );
  return wrap(root);
}

function wrap(log: PinoLogger): Logger {
  const at =
    (method: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, context?: Record<string, unknown>): void => {
      if (!log.isLevelEnabled(method)) return;
      // `message` inside the object, not as pino's msg argument: pino writes that last, and
      // readers of the log (and tests matching `"message".*"port"`) expect it before the context.
      log[method]({ message, ...(context ? withoutReserved(context) : {}) });
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (bindings) => wrap(log.child(withoutReserved(bindings))),
  };
}

function withoutReserved(context: Record<string, unknown>): Record<string, unknown> {
  if (!Object.keys(context).some((key) => RESERVED.has(key))) return context;
  return Object.fromEntries(Object.entries(context).map(([key, value]) => [RESERVED.has(key) ? `_${key}` : key, value]));
}

/** One asynchronous stderr writer per process, so loggers created in several places do not interleave partial lines. */
let stderr: DestinationStream | undefined;
function stderrDestination(): DestinationStream {
  stderr ??= pino.destination({ dest: 2, sync: false });
  return stderr;
}

/** pino-pretty wants a stream; this one hands each finished line to `write`. */
function lineWriter(write: (line: string) => void): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      let newline: number;
      while ((newline = pending.indexOf('\n')) >= 0) {
        write(pending.slice(0, newline));
        pending = pending.slice(newline + 1);
      }
      done();
    },
  });
}

const MAX_DEPTH = 4;

/**
 * Errors as their name, code, message and stack (JSON would make them `{}`), at any depth up
 * to `MAX_DEPTH`; objects without an error inside are returned as they are.
 *
 * @example
 * serializeErrors({ error: new Error('boom') }); // { error: { name: 'Error', code: undefined, message: 'boom', stack: '…' } }
 */
export function serializeErrors(value: unknown, depth = 0): unknown {
  if (value instanceof Error) {
    return { name: value.name, code: (value as { code?: unknown }).code, message: value.message, stack: value.stack };
  }
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => serializeErrors(item, depth + 1));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const serialized = serializeErrors(item, depth + 1);
    if (serialized !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = serialized;
  }
  return copy ?? value;
}

export const silentLogger: Logger = createLogger('silent');
