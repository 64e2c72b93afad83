import { mkdir, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { readSeeds } from '../src/corpus/load.js';
import { perturbNumbers, reshuffleSentences } from './perturb.js';
import { seeded } from './prng.js';

/** A corpus written for one scale. */
export interface SyntheticCorpus {
  scale: number;
  dir: string;
  files: number;
  bytes: number;
}

/**
 * Writes `scale` copies of the seeds into `dir`: copy 0 is the seeds' text unchanged, every
 * other copy gets its own file names, perturbed numbers and reshuffled sentences (seeded by
 * copy and file, so the corpus is the same on every run). Copies are text files, whatever the
 * seed's format: the bench measures indexing, not PDF extraction.
 *
 * @example
 * await writeCorpus('seeds', '/tmp/zone-bench-x/corpus-10x', 10); // { scale: 10, files: 50, bytes: 964033, … }
 */
export async function writeCorpus(seedsDir: string, dir: string, scale: number): Promise<SyntheticCorpus> {
  const { files } = await readSeeds(seedsDir);
  await mkdir(dir, { recursive: true });
  let bytes = 0;
  for (let copy = 0; copy < scale; copy++) {
    for (const [i, seed] of files.entries()) {
      const random = seeded(copy * 1000 + i + 1);
      const text = copy === 0 ? seed.text : reshuffleSentences(perturbNumbers(seed.text, random), random);
      const stem = seed.name.slice(0, seed.name.length - extname(seed.name).length);
      const name = copy === 0 ? `${stem}.txt` : `x${String(copy).padStart(3, '0')}-${stem}.txt`;
      const body = Buffer.from(text, 'utf8');
      await writeFile(join(dir, name), body);
      bytes += body.length;
    }
  }
  return { scale, dir, files: files.length * scale, bytes };
}
