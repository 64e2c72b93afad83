/**
 * Why a seed file cannot be indexed, in words for the operator (`stats().skipped`). Thrown
 * by decoders and extractors, caught by `readSeeds`, which skips the file: it never escapes
 * the corpus loader, so it is not one of the app's typed errors.
 *
 * @example
 * throw new SeedUnreadable('encrypted PDF (needs a password)');
 */
export class SeedUnreadable extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'SeedUnreadable';
  }
}
