import {
  Client,
  DefaultRestOptions,
  Events,
  InteractionResponseType,
  InteractionType,
  Options,
  type APIInteraction,
  type Interaction,
  type RESTOptions,
  type ResponseLike,
} from 'discord.js';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';

/** The initial response to one interaction, as the body of the HTTP response to Discord's request. */
export interface InitialResponse {
  status: number;
  contentType: string;
  body: Uint8Array;
  /** How it came about: the dispatcher answered, the transport deferred for it, or nothing answered. */
  source: 'dispatcher' | 'deadline' | 'none';
}

export interface BridgeOptions {
  /** What runs each interaction: `createDispatcher(ctx)`, the same as the gateway's. */
  dispatch: (interaction: Interaction) => Promise<void>;
  logger: Logger;
  /** Discord's REST base URL for follow-ups and edits (`DISCORD_API_URL`); default Discord's own. */
  apiUrl?: string;
  /**
   * When the dispatcher has not answered after this long, the transport answers with a
   * deferral itself (Discord gives up after 3 s) and turns the late answer into an edit.
   */
  deferAfterMs?: number;
  /** Sends everything that is not an initial response; default @discordjs/rest's own transport. */
  forward?: RESTOptions['makeRequest'];
}

export interface InteractionBridge {
  /**
   * Runs one verified interaction through discord.js and the dispatcher and resolves with its
   * initial response. `sent` resolves once that response has been written to Discord, so that
   * nothing the dispatcher sends next (an edit, a follow-up) can overtake it.
   */
  handle(payload: APIInteraction, sent?: Promise<unknown>): Promise<InitialResponse>;
  /** Resolves when every interaction still running (deferred work, follow-ups) has finished. */
  idle(): Promise<void>;
  destroy(): Promise<void>;
}

/** Discord's deadline is 3 s from its request; leave room for the network both ways. */
export const DEFAULT_DEFER_AFTER_MS = 2500;
/** How long the intercepted callback waits for the HTTP response to go out before discord.js carries on. */
const SENT_WAIT_MS = 2000;
const CALLBACK_PATH = /\/interactions\/(\d+)\/([^/]+)\/callback$/;
const EPHEMERAL = 1 << 6;

interface Callback {
  type: number;
  data?: Record<string, unknown>;
}

/** A callback body as discord.js sent it: JSON, or multipart with `payload_json` and files. */
interface CapturedBody {
  callback: Callback;
  contentType: string;
  bytes: Uint8Array;
  form: FormData | null;
}

interface Pending {
  payload: APIInteraction;
  state: 'waiting' | 'answered' | 'deferred';
  resolve(response: InitialResponse): void;
  sent: Promise<unknown>;
  dispatched: Promise<void> | null;
}

const encoder = new TextEncoder();
const jsonResponse = (body: unknown, source: InitialResponse['source'], status = 200): InitialResponse => ({
  status,
  contentType: 'application/json',
  body: encoder.encode(JSON.stringify(body)),
  source,
});
/** What Discord would have answered discord.js (a fetch Response; its stream type differs only in the typings). */
const discordReply = (status: number, body?: unknown): ResponseLike =>
  (body === undefined ? new Response(null, { status }) : new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })) as unknown as ResponseLike;

/** What discord.js hands `makeRequest` (undici's RequestInit). */
type RestInit = Parameters<RESTOptions['makeRequest']>[1];

async function captureBody(body: RestInit['body']): Promise<CapturedBody> {
  if (body instanceof FormData) {
    // Serialised once, exactly as fetch would send it: the boundary is in the content type.
    const serialised = new Response(body);
    const bytes = new Uint8Array(await serialised.arrayBuffer());
    const callback = JSON.parse(String(body.get('payload_json'))) as Callback;
    return { callback, contentType: serialised.headers.get('content-type') ?? 'multipart/form-data', bytes, form: body };
  }
  const bytes = typeof body === 'string' ? encoder.encode(body) : new Uint8Array(await new Response(body as BodyInit).arrayBuffer());
  return { callback: JSON.parse(new TextDecoder().decode(bytes)) as Callback, contentType: 'application/json', bytes, form: null };
}

/** What the transport answers when the dispatcher is too slow: the deferral each interaction type allows. */
function deferralFor(payload: APIInteraction): Callback {
  switch (payload.type) {
    case InteractionType.ApplicationCommandAutocomplete:
      // Autocomplete cannot be deferred: an empty list now beats "loading failed".
      return { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } };
    case InteractionType.MessageComponent:
      return { type: InteractionResponseType.DeferredMessageUpdate };
    default:
      // Public, because answers are: an answer meant to be ephemeral will show to the channel.
      return { type: InteractionResponseType.DeferredChannelMessageWithSource };
  }
}

/**
 * HTTP interactions through the gateway's code path. One discord.js `Client` that never logs
 * in turns each raw payload into the real interaction object (`InteractionCreate` action, as
 * the gateway's INTERACTION_CREATE handler does) and the dispatcher runs on it unchanged. The
 * client's REST `makeRequest` intercepts `POST /interactions/{id}/{token}/callback`: its body
 * (JSON or multipart) becomes the HTTP response to Discord's request and discord.js gets the
 * 204 Discord would have sent. Everything else (edits of `@original`, follow-ups: webhook
 * routes that need no token) goes to the real API.
 *
 * @example
 * const bridge = createInteractionBridge({ dispatch: createDispatcher(ctx), logger, apiUrl: config.discordApiUrl });
 * const response = await bridge.handle(payload); // { status: 200, contentType: 'application/json', body: '{"type":4,…}' }
 */
export function createInteractionBridge(options: BridgeOptions): InteractionBridge {
  const { dispatch, logger } = options;
  const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  const forward = options.forward ?? DefaultRestOptions.makeRequest;
  const pending = new Map<string, Pending>();
  const running = new Set<Promise<void>>();

  const makeRequest: RESTOptions['makeRequest'] = async (url, init) => {
    const target = new URL(url);
    const match = CALLBACK_PATH.exec(target.pathname);
    const entry = match ? pending.get(match[1]!) : undefined;
    if (!match || !entry || entry.payload.token !== match[2]) return forward(url, init);
    const captured = await captureBody(init.body);
    if (entry.state === 'waiting') {
      entry.state = 'answered';
      entry.resolve({ status: 200, contentType: captured.contentType, body: captured.bytes, source: 'dispatcher' });
      await Promise.race([entry.sent, new Promise((resolve) => setTimeout(resolve, SENT_WAIT_MS).unref())]);
      if (target.searchParams.get('with_response') === 'true') {
        return discordReply(200, { interaction: { id: entry.payload.id, type: entry.payload.type }, resource: { type: captured.callback.type } });
      }
      return discordReply(204);
    }
    if (entry.state === 'deferred') return late(entry, captured, target, init);
    return discordReply(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
  };

  /** The dispatcher answers after the transport deferred for it: its answer becomes an edit or a follow-up. */
  async function late(entry: Pending, captured: CapturedBody, target: URL, init: RestInit): Promise<ResponseLike> {
    const { payload } = entry;
    const { type, data = {} } = captured.callback;
    const base = `${target.origin}${target.pathname.replace(CALLBACK_PATH, '')}/webhooks/${payload.application_id}/${payload.token}`;
    let method: 'PATCH' | 'POST';
    let url: string;
    let message = data;
    if (type === InteractionResponseType.ChannelMessageWithSource && payload.type === InteractionType.MessageComponent) {
      // A new message in answer to a button (原文): a follow-up keeps it new, and private if it was.
      [method, url] = ['POST', `${base}?wait=true`];
    } else if (type === InteractionResponseType.ChannelMessageWithSource || type === InteractionResponseType.UpdateMessage) {
      // The deferred reply (or the message the button sits on) becomes the answer.
      [method, url] = ['PATCH', `${base}/messages/@original`];
      const flags = typeof data.flags === 'number' ? data.flags & ~EPHEMERAL : undefined;
      message = { ...data, ...(flags !== undefined ? { flags } : {}) };
    } else if (type === InteractionResponseType.DeferredChannelMessageWithSource || type === InteractionResponseType.DeferredMessageUpdate) {
      return discordReply(204);
    } else {
      // Autocomplete choices or a modal: too late, Discord has closed that door.
      logger.warn('http interaction: answer after the deadline dropped', { id: payload.id, callbackType: type });
      return discordReply(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    }
    logger.warn('http interaction: answered after the deadline; sent as a webhook message', { id: payload.id, callbackType: type, method });
    let body: RestInit['body'];
    if (captured.form) {
      const form = new FormData();
      for (const [key, value] of captured.form.entries()) form.append(key, key === 'payload_json' ? JSON.stringify(message) : value);
      body = form as RestInit['body'];
    } else {
      body = JSON.stringify(message);
    }
    const headers = { ...(init.headers as Record<string, string>) };
    delete headers['Content-Type'];
    delete headers['content-type'];
    const response = await forward(url, { method, headers: captured.form ? headers : { ...headers, 'Content-Type': 'application/json' }, body });
    return response.ok ? discordReply(204) : response;
  }

  const client = new Client({
    intents: [],
    rest: { makeRequest, ...(options.apiUrl ? { api: options.apiUrl } : {}) },
    // No gateway, so nothing but the users of interactions would ever be cached; keep that bounded.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, UserManager: 1000, MessageManager: 0 }),
  });
  client.on(Events.InteractionCreate, (interaction) => {
    // The dispatcher has its own boundary; this catch only guards against a bug in it.
    const run = dispatch(interaction).catch((error: unknown) => logger.error('dispatcher failed', { error: describeError(error) }));
    const entry = pending.get(interaction.id);
    if (entry) entry.dispatched = run;
    running.add(run);
    void run.finally(() => running.delete(run));
  });
  // The same entry point the gateway's INTERACTION_CREATE handler uses; private in the typings.
  const actions = (client as unknown as { actions: { InteractionCreate: { handle(data: unknown): void } } }).actions;

  return {
    handle(payload, sent = Promise.resolve()) {
      return new Promise<InitialResponse>((resolve) => {
        const entry: Pending = { payload, state: 'waiting', resolve, sent, dispatched: null };
        pending.set(payload.id, entry);
        const timer = setTimeout(() => {
          if (entry.state !== 'waiting') return;
          entry.state = 'deferred';
          logger.warn('http interaction: no answer before the deadline; deferred by the transport', { id: payload.id, type: payload.type, afterMs: deferAfterMs });
          resolve(jsonResponse(deferralFor(payload), 'deadline'));
        }, deferAfterMs);
        const finish = () => {
          clearTimeout(timer);
          pending.delete(payload.id);
          if (entry.state === 'waiting') {
            entry.state = 'answered';
            resolve(jsonResponse({ message: 'no response', code: 0 }, 'none', 500));
          }
        };
        try {
          actions.InteractionCreate.handle(payload);
        } catch (error) {
          logger.error('http interaction: discord.js could not read the payload', { id: payload.id, type: payload.type, error: describeError(error) });
        }
        if (!entry.dispatched) {
          // An interaction type discord.js (and so the bot) does not handle.
          entry.state = 'answered';
          finish();
          resolve(jsonResponse({ message: 'unsupported interaction type', code: 0 }, 'none', 400));
          return;
        }
        void entry.dispatched.finally(finish);
      });
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async destroy() {
      await client.destroy();
    },
  };
}
