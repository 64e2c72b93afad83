import { describe, expect, it } from 'vitest';
import { runBoundary } from '../src/bot/boundary.js';
import { AppError, UserError } from '../src/errors.js';
import { createLogger, REDACTED_PATHS, serializeErrors, type LogLevel } from '../src/logger.js';

/** A logger whose raw lines (the exact strings it writes) and parsed lines the test reads. */
function recording(level: LogLevel = 'debug') {
  const raw: string[] = [];
  const logger = createLogger(level, (line) => raw.push(line));
  return { logger, raw, parsed: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123';

describe('createLogger: the JSON-lines contract', () => {
  it('writes one JSON object per call, with ISO time, the level label, the message and the context at top level', () => {
    const { logger, raw, parsed } = recording();
    logger.info('interaction', { command: 'figure', latencyMs: 12, options: { query: '招商引资' } });
    logger.warn('slow', { ms: 900 });
    expect(raw).toHaveLength(2);
    for (const line of raw) expect(line).not.toContain('\n');
    const [first, second] = parsed();
    expect(first).toMatchObject({ level: 'info', message: 'interaction', command: 'figure', latencyMs: 12, options: { query: '招商引资' } });
    expect(new Date(first!.time as string).toISOString()).toBe(first!.time);
    expect(second).toMatchObject({ level: 'warn', message: 'slow', ms: 900 });
  });

  it('writes the message before the context, as readers matching raw lines expect', () => {
    const { logger, raw } = recording();
    logger.info('http interactions listening', { port: 8080 });
    expect(raw[0]).toMatch(/"message":"http interactions listening".*"port":8080/);
  });

  it('drops lines below its level and writes nothing at all when silent', () => {
    const warn = recording('warn');
    warn.logger.debug('d');
    warn.logger.info('i');
    warn.logger.warn('w');
    warn.logger.error('e');
    expect(warn.parsed().map((l) => l.level)).toEqual(['warn', 'error']);

    const silent = recording('silent');
    silent.logger.error('e', { a: 1 });
    silent.logger.child({ interactionId: '1' }).error('e');
    expect(silent.raw).toEqual([]);
  });

  it('keeps a context field named like a line field beside it instead of overwriting it', () => {
    const { logger, parsed } = recording();
    logger.warn('discord client warning', { message: 'rate limited', level: 3 });
    expect(parsed()[0]).toMatchObject({ level: 'warn', message: 'discord client warning', _message: 'rate limited', _level: 3 });
  });
});

describe('createLogger: secrets', () => {
  it('redacts tokens, keys and salts by name, at the top level and nested, and never writes the value', () => {
    const { logger, raw, parsed } = recording();
    logger.info('config', {
      token: TOKEN,
      config: { discordToken: TOKEN, discordPublicKey: 'ab'.repeat(32), usageSalt: 'pepper-pepper-pepper', seedsDir: 'seeds' },
      request: { headers: { authorization: `Bot ${TOKEN}` } },
      env: { DISCORD_TOKEN: TOKEN },
    });
    expect(raw[0]).not.toContain(TOKEN);
    expect(raw[0]).not.toContain('pepper');
    expect(parsed()[0]).toMatchObject({
      token: '[redacted]',
      config: { discordToken: '[redacted]', discordPublicKey: '[redacted]', usageSalt: '[redacted]', seedsDir: 'seeds' },
      request: { headers: { authorization: '[redacted]' } },
      env: { DISCORD_TOKEN: '[redacted]' },
    });
  });

  it('redacts in child bindings too', () => {
    const { logger, raw } = recording();
    logger.child({ token: TOKEN, interactionId: '7' }).info('x');
    expect(raw[0]).not.toContain(TOKEN);
    expect(JSON.parse(raw[0]!)).toMatchObject({ token: '[redacted]', interactionId: '7' });
  });

  it('covers the names the configuration uses for secrets', () => {
    for (const key of ['DISCORD_TOKEN', 'discordToken', 'publicKey', 'salt', 'usageSalt', 'authorization']) expect(REDACTED_PATHS).toContain(key);
  });
});

describe('createLogger: children', () => {
  it('adds the bindings to every line of the child and its children, not to the parent', () => {
    const { logger, parsed } = recording();
    const child = logger.child({ interactionId: '1234' });
    child.info('a', { n: 1 });
    child.child({ step: 'chart' }).debug('b');
    logger.info('c');
    const [a, b, c] = parsed();
    expect(a).toMatchObject({ interactionId: '1234', message: 'a', n: 1 });
    expect(b).toMatchObject({ interactionId: '1234', step: 'chart', message: 'b', level: 'debug' });
    expect(c).not.toHaveProperty('interactionId');
  });

  it('keeps the level of its parent', () => {
    const { logger, raw } = recording('warn');
    logger.child({ interactionId: '1' }).info('hidden');
    expect(raw).toEqual([]);
  });
});

describe('createLogger: errors', () => {
  it('serialises errors to name, code, message and stack, wherever they sit in the context', () => {
    const { logger, parsed } = recording();
    const failure = new AppError('INDEX_CORRUPT', 'index: checksum mismatch');
    logger.error('failed', { error: failure, attempts: [{ error: new TypeError('boom') }], err: new RangeError('r') });
    const line = parsed()[0]!;
    expect(line.error).toEqual({ name: failure.name, code: 'INDEX_CORRUPT', message: 'index: checksum mismatch', stack: failure.stack });
    expect((line.attempts as { error: Record<string, unknown> }[])[0]!.error).toMatchObject({ name: 'TypeError', message: 'boom' });
    expect(line.err).toMatchObject({ name: 'RangeError', message: 'r' });
    expect(String((line.err as { stack: string }).stack)).toContain('RangeError: r');
  });

  it('returns objects without errors unchanged', () => {
    const context = { a: { b: [1, 2] } };
    expect(serializeErrors(context)).toBe(context);
  });
});

describe('createLogger: pretty', () => {
  it('prints readable lines (not JSON) with the bindings, still redacted', async () => {
    const lines: string[] = [];
    createLogger('info', (line) => lines.push(line), { pretty: true }).child({ interactionId: '99' }).info('interaction', { token: TOKEN, command: 'ask' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toHaveLength(1);
    expect(() => JSON.parse(lines[0]!) as unknown).toThrow();
    expect(lines[0]).toMatch(/INFO.*interaction/);
    expect(lines[0]).toContain('"interactionId":"99"');
    expect(lines[0]).not.toContain(TOKEN);
  });
});

describe('runBoundary: one child logger per interaction', () => {
  const record = { kind: 'command' as const, command: 'ask', options: { question: 'q' }, userId: '200000000000000001', guildId: null, interactionId: '1577651701064663046' };

  it('binds the interaction id to the lines the work logs and to the interaction line, once each', async () => {
    const { logger, raw, parsed } = recording();
    await runBoundary(
      { logger },
      record,
      async (log) => {
        log.debug('searching', { terms: 3 });
        return { results: 2 };
      },
      async () => undefined,
    );
    expect(parsed()).toEqual([
      expect.objectContaining({ message: 'searching', interactionId: record.interactionId, terms: 3 }),
      expect.objectContaining({ message: 'interaction', interactionId: record.interactionId, command: 'ask', results: 2 }),
    ]);
    for (const line of raw) expect(line.split('"interactionId"')).toHaveLength(2);
  });

  it('binds it to the failure line as well, with the error id and the error', async () => {
    const { logger, parsed } = recording();
    const shown: unknown[] = [];
    await runBoundary({ logger }, record, () => Promise.reject(new Error('boom')), async (view) => void shown.push(view));
    await runBoundary({ logger }, { ...record, interactionId: '2' }, () => Promise.reject(new UserError('BAD_INPUT', 'x', '不行 / No')), async () => undefined);
    const [failed, refused] = parsed();
    expect(failed).toMatchObject({ level: 'error', message: 'interaction', interactionId: record.interactionId, error: { name: 'Error', message: 'boom' } });
    expect(failed!.errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(refused).toMatchObject({ level: 'warn', interactionId: '2', code: 'BAD_INPUT' });
    expect(shown).toHaveLength(1);
  });

  it('logs without an id where there is none (the console)', async () => {
    const { logger, parsed } = recording();
    const { interactionId: _none, ...consoleRecord } = record;
    await runBoundary({ logger }, consoleRecord, async () => ({ results: 1 }), async () => undefined);
    expect(parsed()[0]).not.toHaveProperty('interactionId');
  });
});
