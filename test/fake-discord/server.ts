/**
 * A small fake of Discord for tests: the REST routes and the gateway protocol discord.js 14
 * actually uses (read from @discordjs/rest, @discordjs/ws and discord.js sources), on
 * 127.0.0.1. Point the unmodified client at it with `rest: { api: fake.apiUrl }`; the gateway
 * URL comes from `GET /gateway/bot` as it does in production.
 *
 * What the client does, and so what this serves:
 * - `GET /api/v10/gateway/bot` (with `Authorization: Bot <token>`) → `{ url, shards, session_start_limit }`.
 * - WebSocket to `<url>?v=10&encoding=json` (no `compress`: zlib-sync is not installed, and
 *   identify compression is off) → HELLO; the client heartbeats (op 1 → op 11 ACK) and
 *   IDENTIFIES (op 2: token, intents, properties, shard) → READY, then GUILD_CREATE for each
 *   guild READY listed as unavailable; only then does discord.js emit `clientReady`. A client
 *   that misses a heartbeat ACK (its event loop was busy) reconnects and RESUMES (op 6): the
 *   dispatches it missed are replayed, then RESUMED, as Discord does.
 * - Interaction responses: `POST /interactions/:id/:token/callback?with_response=false` (no
 *   auth) → 204; edits `PATCH /webhooks/:app/:token/messages/@original` and follow-ups
 *   `POST /webhooks/:app/:token?wait=true` → the message object.
 * - Command registration (`npm run deploy-commands`): `PUT`/`GET /applications/:app(/guilds/:guild)/commands`.
 * Anything else answers 404 in Discord's error shape and is kept in `unhandled`.
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  DEFAULT_USER_ID,
  applyMessageBody,
  guildCreate,
  interactionBase,
  ready,
  snowflake,
  user,
  type Actor,
  type FakeIds,
  type FakeMessage,
} from './payloads.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  auth: string | null;
  body: unknown;
}

/** Something the bot sent in answer to an interaction. */
export type InteractionResponse =
  | { kind: 'callback'; type: number; data: Record<string, unknown> | undefined; query: Record<string, string>; files: UploadedFile[] }
  | { kind: 'edit'; messageId: string; body: Record<string, unknown>; files: UploadedFile[] }
  | { kind: 'followup'; body: Record<string, unknown>; files: UploadedFile[] };

export interface InteractionHandle {
  id: string;
  token: string;
  /** Everything answered so far, in order. */
  responses: InteractionResponse[];
  /** The next response not yet returned by `next`, waiting up to `timeoutMs`. */
  next(timeoutMs?: number): Promise<InteractionResponse>;
  /** The message this interaction created or updated last (for clicking its buttons). */
  message(): FakeMessage | undefined;
}

export interface OptionValue {
  name: string;
  /** A string, an integer, a boolean, or an attachment's id (with `type: 11`). */
  value: string | number | boolean;
  focused?: boolean;
  /** Discord's option type; default 3 (string). */
  type?: number;
}

/** A file a user attached, as Discord describes it in `resolved.attachments`. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
}

export interface FakeDiscord {
  apiUrl: string;
  gatewayUrl: string;
  token: string;
  ids: FakeIds;
  requests: RecordedRequest[];
  unhandled: RecordedRequest[];
  /** IDENTIFY payloads received. */
  identifies: Record<string, unknown>[];
  /** Query strings of gateway connections (`v`, `encoding`, `compress`). */
  connections: Record<string, string>[];
  heartbeats: number;
  /** RESUMEs of a known session (a client that lost its connection and got what it missed). */
  resumes: number;
  /** Interactions dispatched so far. */
  interactionCount: number;
  /** Registered commands per scope: `global` or the guild id. */
  commands: Map<string, Record<string, unknown>[]>;
  command(name: string, options?: OptionValue[], actor?: Actor): InteractionHandle;
  /** Autocomplete of an option, inside subcommand `sub` when given (as Discord nests it). */
  autocomplete(name: string, options: OptionValue[], actor?: Actor, sub?: string): InteractionHandle;
  click(message: FakeMessage, customId: string, actor?: Actor): InteractionHandle;
  /**
   * Stores bytes as an attachment served from the fake's CDN URL, the way Discord hands a
   * command its files: an entry with `url`, `size`, `content_type`, `filename`. `claims`
   * overrides what the entry says (a lying size or type); the bytes served stay the real ones.
   */
  attach(bytes: Buffer, filename: string, claims?: { size?: number; contentType?: string; trickleMs?: number }): FakeAttachment;
  /** A subcommand (`/docs add …`), with its attachments resolved as Discord sends them. */
  subcommand(name: string, sub: string, options?: OptionValue[], actor?: Actor, attachments?: FakeAttachment[]): InteractionHandle;
  /** How many times each attachment was downloaded, by id. */
  downloads: Map<string, number>;
  /**
   * Submits a form the bot opened (a modal callback, type 9) with the given field values, as
   * Discord sends it: one label component per field wrapping a text input.
   */
  submit(modal: Record<string, unknown>, values: Record<string, string>, actor?: Actor, message?: FakeMessage): InteractionHandle;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body?: unknown) => {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
};

/** A file the bot uploaded with a message (multipart `files[n]`). */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * A request body as Discord reads it: JSON, or multipart/form-data with the JSON in
 * `payload_json` and the files beside it (how discord.js sends attachments).
 */
async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (type.includes('multipart/form-data')) {
    const form = await new Request('http://fake.invalid/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
    const files: UploadedFile[] = [];
    let body: unknown;
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value) as unknown;
      } else {
        files.push({ field, filename: value.name, contentType: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
      }
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  if (!text) return { body: undefined, files: [] };
  if (!type.includes('application/json')) return { body: text, files: [] };
  return { body: JSON.parse(text) as unknown, files: [] };
}

/**
 * Starts the fake on a free port.
 *
 * @example
 * const fake = await startFakeDiscord();
 * const bot = await startBot({ config: loadConfig({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl }), search, logger });
 * const reply = await fake.command('figure', [{ name: 'query', value: '招商引资' }]).next();
 */
/** How many dispatches a session keeps for RESUME (Discord keeps a few minutes' worth). */
const REPLAY_LIMIT = 1000;

export async function startFakeDiscord(options: { heartbeatIntervalMs?: number } = {}): Promise<FakeDiscord> {
  const heartbeatInterval = options.heartbeatIntervalMs ?? 1000;
  const token = 'fake.bot.token.for-tests-only.0123456789';
  const ids: FakeIds = {
    applicationId: '100000000000000001',
    guildId: '100000000000000002',
    channelId: '100000000000000003',
    dmChannelId: '100000000000000004',
    adminRoleId: '100000000000000005',
    bot: user('100000000000000001', 'zone-docs-bot', true),
  };
  const events = new EventEmitter();
  const requests: RecordedRequest[] = [];
  const unhandled: RecordedRequest[] = [];
  const identifies: Record<string, unknown>[] = [];
  const connections: Record<string, string>[] = [];
  const commands = new Map<string, Record<string, unknown>[]>();
  const sockets = new Set<WebSocket>();
  const messages = new Map<string, FakeMessage>();
  const files = new Map<string, Buffer>();
  const downloads = new Map<string, number>();
  const trickle = new Map<string, number>();

  interface Pending {
    handle: InteractionHandle;
    acknowledged: boolean;
    /** The message `@original` refers to: the reply, or the message a button sits on. */
    originalId: string | null;
    channelId: string;
    actor: Actor;
  }
  const interactions = new Map<string, Pending>();
  const byToken = new Map<string, Pending>();
  /** Gateway sessions by id: a session outlives its connection, for RESUME. */
  interface Session {
    id: string;
    ws: WebSocket | null;
    seq: number;
    sent: { op: 0; t: string; s: number; d: unknown }[];
  }
  const sessions = new Map<string, Session>();
  let heartbeats = 0;
  let resumes = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => json(res, 500, { message: String(error), code: 0 }));
  });
  const wss = new WebSocketServer({ server, path: '/gateway' });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const apiUrl = `http://127.0.0.1:${port}/api`;
  const gatewayUrl = `ws://127.0.0.1:${port}/gateway`;

  const send = (ws: WebSocket, payload: Record<string, unknown>) => ws.send(JSON.stringify(payload));
  /**
   * Sends a dispatch in the session, and keeps it so a client that lost its connection (a missed
   * heartbeat ACK while its event loop was busy) gets it on RESUME, as Discord replays them.
   */
  const emit = (session: Session, t: string, d: unknown) => {
    session.seq += 1;
    const event = { op: 0 as const, t, s: session.seq, d };
    session.sent.push(event);
    if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
    if (session.ws && session.ws.readyState === session.ws.OPEN) send(session.ws, event);
  };
  const dispatch = (t: string, d: unknown) => {
    for (const session of sessions.values()) emit(session, t, d);
  };

  wss.on('connection', (ws, req) => {
    connections.push(Object.fromEntries(new URL(req.url ?? '/', gatewayUrl).searchParams));
    sockets.add(ws);
    let attached: Session | null = null;
    ws.on('close', () => {
      sockets.delete(ws);
      if (attached?.ws === ws) attached.ws = null;
    });
    send(ws, { op: 10, d: { heartbeat_interval: heartbeatInterval } });
    ws.on('message', (raw) => {
      const payload = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (payload.op === 1) {
        heartbeats += 1;
        send(ws, { op: 11 });
      } else if (payload.op === 2) {
        identifies.push(payload.d);
        if (payload.d.token !== token) {
          ws.close(4004, 'Authentication failed.');
          return;
        }
        attached = { id: snowflake(), ws, seq: 0, sent: [] };
        sessions.set(attached.id, attached);
        emit(attached, 'READY', ready(ids, attached.id, gatewayUrl));
        emit(attached, 'GUILD_CREATE', guildCreate(ids));
      } else if (payload.op === 6) {
        const session = sessions.get(String(payload.d.session_id));
        if (payload.d.token !== token || !session) {
          // An unknown session: the client must identify again (what it missed is lost).
          send(ws, { op: 9, d: false });
          return;
        }
        resumes += 1;
        if (session.ws && session.ws !== ws) session.ws.terminate();
        session.ws = ws;
        attached = session;
        const after = Number(payload.d.seq ?? 0);
        for (const event of session.sent) if (event.s > after) send(ws, event);
        emit(session, 'RESUMED', {});
      }
    });
  });

  /**
   * A message body's `attachments` as Discord stores them: each new file (`{ id: '0' }` →
   * `files[0]`) gets a CDN URL the fake serves; kept ones stay; the rest are dropped.
   */
  const withFiles = (body: Record<string, unknown>, uploaded: UploadedFile[]): Record<string, unknown> => {
    if (!Array.isArray(body.attachments)) return body;
    const attachments = (body.attachments as { id: string | number; filename?: string }[]).map((a) => {
      const file = uploaded.find((f) => f.field === `files[${a.id}]`);
      if (!file) return a;
      const id = snowflake();
      files.set(id, file.bytes);
      const url = `http://127.0.0.1:${port}/attachments/${id}/${encodeURIComponent(a.filename ?? file.filename)}`;
      return { id, filename: a.filename ?? file.filename, size: file.bytes.length, url, proxy_url: url, content_type: file.contentType };
    });
    return { ...body, attachments };
  };

  const authorized = (req: IncomingMessage) => req.headers.authorization === `Bot ${token}`;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', apiUrl);
    const { body, files: uploaded } = await readBody(req);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), auth: req.headers.authorization ?? null, body };
    requests.push(recorded);
    const route = `${recorded.method} ${decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '')}`;
    let m: RegExpMatchArray | null;

    if (route === 'GET /gateway/bot') {
      if (!authorized(req)) return json(res, 401, { message: '401: Unauthorized', code: 0 });
      return json(res, 200, { url: gatewayUrl, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } });
    }
    if (route === 'GET /gateway') return json(res, 200, { url: gatewayUrl });
    if ((m = url.pathname.match(/^\/attachments\/(\d+)\/[^/]+$/)) && recorded.method === 'GET') {
      const file = files.get(m[1]!);
      if (!file) return json(res, 404, { message: 'Not Found', code: 0 });
      downloads.set(m[1]!, (downloads.get(m[1]!) ?? 0) + 1);
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(file.length) });
      // A slow network: the body in ten pieces, `trickleMs` apart.
      const pause = trickle.get(m[1]!) ?? 0;
      for (let at = 0, step = Math.ceil(file.length / 10); at < file.length; at += step) {
        if (pause) await new Promise((resolve) => setTimeout(resolve, pause));
        if (res.destroyed) return;
        res.write(file.subarray(at, at + step));
      }
      res.end();
      return;
    }
    if (route === 'GET /users/@me') {
      if (!authorized(req)) return json(res, 401, { message: '401: Unauthorized', code: 0 });
      return json(res, 200, { ...ids.bot, verified: true, mfa_enabled: false, flags: 0 });
    }
    if ((m = route.match(/^(PUT|GET) \/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      if (!authorized(req)) return json(res, 401, { message: '401: Unauthorized', code: 0 });
      if (m[2] !== ids.applicationId) return json(res, 403, { message: 'Missing Access', code: 50001 });
      const scope = m[3] ?? 'global';
      if (m[1] === 'PUT') {
        const existing = new Map((commands.get(scope) ?? []).map((c) => [c.name as string, c.id as string]));
        // PUT replaces the whole set; a command keeps its id across PUTs, as on Discord.
        const stored = (body as Record<string, unknown>[]).map((c) => ({ ...c, id: existing.get(c.name as string) ?? snowflake(), application_id: ids.applicationId, version: snowflake(), ...(m![3] ? { guild_id: m![3] } : {}) }));
        commands.set(scope, stored);
      }
      return json(res, 200, commands.get(scope) ?? []);
    }
    if ((m = route.match(/^POST \/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const pending = interactions.get(m[1]!);
      if (!pending || pending.handle.token !== m[2]) return json(res, 404, { message: 'Unknown interaction', code: 10062 });
      if (pending.acknowledged) return json(res, 400, { message: 'Interaction has already been acknowledged.', code: 40060 });
      pending.acknowledged = true;
      const { type, data } = body as { type: number; data?: Record<string, unknown> };
      if (type === 4 || type === 5) {
        const message = applyMessageBody(ids, pending.channelId, undefined, withFiles(data ?? {}, uploaded), 20);
        const invoker = user(pending.actor.userId ?? DEFAULT_USER_ID, pending.actor.username ?? 'tester');
        message.interaction_metadata = { id: m[1]!, type: 2, user: invoker, authorizing_integration_owners: {} };
        messages.set(message.id, message);
        pending.originalId = message.id;
      } else if (type === 7 && pending.originalId) {
        messages.set(pending.originalId, applyMessageBody(ids, pending.channelId, messages.get(pending.originalId), withFiles(data ?? {}, uploaded), 20));
      }
      record(pending, { kind: 'callback', type, data, query: recorded.query, files: uploaded });
      if (recorded.query.with_response === 'true') {
        return json(res, 200, { interaction: { id: m[1], type: 2 }, resource: { type, message: pending.originalId ? messages.get(pending.originalId) : undefined } });
      }
      return json(res, 204);
    }
    if ((m = route.match(/^(PATCH|GET|DELETE) \/webhooks\/(\d+)\/([^/]+)\/messages\/([^/]+)$/))) {
      const pending = byToken.get(m[3]!);
      const messageId = m[4] === '@original' ? pending?.originalId : m[4];
      const message = messageId ? messages.get(messageId) : undefined;
      if (!pending || !pending.acknowledged || !message) return json(res, 404, { message: 'Unknown Message', code: 10008 });
      if (m[1] === 'GET') return json(res, 200, message);
      if (m[1] === 'DELETE') {
        messages.delete(message.id);
        return json(res, 204);
      }
      const edited = applyMessageBody(ids, pending.channelId, message, withFiles(body as Record<string, unknown>, uploaded), message.type);
      messages.set(edited.id, edited);
      record(pending, { kind: 'edit', messageId: edited.id, body: body as Record<string, unknown>, files: uploaded });
      return json(res, 200, edited);
    }
    if ((m = route.match(/^POST \/webhooks\/(\d+)\/([^/]+)$/))) {
      const pending = byToken.get(m[2]!);
      if (!pending || !pending.acknowledged) return json(res, 404, { message: 'Unknown Webhook', code: 10015 });
      const message = applyMessageBody(ids, pending.channelId, undefined, withFiles(body as Record<string, unknown>, uploaded), 0);
      messages.set(message.id, message);
      record(pending, { kind: 'followup', body: body as Record<string, unknown>, files: uploaded });
      return json(res, 200, message);
    }
    unhandled.push(recorded);
    // Printed as well as kept: a route the bot needs and the fake lacks should be obvious.
    process.stderr.write(`fake-discord: no route for ${route}\n`);
    return json(res, 404, { message: '404: Not Found', code: 0 });
  }

  function record(pending: Pending, response: InteractionResponse): void {
    pending.handle.responses.push(response);
    events.emit(`response:${pending.handle.id}`);
  }

  function open(payload: (id: string, token: string) => Record<string, unknown>, originalId: string | null, actor: Actor): InteractionHandle {
    const id = snowflake();
    const interactionToken = `itoken-${id}`;
    let read = 0;
    const handle: InteractionHandle = {
      id,
      token: interactionToken,
      responses: [],
      next(timeoutMs = 10_000) {
        return new Promise((resolve, reject) => {
          const take = () => {
            if (read < handle.responses.length) {
              clearTimeout(timer);
              events.off(`response:${id}`, take);
              resolve(handle.responses[read++]!);
            }
          };
          const timer = setTimeout(() => {
            events.off(`response:${id}`, take);
            reject(new Error(`fake-discord: no response #${read + 1} to interaction ${id} within ${timeoutMs} ms (got ${handle.responses.length})`));
          }, timeoutMs);
          events.on(`response:${id}`, take);
          take();
        });
      },
      message: () => (pending.originalId ? messages.get(pending.originalId) : undefined),
    };
    const channelId = actor.where === 'dm' ? ids.dmChannelId : ids.channelId;
    const pending: Pending = { handle, acknowledged: false, originalId, channelId, actor };
    interactions.set(id, pending);
    byToken.set(interactionToken, pending);
    dispatch('INTERACTION_CREATE', payload(id, interactionToken));
    return handle;
  }

  const commandId = (name: string, actor: Actor) => {
    const scope = actor.where === 'dm' ? 'global' : ids.guildId;
    const registered = [...(commands.get(scope) ?? []), ...(commands.get('global') ?? [])].find((c) => c.name === name);
    return (registered?.id as string | undefined) ?? snowflake();
  };
  const toOptions = (options: OptionValue[]) => options.map((o) => ({ name: o.name, type: o.type ?? 3, value: o.value, ...(o.focused ? { focused: true } : {}) }));

  return {
    apiUrl,
    gatewayUrl,
    token,
    ids,
    requests,
    unhandled,
    identifies,
    connections,
    get heartbeats() {
      return heartbeats;
    },
    get resumes() {
      return resumes;
    },
    get interactionCount() {
      return interactions.size;
    },
    commands,
    command(name, options = [], actor = {}) {
      return open((id, t) => ({ ...interactionBase(ids, actor, id, t), type: 2, data: { id: commandId(name, actor), name, type: 1, options: toOptions(options) } }), null, actor);
    },
    autocomplete(name, options, actor = {}, sub) {
      const nested = sub ? [{ type: 1, name: sub, options: toOptions(options) }] : toOptions(options);
      return open((id, t) => ({ ...interactionBase(ids, actor, id, t), type: 4, data: { id: commandId(name, actor), name, type: 1, options: nested } }), null, actor);
    },
    submit(modal, values, actor = {}, message) {
      const labels = (modal.components as { type: number; component?: { type: number; custom_id: string } }[]) ?? [];
      const components = labels
        .filter((l) => l.type === 18 && l.component?.type === 4)
        .map((l, i) => ({ type: 18, id: i + 1, component: { type: 4, id: i + 100, custom_id: l.component!.custom_id, value: values[l.component!.custom_id] ?? '' } }));
      return open(
        (id, t) => ({ ...interactionBase(ids, actor, id, t), type: 5, ...(message ? { message } : {}), data: { custom_id: modal.custom_id as string, components } }),
        message?.id ?? null,
        actor,
      );
    },
    downloads,
    attach(bytes, filename, claims = {}) {
      const id = snowflake();
      files.set(id, bytes);
      if (claims.trickleMs) trickle.set(id, claims.trickleMs);
      const url = `http://127.0.0.1:${port}/attachments/${id}/${encodeURIComponent(filename)}`;
      return { id, filename, size: claims.size ?? bytes.length, url, proxy_url: url, ...(claims.contentType ? { content_type: claims.contentType } : {}) };
    },
    subcommand(name, sub, options = [], actor = {}, attachments = []) {
      const resolved = attachments.length ? { resolved: { attachments: Object.fromEntries(attachments.map((a) => [a.id, a])) } } : {};
      return open(
        (id, t) => ({ ...interactionBase(ids, actor, id, t), type: 2, data: { id: commandId(name, actor), name, type: 1, options: [{ type: 1, name: sub, options: toOptions(options) }], ...resolved } }),
        null,
        actor,
      );
    },
    click(message, customId, actor = {}) {
      return open((id, t) => ({ ...interactionBase(ids, actor, id, t), type: 3, message, data: { custom_id: customId, component_type: 2 } }), message.id, actor);
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
