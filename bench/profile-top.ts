import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * `npx tsx bench/profile-top.ts FILE.cpuprofile [--top N]`: the functions with the most self
 * time in a V8 CPU profile (as written by `npm run bench -- --profile DIR`), with their share
 * of the profile. Self time is what a function spends in its own code, not in callees.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  location: string;
  ms: number;
  share: number;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Sums sample time per function (name and source location), largest first.
 *
 * @example
 * topSelfTime(JSON.parse(text), 3); // [{ name: 'tokenize', location: 'src/nlp/tokenizer.ts:63', ms: 5120, share: 0.31 }, …]
 */
export function topSelfTime(profile: CpuProfile, count: number): SelfTime[] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, SelfTime>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    all += ms;
    const frame = byNode.get(id)?.callFrame;
    if (!frame) return;
    const name = frame.functionName || '(anonymous)';
    const location = frame.url ? `${shorten(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${name}@${location}`;
    const entry = totals.get(key) ?? { name, location, ms: 0, share: 0 };
    entry.ms += ms;
    totals.set(key, entry);
  });
  return [...totals.values()]
    .map((t) => ({ ...t, ms: Math.round(t.ms), share: all ? t.ms / all : 0 }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}

function shorten(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) return path.slice(modules);
  return path.startsWith(ROOT) ? path.slice(ROOT.length) : path;
}

async function main(argv: string[]): Promise<void> {
  const file = argv.find((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: npx tsx bench/profile-top.ts FILE.cpuprofile [--top N]');
  const at = argv.indexOf('--top');
  const count = at >= 0 ? Number(argv[at + 1]) : 25;
  const profile = JSON.parse(await readFile(file, 'utf8')) as CpuProfile;
  for (const t of topSelfTime(profile, count)) {
    console.log(`${String(t.ms).padStart(7)} ms ${(t.share * 100).toFixed(1).padStart(5)}%  ${t.name}  ${t.location}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
