import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../src/search/engine.js';
import { consoleAnswers } from './helpers.js';
import { SEEDS_DIR } from './seeds.js';

// The console transcript in README.md: every line it shows (but `…`) must be what the console
// prints for that command today.
const readme = readFileSync(join(import.meta.dirname, '..', 'README.md'), 'utf8');
const block = /```text\n(> \/[\s\S]*?)```/.exec(readme)![1]!;
const examples = block
  .split(/^> /m)
  .filter(Boolean)
  .map((part) => {
    const [command, ...lines] = part.split('\n');
    return { command: command!, lines: lines.map((l) => l.replace(/…$/, '')).filter((l) => l.trim() !== '') };
  });

let engine: Engine;
let indexDir: string;
beforeAll(async () => {
  indexDir = await mkdtemp(join(tmpdir(), 'zone-readme-index-'));
  engine = await openEngine({ seedsDir: SEEDS_DIR, indexDir });
});
afterAll(async () => {
  await engine?.close();
  await rm(indexDir, { recursive: true, force: true });
});

const answer = async (command: string) => (await consoleAnswers(engine, [command], { indexDir })).join('\n\n');

describe('README console examples are what the console prints', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThanOrEqual(3));
  it.each(examples.map((e) => [e.command, e.lines] as const))('%s', async (command, lines) => {
    const printed = await answer(command);
    for (const line of lines) expect(printed, line).toContain(line);
  });
});
