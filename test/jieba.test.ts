import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOMAIN_WORDS, jieba } from '../src/nlp/jieba.js';
import { seedLines, seedNames } from './seeds.js';

// nodejieba as it loads by default (both dictionary copies, the real IDF and stop-word tables),
// in a plain child process: the reference our trimmed load must match.
const REFERENCE = `
const jieba = require('nodejieba');
jieba.load();
for (const word of JSON.parse(process.argv[1])) jieba.insertWord(word);
const lines = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(lines.map((line) => [jieba.cut(line, true), jieba.cutForSearch(line, true), jieba.tag(line)])));
`;

describe('jieba load', () => {
  it('segments and tags every seed line exactly like nodejieba loaded with its defaults', () => {
    const lines = seedNames.flatMap(seedLines).filter((line) => line.trim() !== '');
    const root = join(import.meta.dirname, '..');
    const expected = JSON.parse(
      execFileSync(process.execPath, ['-e', REFERENCE, JSON.stringify(DOMAIN_WORDS)], { cwd: root, input: JSON.stringify(lines), maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }),
    ) as unknown;
    expect(lines.map((line) => [jieba.cut(line, true), jieba.cutForSearch(line, true), jieba.tag(line)])).toEqual(expected);
  });
});
