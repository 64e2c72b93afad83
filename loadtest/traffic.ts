import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { interactionBase, snowflake, type FakeIds } from '../test/fake-discord/payloads.js';

/**
 * What the load test sends: Discord-shaped interaction payloads (the fields discord.js 14 reads,
 * from the fake Discord's `interactionBase`), each with a fresh interaction id, token and user,
 * signed as Discord signs them; and how an answer is reduced to a comparable string.
 */

export type Operation = 'figure' | 'ask' | 'autocomplete';
export const OPERATIONS: readonly Operation[] = ['figure', 'ask', 'autocomplete'];

interface OptionSpec {
  name: string;
  value: string;
  focused?: boolean;
}

export interface Query {
  /** A stable key for reports: `figure 招商引资 zone:梅河口`. */
  key: string;
  op: Operation;
  command: string;
  options: OptionSpec[];
}

const query = (op: Operation, command: string, options: OptionSpec[]): Query => ({
  key: `${op === 'autocomplete' ? `autocomplete ${command}` : command} ${options.map((o) => (o.focused ? `${o.name}:${o.value}…` : `${o.name}:${o.value}`)).join(' ')}`,
  op,
  command,
  options,
});

/**
 * The added document. It names 武汉东湖高新区 (光谷), which the seeds never do, so several answers
 * below differ between the generation without it and the one with it.
 */
export const ADDED_DOCUMENT = 'test/fixtures/unseen/docs/wuhan-optics-valley-2024.txt';

/**
 * The mix, sent in turn on every connection: a third /figure, a third /ask, a third autocomplete.
 * The ones marked differ between the two generations (checked at start-up, not assumed).
 */
export const QUERIES: readonly Query[] = [
  query('figure', 'figure', [{ name: 'query', value: '招商引资' }, { name: 'zone', value: '梅河口' }]),
  query('ask', 'ask', [{ name: 'question', value: '梅河口离长春有多远？' }]),
  query('autocomplete', 'zone', [{ name: 'name', value: '高新', focused: true }]), // marker: the high-tech zones, then with 武汉东湖高新区
  // marker: "the documents do not cover 武汉市" → figures and a chart (multipart)
  query('figure', 'figure', [{ name: 'query', value: '地区生产总值' }, { name: 'zone', value: '武汉' }]),
  query('ask', 'ask', [{ name: 'question', value: '光谷2024年地区生产总值是多少？' }]), // marker: no answer → 3200亿元
  query('autocomplete', 'figure', [{ name: 'query', value: '地区', focused: true }]), // marker: count 4 → 7
  query('figure', 'figure', [{ name: 'query', value: '固定资产投资' }]),
  query('ask', 'ask', [{ name: 'question', value: '经开区培育了哪些新兴产业' }]),
  query('autocomplete', 'zone', [{ name: 'name', value: '梅河', focused: true }]),
];

/** The ids the fake Discord would use; nothing checks them but discord.js's parsing. */
export const IDS: FakeIds = {
  applicationId: '100000000000000001',
  guildId: '100000000000000002',
  channelId: '100000000000000003',
  dmChannelId: '100000000000000004',
  adminRoleId: '100000000000000005',
  bot: { id: '100000000000000006', username: 'zone-docs-bot', global_name: 'zone-docs-bot', discriminator: '0', avatar: null, bot: true },
};

/** Registered command ids: the bridge and the dispatcher route by name, so any stable snowflake does. */
const COMMAND_IDS: Record<string, string> = { figure: '110000000000000001', ask: '110000000000000002', zone: '110000000000000003' };

export interface SigningKey {
  privateKey: KeyObject;
  /** The public key as the Developer Portal shows it (64 hex digits): `DISCORD_PUBLIC_KEY`. */
  publicHex: string;
}

/**
 * A fresh Ed25519 key pair, standing in for the application's.
 *
 * @example
 * signingKey().publicHex; // 'a1b2…' (64 hex digits)
 */
export function signingKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicHex: Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex') };
}

export interface SignedInteraction {
  id: string;
  token: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * One interaction for `q`: a new id, token and user every time (the server refuses a replayed id,
 * and per-user limits must not decide the numbers), signed over timestamp + body.
 *
 * @example
 * const { body, headers } = signedInteraction(key, QUERIES[0]!);
 * await fetch(`${url}/interactions`, { method: 'POST', headers, body });
 */
export function signedInteraction(key: SigningKey, q: Query): SignedInteraction {
  const id = snowflake();
  const token = `loadtest-${id}-${Math.random().toString(36).slice(2, 10)}`;
  const payload = {
    ...interactionBase(IDS, { userId: snowflake(), username: 'load' }, id, token),
    type: q.op === 'autocomplete' ? 4 : 2,
    data: {
      id: COMMAND_IDS[q.command] ?? '110000000000000009',
      name: q.command,
      type: 1,
      options: q.options.map((o) => ({ name: o.name, type: 3, value: o.value, ...(o.focused ? { focused: true } : {}) })),
    },
  };
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign(null, Buffer.from(timestamp + body), key.privateKey).toString('hex');
  return { id, token, body, headers: { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp } };
}

/**
 * An answer reduced to what the user sees, so answers compare across responses: the callback
 * type, and the message (content, embeds, components, attachment names) or the choices. A
 * multipart body (a chart) is reduced to its `payload_json` part: the PNG bytes and the
 * boundary are left out.
 */
export interface Answer {
  /** 4 message, 5 deferred (the message comes as a webhook edit), 8 choices; 0 unreadable. */
  type: number;
  text: string;
}

/**
 * Reads an interaction response (or, with `asMessage`, a webhook edit's body).
 *
 * @example
 * answerOf('application/json', Buffer.from('{"type":8,"data":{"choices":[]}}')); // { type: 8, text: '[]' }
 */
export function answerOf(contentType: string, bytes: Buffer, asMessage = false): Answer {
  const json = contentType.startsWith('multipart/form-data') ? payloadJson(contentType, bytes) : bytes.toString('utf8');
  if (json === null) return { type: 0, text: bytes.toString('utf8').slice(0, 200) };
  let parsed: { type?: number; data?: Record<string, unknown> } & Record<string, unknown>;
  try {
    parsed = JSON.parse(json) as typeof parsed;
  } catch {
    return { type: 0, text: json.slice(0, 200) };
  }
  const message = asMessage ? parsed : (parsed.data ?? {});
  const type = asMessage ? 4 : (parsed.type ?? 0);
  if (type === 8) return { type, text: JSON.stringify(message.choices ?? null) };
  if (type !== 4 && type !== 7) return { type, text: '' };
  const attachments = Array.isArray(message.attachments) ? (message.attachments as { filename?: string }[]).map((a) => a.filename ?? '?') : [];
  return { type: 4, text: JSON.stringify({ content: message.content ?? '', embeds: message.embeds ?? [], components: withoutVoteIds(message.components ?? []), attachments }) };
}

/**
 * The 👍/👎 buttons carry the usage memory's answer number (`1["v",17,"u"]`, src/bot/codec.ts),
 * new for every answer: left out of the comparison.
 */
function withoutVoteIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVoteIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'custom_id' && typeof v === 'string' ? v.replace(/^(\d+\["v",)\d+,/, '$1#,') : withoutVoteIds(v)]),
  );
}

/** The `payload_json` part of a multipart body, without decoding the file parts. */
function payloadJson(contentType: string, bytes: Buffer): string | null {
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) return null;
  const name = bytes.indexOf('name="payload_json"');
  if (name < 0) return null;
  const start = bytes.indexOf('\r\n\r\n', name);
  const end = bytes.indexOf(`\r\n--${boundary}`, start);
  return start < 0 || end < 0 ? null : bytes.subarray(start + 4, end).toString('utf8');
}

/** A short digest of an answer, for counting distinct answers cheaply. */
export const digest = (text: string): string => createHash('sha1').update(text).digest('hex');
