import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { AttachmentBuilder, type Interaction } from 'discord.js';
import { loadChartStack } from '../src/charts/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../src/bot/dispatcher.js';
import { NO_MENTIONS } from '../src/bot/reply.js';
import type { BotContext } from '../src/bot/types.js';
import { loadConfig, type Config } from '../src/config.js';
import { createInteractionBridge } from '../src/http/bridge.js';
import { createInteractionsApp, startInteractionsServer, type RunningInteractionsServer } from '../src/http/server.js';
import { createLogger } from '../src/logger.js';
import type { Engine } from '../src/search/engine.js';
import type { QueryService } from '../src/search/service.js';
import { SEEDS_DIR, bodyOf, buttonsOf, shownText, waitFor } from './fake-discord/harness.js';
import { interactionBase, snowflake, type Actor } from './fake-discord/payloads.js';
import { startFakeDiscord, type FakeDiscord, type InteractionHandle, type OptionValue } from './fake-discord/server.js';
import { openSeedEngine, tempDir } from './helpers.js';

/**
 * INTERACTIONS_MODE=http end to end: real Ed25519 signatures, real HTTP on a free port, the real
 * engine over the seeds and the real dispatcher. The test plays Discord: it signs each payload,
 * POSTs it to /interactions, and hands the HTTP response to the fake Discord as the interaction's
 * callback (what Discord does with it), so the fake holds the message for buttons and for the
 * webhook edits the bot sends later through DISCORD_API_URL.
 */
const ADMIN_USER = '300000000000000001';
const EPHEMERAL = 64;

/** A key pair as the Developer Portal would have it: the public key as 64 hex digits. */
function keyPair(): { privateKey: KeyObject; hex: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  return { privateKey, hex };
}

let fake: FakeDiscord;
let engine: Engine;
let indexDir: string;
let server: RunningInteractionsServer;
let config: Config;
let ctx: BotContext;
const key = keyPair();
const logs: Record<string, unknown>[] = [];
const logger = createLogger('debug', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
/** Ids of the interactions the dispatcher saw. */
const dispatched: string[] = [];
/** /reindex waits for this, so the test can forward the deferral before the bot edits it. */
let releaseReindex: () => void = () => undefined;
let reindexGate: Promise<void> = Promise.resolve();

beforeAll(async () => {
  indexDir = await tempDir('http-index');
  engine = await openSeedEngine({ indexDir, logger });
  fake = await startFakeDiscord();
  config = loadConfig({
    INTERACTIONS_MODE: 'http',
    PORT: '0',
    DISCORD_PUBLIC_KEY: key.hex,
    DISCORD_API_URL: fake.apiUrl,
    SEEDS_DIR,
    INDEX_DIR: indexDir,
    DATA_DIR: `${indexDir}/data`,
    ADMIN_USER_IDS: ADMIN_USER,
  });
  const search = Object.assign(Object.create(engine) as QueryService, {
    reindex: async (options?: Parameters<QueryService['reindex']>[0]) => {
      await reindexGate;
      return engine.reindex(options);
    },
  });
  ctx = { config, search, logger };
  const dispatch = createDispatcher(ctx);
  server = await startInteractionsServer({
    ctx,
    hostname: '127.0.0.1',
    dispatch: (interaction) => {
      dispatched.push(interaction.id);
      return dispatch(interaction);
    },
  });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
  await engine?.close();
  await rm(indexDir, { recursive: true, force: true });
});

interface Signed {
  /** Override the signed body (the request still carries `body`). */
  signedBody?: string;
  privateKey?: KeyObject;
  timestamp?: string;
  omit?: 'signature' | 'timestamp';
}

/** POSTs a body to /interactions signed as Discord signs it: Ed25519 over timestamp + body. */
async function post(body: string, options: Signed = {}, url = `${server.url}/interactions`): Promise<Response> {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + (options.signedBody ?? body)), options.privateKey ?? key.privateKey).toString('hex');
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (options.omit !== 'signature') headers['X-Signature-Ed25519'] = signature;
  if (options.omit !== 'timestamp') headers['X-Signature-Timestamp'] = timestamp;
  return fetch(url, { method: 'POST', headers, body });
}

/** An interaction response, JSON or multipart (files beside `payload_json`). */
async function callbackOf(response: Response): Promise<{ type: number; data?: Record<string, unknown>; files: File[] }> {
  if ((response.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const form = await response.formData();
    const files = [...form.values()].filter((v): v is File => typeof v !== 'string');
    return { ...(JSON.parse(String(form.get('payload_json'))) as { type: number }), files };
  }
  return { ...((await response.json()) as { type: number }), files: [] };
}

interface Exchange {
  status: number;
  contentType: string;
  bytes: Uint8Array<ArrayBuffer>;
  handle: InteractionHandle;
}

/**
 * One interaction as Discord runs it: registered with the fake (id and token), signed and sent
 * to the bot, and the HTTP response handed to the fake as the callback.
 */
async function interact(handle: InteractionHandle, payload: Record<string, unknown>): Promise<Exchange> {
  const response = await post(JSON.stringify(payload));
  const contentType = response.headers.get('content-type') ?? '';
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status === 200) {
    const forwarded = await fetch(`${fake.apiUrl}/v10/interactions/${handle.id}/${handle.token}/callback?with_response=false`, { method: 'POST', headers: { 'Content-Type': contentType }, body: bytes });
    expect(forwarded.status).toBe(204);
  }
  return { status: response.status, contentType, bytes, handle };
}

const toOptions = (options: OptionValue[]) => options.map((o) => ({ name: o.name, type: o.type ?? 3, value: o.value, ...(o.focused ? { focused: true } : {}) }));

function command(name: string, options: OptionValue[] = [], actor: Actor = {}): Promise<Exchange> {
  const handle = fake.command(name, options, actor);
  return interact(handle, { ...interactionBase(fake.ids, actor, handle.id, handle.token), type: 2, data: { id: snowflake(), name, type: 1, options: toOptions(options) } });
}

function autocomplete(name: string, options: OptionValue[], actor: Actor = {}): Promise<Exchange> {
  const handle = fake.autocomplete(name, options, actor);
  return interact(handle, { ...interactionBase(fake.ids, actor, handle.id, handle.token), type: 4, data: { id: snowflake(), name, type: 1, options: toOptions(options) } });
}

function click(message: NonNullable<ReturnType<InteractionHandle['message']>>, customId: string, actor: Actor = {}): Promise<Exchange> {
  const handle = fake.click(message, customId, actor);
  return interact(handle, { ...interactionBase(fake.ids, actor, handle.id, handle.token), type: 3, message, data: { custom_id: customId, component_type: 2 } });
}

function submit(modal: Record<string, unknown>, values: Record<string, string>, message: NonNullable<ReturnType<InteractionHandle['message']>>, actor: Actor = {}): Promise<Exchange> {
  const handle = fake.submit(modal, values, actor, message);
  const labels = (modal.components as { type: number; component?: { type: number; custom_id: string } }[]) ?? [];
  const components = labels
    .filter((l) => l.type === 18 && l.component?.type === 4)
    .map((l, i) => ({ type: 18, id: i + 1, component: { type: 4, id: i + 100, custom_id: l.component!.custom_id, value: values[l.component!.custom_id] ?? '' } }));
  return interact(handle, { ...interactionBase(fake.ids, actor, handle.id, handle.token), type: 5, message, data: { custom_id: modal.custom_id as string, components } });
}

const parse = (exchange: Exchange) => callbackOf(new Response(exchange.bytes, { headers: { 'content-type': exchange.contentType } }));

describe('signature verification', () => {
  const ping = JSON.stringify({ id: '1', application_id: '100000000000000001', type: 1, token: 't', version: 1 });

  it('answers a signed PING with PONG', async () => {
    const response = await post(ping);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: 1 });
  });

  it('refuses a tampered body with 401 and never dispatches it', async () => {
    const before = dispatched.length;
    const handle = fake.command('stats');
    const payload = JSON.stringify({ ...interactionBase(fake.ids, {}, handle.id, handle.token), type: 2, data: { id: snowflake(), name: 'stats', type: 1, options: [] } });
    const response = await post(payload.replace('zh-CN', 'en-US'), { signedBody: payload });
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(dispatched.length).toBe(before);
    expect(handle.responses).toEqual([]);
  });

  it('refuses a request signed with another key', async () => {
    expect((await post(ping, { privateKey: keyPair().privateKey })).status).toBe(401);
  });

  it('refuses a request without the signature or the timestamp header', async () => {
    expect((await post(ping, { omit: 'signature' })).status).toBe(401);
    expect((await post(ping, { omit: 'timestamp' })).status).toBe(401);
    const bare = await fetch(`${server.url}/interactions`, { method: 'POST', body: ping });
    expect(bare.status).toBe(401);
  });

  it('refuses a replayed request: a timestamp over five minutes old, or ahead', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await post(ping, { timestamp: String(now - 301) })).status).toBe(401);
    expect((await post(ping, { timestamp: String(now + 301) })).status).toBe(401);
    expect((await post(ping, { timestamp: String(now - 240) })).status).toBe(200);
  });

  it('answers a replayed interaction (same id, validly signed again) only once', async () => {
    const handle = fake.command('help');
    const payload = JSON.stringify({ ...interactionBase(fake.ids, {}, handle.id, handle.token), type: 2, data: { id: snowflake(), name: 'help', type: 1, options: [] } });
    expect((await post(payload)).status).toBe(200);
    expect((await post(payload)).status).toBe(401);
  });

  it('logs why, without the body', () => {
    const refusals = logs.filter((l) => l.message === 'http interaction refused').map((l) => l.reason);
    expect(refusals).toEqual(expect.arrayContaining(['bad signature', 'missing headers', 'stale timestamp']));
  });
});

describe('commands through the same dispatcher', () => {
  it('answers /figure 招商引资 zone:梅河口 in the HTTP response: type 4, 141.5亿元, no mentions', async () => {
    const exchange = await command('figure', [{ name: 'query', value: '招商引资' }, { name: 'zone', value: '梅河口' }]);
    expect(exchange.status).toBe(200);
    const callback = await parse(exchange);
    expect(callback.type).toBe(4);
    expect(JSON.stringify(callback.data?.embeds)).toContain('141.5亿元');
    expect(callback.data?.allowed_mentions).toEqual(NO_MENTIONS);
    // What the fake recorded is what Discord would show.
    const shown = await exchange.handle.next();
    expect(shownText(shown)).toContain('141.5亿元');
  });

  it('answers with a chart as a multipart HTTP response: payload_json beside the PNG', async () => {
    // Loaded, as after a process's first chart (the very first answer does not wait for it).
    await loadChartStack();
    const exchange = await command('figure', [{ name: 'query', value: '营业收入' }, { name: 'zone', value: '珠海' }]);
    expect(exchange.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const callback = await parse(exchange);
    expect(callback.type).toBe(4);
    expect(JSON.stringify(callback.data?.embeds)).toContain('attachment://chart.png');
    expect(callback.files.map((f) => f.name)).toEqual(['chart.png']);
    const png = Buffer.from(await callback.files[0]!.arrayBuffer());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Discord (the fake) reads the same multipart body as it would a callback upload.
    const shown = await exchange.handle.next();
    expect(shown.files.map((f) => f.bytes.equals(png))).toEqual([true]);
  }, 30_000);

  it('autocompletes with choices (type 8)', async () => {
    const exchange = await autocomplete('zone', [{ name: 'name', value: '梅河', focused: true }]);
    const callback = await parse(exchange);
    expect(callback.type).toBe(8);
    const values = (callback.data?.choices as { value: string }[]).map((c) => c.value);
    expect(values).toContain('梅河口市');
  });

  it('pages an answer with a button taken from the previous answer (type 7 update)', async () => {
    const asked = await command('ask', [{ name: 'question', value: '梅河口离长春有多远？' }]);
    expect((await parse(asked)).type).toBe(4);
    await asked.handle.next();
    const message = asked.handle.message()!;
    const next = [...buttonsOf(message).entries()].find(([label]) => label.includes('下一页'))?.[1];
    expect(next).toBeDefined();
    const paged = await click(message, next!.customId);
    const callback = await parse(paged);
    expect(callback.type).toBe(7);
    expect(JSON.stringify(callback.data?.embeds)).toMatch(/第 2\/\d+ 页/);
    expect(callback.data?.allowed_mentions).toEqual(NO_MENTIONS);
  });

  it('opens the 追问 form (type 9) and answers the submitted form', async () => {
    const asked = await command('ask', [{ name: 'question', value: '梅河口离长春有多远？' }]);
    await asked.handle.next();
    const message = asked.handle.message()!;
    const followUp = buttonsOf(message).get('追问 / Follow up');
    expect(followUp).toBeDefined();
    const opened = await parse(await click(message, followUp!.customId));
    expect(opened.type).toBe(9);
    const modal = opened.data!;
    const field = ((modal.components as { component: { custom_id: string } }[])[0]!).component.custom_id;
    const answered = await parse(await submit(modal, { [field]: '那通化呢？' }, message));
    expect(answered.type).toBe(4);
    expect(JSON.stringify(answered.data?.embeds)).toContain('通化');
    expect(answered.data?.allowed_mentions).toEqual(NO_MENTIONS);
  });

  it('answers in a DM as in a guild', async () => {
    const callback = await parse(await command('help', [], { where: 'dm' }));
    expect(callback).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(JSON.stringify(callback.data?.embeds)).toContain('/figure');
  });

  it('refuses /reindex for a non-admin, ephemerally, in the HTTP response', async () => {
    const exchange = await command('reindex', [], { userId: '300000000000000099' });
    const callback = await parse(exchange);
    expect(callback).toMatchObject({ type: 4, data: { flags: EPHEMERAL } });
    expect(JSON.stringify(callback.data?.embeds)).toContain('没有权限');
  });

  it('defers /reindex by an admin in the HTTP response and edits @original through the webhook later', async () => {
    reindexGate = new Promise((resolve) => (releaseReindex = resolve));
    const exchange = await command('reindex', [], { userId: ADMIN_USER });
    const callback = await parse(exchange);
    expect(callback).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
    expect(await exchange.handle.next()).toMatchObject({ kind: 'callback', type: 5 });
    releaseReindex();
    const edit = await exchange.handle.next(30_000);
    expect(edit.kind).toBe('edit');
    expect(shownText(edit)).toMatch(/索引/);
    expect(bodyOf(edit).allowed_mentions).toEqual(NO_MENTIONS);
    const patch = fake.requests.find((r) => r.method === 'PATCH' && decodeURIComponent(r.path) === `/api/v10/webhooks/${fake.ids.applicationId}/${exchange.handle.token}/messages/@original`);
    expect(patch).toBeDefined();
  }, 40_000);

  it('needs no bot token: nothing sent to Discord carried an Authorization header', () => {
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.filter((r) => r.auth !== null)).toEqual([]);
    expect(fake.unhandled).toEqual([]);
  });
});

describe('health and readiness', () => {
  it('GET /healthz reports the loaded index', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, ready: true, docs: 5 });
    expect(body).toHaveProperty('generation');
  });

  it('answers 503 to interactions (not to PING) until the index is loaded', async () => {
    let ready = false;
    const bridge = createInteractionBridge({ dispatch: () => Promise.reject(new Error('must not run')), logger });
    const app = createInteractionsApp({ ctx, publicKey: key.hex, bridge, isReady: () => ready });
    const request = (body: string) => {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = sign(null, Buffer.from(timestamp + body), key.privateKey).toString('hex');
      return app.request('/interactions', { method: 'POST', headers: { 'X-Signature-Ed25519': signature, 'X-Signature-Timestamp': timestamp }, body });
    };
    const command = JSON.stringify({ ...interactionBase(fake.ids, {}, snowflake(), 'tok'), type: 2, data: { id: snowflake(), name: 'stats', type: 1, options: [] } });
    expect((await request(command)).status).toBe(503);
    expect((await request(JSON.stringify({ id: '1', type: 1, token: 't', application_id: '1', version: 1 }))).status).toBe(200);
    const health = await app.request('/healthz');
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ ok: true, ready: false });
    ready = true;
    expect((await app.request('/healthz')).status).toBe(200);
    await bridge.destroy();
  });
});

describe('the bridge', () => {
  const payloadFor = (handle: InteractionHandle, type = 2) => ({ ...interactionBase(fake.ids, {}, handle.id, handle.token), type, data: { id: snowflake(), name: 'figure', type: 1, options: [] } }) as never;

  it('passes a multipart reply (a PNG attached) through as the HTTP response', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5a1d6e20000000049454e44ae426082', 'hex');
    const bridge = createInteractionBridge({
      logger,
      dispatch: async (interaction: Interaction) => {
        if (interaction.isRepliable()) await interaction.reply({ content: 'chart', files: [new AttachmentBuilder(png, { name: 'chart.png' })], allowedMentions: NO_MENTIONS });
      },
    });
    const handle = fake.command('figure');
    const response = await bridge.handle(payloadFor(handle));
    expect(response.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const callback = await callbackOf(new Response(response.body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': response.contentType } }));
    expect(callback).toMatchObject({ type: 4, data: { content: 'chart', attachments: [{ id: '0' }] } });
    expect(callback.files.map((f) => f.name)).toEqual(['chart.png']);
    expect(Buffer.from(await callback.files[0]!.arrayBuffer())).toEqual(png);
    await bridge.destroy();
  });

  it('defers for a dispatcher that has not answered by the deadline, and turns its late answer into an edit', async () => {
    let release: () => void = () => undefined;
    const late = new Promise<void>((resolve) => (release = resolve));
    const bridge = createInteractionBridge({
      logger,
      apiUrl: fake.apiUrl,
      deferAfterMs: 100,
      dispatch: async (interaction: Interaction) => {
        await late;
        if (interaction.isRepliable()) await interaction.reply({ content: 'late answer', flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
      },
    });
    const handle = fake.command('figure');
    const response = await bridge.handle(payloadFor(handle));
    expect(response.source).toBe('deadline');
    const deferral = JSON.parse(Buffer.from(response.body).toString('utf8')) as { type: number };
    expect(deferral).toEqual({ type: 5 });
    await fetch(`${fake.apiUrl}/v10/interactions/${handle.id}/${handle.token}/callback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(deferral) });
    release();
    await bridge.idle();
    await handle.next();
    const edit = await handle.next();
    expect(edit).toMatchObject({ kind: 'edit', body: { content: 'late answer', allowed_mentions: NO_MENTIONS } });
    expect(logs.some((l) => l.message === 'http interaction: no answer before the deadline; deferred by the transport')).toBe(true);
    await bridge.destroy();
  });

  it('answers 400 to an interaction type discord.js does not know, without dispatching', async () => {
    const bridge = createInteractionBridge({ logger, dispatch: () => Promise.reject(new Error('must not run')) });
    const response = await bridge.handle({ ...interactionBase(fake.ids, {}, snowflake(), 'tok'), type: 99, data: {} } as never);
    expect(response.status).toBe(400);
    await bridge.destroy();
  });
});

describe('config', () => {
  it('defaults to the gateway on port 8080', () => {
    expect(loadConfig({})).toMatchObject({ interactionsMode: 'gateway', port: 8080, discordPublicKey: undefined });
  });

  it('requires a 64-hex-digit DISCORD_PUBLIC_KEY in http mode', () => {
    expect(() => loadConfig({ INTERACTIONS_MODE: 'http' })).toThrow(/DISCORD_PUBLIC_KEY/);
    expect(() => loadConfig({ INTERACTIONS_MODE: 'http', DISCORD_PUBLIC_KEY: 'abc' })).toThrow(/64 hex digits/);
    expect(() => loadConfig({ INTERACTIONS_MODE: 'websocket' })).toThrow(/INTERACTIONS_MODE/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
    expect(loadConfig({ INTERACTIONS_MODE: 'http', DISCORD_PUBLIC_KEY: key.hex.toUpperCase() }).discordPublicKey).toBe(key.hex);
  });
});

describe('npm start with INTERACTIONS_MODE=http', () => {
  it('serves /interactions without a token and drains on SIGTERM', async () => {
    const { spawn } = await import('node:child_process');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..');
    // Plain node with tsx's loader, as `npm start` runs plain node: the tsx CLI relays a signal
    // to its child and SIGKILLs it if the child does not confirm within ~60 ms (a busy event loop).
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, DISCORD_TOKEN: '', INTERACTIONS_MODE: 'http', PORT: '0', DISCORD_PUBLIC_KEY: key.hex, DISCORD_API_URL: fake.apiUrl, INDEX_DIR: indexDir, DATA_DIR: join(indexDir, 'data-main'), SEEDS_DIR, LOG_LEVEL: 'info' },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const closed = new Promise((resolve) => child.on('close', resolve));
    const listening = await waitFor(() => /"http interactions listening".*?"port":(\d+)/.exec(err), 45_000);
    const url = `http://127.0.0.1:${listening[1]}`;
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ ok: true, ready: true, docs: 5 });
    const ping = JSON.stringify({ id: '1', application_id: '1', type: 1, token: 't', version: 1 });
    expect(await (await post(ping, {}, `${url}/interactions`)).json()).toEqual({ type: 1 });
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(err).toContain('"http interactions stopped"');
  }, 60_000);
});
