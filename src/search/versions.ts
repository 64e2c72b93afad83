import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** A dependency's version from its package.json (found beside its entry point; some packages don't export it). */
function versionOf(name: string): string {
  const entry = require.resolve(name);
  const root = entry.slice(0, entry.lastIndexOf(`node_modules/${name}/`) + `node_modules/${name}/`.length);
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * What a persisted index depends on. Bump `format` whenever cleaning, segmentation, figure
 * or zone extraction changes what gets indexed: an index of another format is rebuilt.
 */
export const VERSIONS = {
  format: 7,
  libraries: {
    app: (require('../../package.json') as { version: string }).version,
    minisearch: versionOf('minisearch'),
    nodejieba: versionOf('nodejieba'),
    // Extraction output depends on these: a new version re-extracts.
    mammoth: versionOf('mammoth'),
    'pdfjs-dist': versionOf('pdfjs-dist'),
  },
};
