import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The real seed files, read once per test file. */
export const SEEDS_DIR = join(import.meta.dirname, '..', 'seeds');
export const seedNames = readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.txt')).sort();
export const seedText = (name: string) => readFileSync(join(SEEDS_DIR, name), 'utf8');
export const seedLines = (name: string) => seedText(name).split(/\r\n|\r|\n/);
