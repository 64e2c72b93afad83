import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** A dependency's version from its package.json (found beside its entry point; some packages don't export it). */
function versionOf(name: string): string {
  const entry = require.resolve(name);
  const root = entry.slice(0, entry.lastIndexOf(`node_modules/${name}/`) + `node_modules/${name}/`.length);
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * This app's version, from the nearest package.json above this module: `src/search/` under tsx,
 * `dist/src/search/` when compiled (`npm run build`), so no fixed relative path.
 */
function appVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (dirname(dir) === dir) throw new Error('versions: no package.json above ' + fileURLToPath(import.meta.url));
  }
}

/**
 * What a persisted index depends on. Bump `format` whenever cleaning, segmentation, figure
 * or zone extraction changes what gets indexed: an index of another format is rebuilt.
 */
export const VERSIONS = {
  format: 26,
  libraries: {
    app: appVersion(),
    minisearch: versionOf('minisearch'),
    nodejieba: versionOf('nodejieba'),
    // Extraction output depends on these: a new version re-extracts.
    mammoth: versionOf('mammoth'),
    'pdfjs-dist': versionOf('pdfjs-dist'),
  },
};
