import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** How far a request's timestamp may lie from our clock, either way, before it counts as a replay. */
export const MAX_CLOCK_SKEW_S = 5 * 60;

/**
 * The application's public key (64 hex digits, as the Developer Portal shows it) as a key
 * node:crypto verifies with.
 *
 * @example
 * const key = publicKeyFromHex(config.discordPublicKey); // KeyObject { type: 'public', asymmetricKeyType: 'ed25519' }
 */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new TypeError('http/verify: an Ed25519 public key is 64 hex digits');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

export type Verdict = { ok: true } | { ok: false; reason: 'missing headers' | 'malformed headers' | 'stale timestamp' | 'bad signature' };

/**
 * Whether a request really comes from Discord: an Ed25519 signature (`X-Signature-Ed25519`)
 * over `X-Signature-Timestamp` followed by the raw body bytes, with a timestamp within
 * five minutes of now so a captured request cannot be replayed later. Runs before the body
 * is parsed.
 *
 * @example
 * verifyRequest(key, { signature: req.header('x-signature-ed25519'), timestamp: req.header('x-signature-timestamp') }, rawBody);
 * // { ok: true } or { ok: false, reason: 'bad signature' }
 */
export function verifyRequest(key: KeyObject, headers: { signature: string | undefined; timestamp: string | undefined }, body: Uint8Array, nowMs = Date.now()): Verdict {
  const { signature, timestamp } = headers;
  if (!signature || !timestamp) return { ok: false, reason: 'missing headers' };
  if (!/^[0-9a-fA-F]{128}$/.test(signature) || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed headers' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_CLOCK_SKEW_S) return { ok: false, reason: 'stale timestamp' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verify(null, signed, key, Buffer.from(signature, 'hex')) ? { ok: true } : { ok: false, reason: 'bad signature' };
}
