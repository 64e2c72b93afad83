import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';
import { InteractionResponseType, InteractionType, type APIInteraction } from 'discord.js';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createDispatcher } from '../bot/dispatcher.js';
import type { BotContext } from '../bot/types.js';
import { AppError, describeError } from '../errors.js';
import { createInteractionBridge, type InteractionBridge } from './bridge.js';
import { MAX_CLOCK_SKEW_S, publicKeyFromHex, verifyRequest } from './verify.js';

/** Interaction payloads are a few KB; anything far larger is not from Discord. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface InteractionsAppOptions {
  ctx: BotContext;
  /** The application's Ed25519 public key, 64 hex digits. */
  publicKey: string;
  bridge: InteractionBridge;
  /**
   * False while the server should take no interactions (draining at shutdown): they get 503, as
   * they do while the engine has no index loaded (`ctx.search.ready === false`). Default: always.
   */
  isReady?: () => boolean;
  /** The clock the replay window is checked against (tests). */
  now?: () => number;
}

/**
 * The HTTP routes: `POST /interactions` (verified before it is parsed; PING answered here,
 * everything else through the bridge and so the dispatcher) and `GET /healthz`.
 *
 * @example
 * const app = createInteractionsApp({ ctx, publicKey: config.discordPublicKey, bridge });
 * await app.request('/healthz'); // 200 { ok: true, ready: true, generation: '9f2c…', docs: 5, … }
 */
export function createInteractionsApp(options: InteractionsAppOptions): Hono<{ Bindings: Partial<HttpBindings> }> {
  const { ctx, bridge } = options;
  const { logger } = ctx;
  const key = publicKeyFromHex(options.publicKey);
  const isReady = options.isReady ?? (() => true);
  const now = options.now ?? Date.now;
  const replays = replayGuard();
  const app = new Hono<{ Bindings: Partial<HttpBindings> }>();

  // The engine says whether it has an index to serve (a replica may not yet) and which one.
  const search = ctx.search as BotContext['search'] & { readonly ready?: boolean; generation?: () => string | null };
  const ready = () => isReady() && search.ready !== false;

  app.get('/healthz', (c) => {
    if (!ready()) return c.json({ ok: true, ready: false, generation: null, docs: 0 }, 503);
    const stats = ctx.search.stats() as ReturnType<BotContext['search']['stats']> & { generation?: string | null };
    const generation = stats.generation ?? search.generation?.() ?? null;
    return c.json({ ok: true, ready: true, generation, docs: stats.docs.length, passages: stats.passages, figures: stats.figures, builtAt: stats.builtAt });
  });

  app.post(
    '/interactions',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: 'body too large' }, 413) }),
    async (c) => {
      const raw = new Uint8Array(await c.req.arrayBuffer());
      const verdict = verifyRequest(key, { signature: c.req.header('x-signature-ed25519'), timestamp: c.req.header('x-signature-timestamp') }, raw, now());
      if (!verdict.ok) {
        logger.warn('http interaction refused', { reason: verdict.reason });
        return c.json({ error: 'invalid request signature' }, 401);
      }
      let payload: APIInteraction;
      try {
        payload = JSON.parse(new TextDecoder().decode(raw)) as APIInteraction;
      } catch {
        return c.json({ error: 'body is not JSON' }, 400);
      }
      // Discord checks the endpoint with PINGs (also when it is saved in the Developer Portal).
      if (payload.type === InteractionType.Ping) return c.json({ type: InteractionResponseType.Pong });
      if (!ready()) return c.json({ error: 'index not loaded yet' }, 503, { 'Retry-After': '1' });
      if (typeof payload.id !== 'string' || typeof payload.token !== 'string') return c.json({ error: 'not an interaction' }, 400);
      // Within the five minutes a signature is accepted, the same interaction is answered once.
      if (replays.seen(payload.id, now())) {
        logger.warn('http interaction refused', { reason: 'replayed interaction', id: payload.id });
        return c.json({ error: 'invalid request signature' }, 401);
      }

      const outgoing = c.env?.outgoing;
      const sent = outgoing ? new Promise<void>((resolve) => (outgoing.once('finish', resolve), outgoing.once('close', resolve))) : Promise.resolve();
      const response = await bridge.handle(payload, sent);
      return c.body(response.body as Uint8Array<ArrayBuffer>, response.status as 200, { 'Content-Type': response.contentType });
    },
  );

  app.onError((error, c) => {
    logger.error('http server error', { error: describeError(error) });
    return c.json({ error: 'internal error' }, 500);
  });
  return app;
}

/** Interaction ids answered in the last replay window (per process: another replica does not know them). */
function replayGuard(): { seen(id: string, nowMs: number): boolean } {
  const until = new Map<string, number>();
  return {
    seen(id, nowMs) {
      if ((until.get(id) ?? 0) > nowMs) return true;
      // Map order is insertion order, so the expired ones are at the front.
      for (const [old, expires] of until) {
        if (expires > nowMs) break;
        until.delete(old);
      }
      until.set(id, nowMs + 2 * MAX_CLOCK_SKEW_S * 1000);
      return false;
    },
  };
}

export interface InteractionsServerOptions {
  ctx: BotContext;
  /** Default: `ctx.config.port`. 0 listens on any free port (read it back from `port`). */
  port?: number;
  hostname?: string;
  isReady?: () => boolean;
  /** Default: `createDispatcher(ctx)`, the gateway's dispatcher. */
  dispatch?: Parameters<typeof createInteractionBridge>[0]['dispatch'];
  deferAfterMs?: number;
  now?: () => number;
}

export interface RunningInteractionsServer {
  port: number;
  url: string;
  bridge: InteractionBridge;
  /** Stops accepting requests, lets running interactions (deferred work) finish, then closes. */
  stop(): Promise<void>;
}

/**
 * `INTERACTIONS_MODE=http`: Discord's signed HTTP requests on `POST /interactions`, answered by
 * the same dispatcher, commands, renderers and `deliver()` as the gateway. No bot token: the
 * initial response is the HTTP response, and edits and follow-ups are webhook calls.
 *
 * @example
 * const server = await startInteractionsServer({ ctx: { config, search: engine, logger } });
 * // Interactions Endpoint URL: https://bot.example.org/interactions
 * await server.stop();
 */
export async function startInteractionsServer(options: InteractionsServerOptions): Promise<RunningInteractionsServer> {
  const { ctx } = options;
  const { config, logger } = ctx;
  if (!config.discordPublicKey) {
    throw new AppError('CONFIG_INVALID', 'http/server: DISCORD_PUBLIC_KEY is not set (copy the public key from the Developer Portal into .env)');
  }
  const bridge = createInteractionBridge({
    dispatch: options.dispatch ?? createDispatcher(ctx),
    logger,
    apiUrl: config.discordApiUrl,
    deferAfterMs: options.deferAfterMs,
  });
  const app = createInteractionsApp({ ctx, publicKey: config.discordPublicKey, bridge, isReady: options.isReady, now: options.now });
  const port = options.port ?? config.port;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    // Not overriding the global Request/Response: discord.js shares this process.
    const s = serve({ fetch: app.fetch, port, hostname: options.hostname, overrideGlobalObjects: false }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '::' || host === '[::]' || host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  logger.info('http interactions listening', { port: address.port, path: '/interactions' });
  return {
    port: address.port,
    url,
    bridge,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await bridge.idle();
      await closed;
      await bridge.destroy();
      logger.info('http interactions stopped');
    },
  };
}
