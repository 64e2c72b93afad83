import { createHash } from 'node:crypto';

/**
 * The two transformations applied before anything is stored or compared: user ids become
 * salted hashes, queries get a folded key so that reports group what users meant as one.
 */

/**
 * sha256(salt + id) as lowercase hex. Discord ids are sequential snowflakes, so an unsalted
 * hash could be reversed by enumeration; the salt is the secret that prevents it.
 *
 * @example
 * hashUser('s3cret', '1234567890'); // '9c1e…' (64 hex characters)
 */
export function hashUser(salt: string, id: string): string {
  return createHash('sha256').update(salt + id, 'utf8').digest('hex');
}

/** Whether a string looks like `hashUser`'s output (so a raw id passed as a hash is refused). */
export function isUserHash(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

/**
 * The grouping key of a query: NFKC (full-width Latin letters and digits, ideographic spaces
 * and compatibility forms become their plain forms), whitespace runs as one space, trimmed of
 * spaces and of a closing question mark or full stop (`…是多少？` and `…是多少` are one question).
 * Case and script (traditional/simplified) are kept: reports show this key, and it should
 * still read as what a user typed.
 *
 * @example
 * foldQuery('珠海高新区ＧＤＰ '); // '珠海高新区GDP'
 * foldQuery('梅河口离长春有多远？'); // '梅河口离长春有多远'
 */
export function foldQuery(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, ' ').trim().replace(/[\s?!.。]+$/u, '');
}
