// The package ships no types; the declaration must be found also when test/ imports this file (tsconfig includes no loadtest/).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./autocannon.d.ts" />
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import { startMember, type Member } from './cluster.js';
import { renderBusy } from '../src/limits/index.js';
import { startProxy } from './proxy.js';
import { startSink, type RunningSink } from './sink.js';
import { ADDED_DOCUMENT, OPERATIONS, QUERIES, answerOf, digest, signedInteraction, signingKey, type Answer, type Operation, type SigningKey } from './traffic.js';

/**
 * `npm run loadtest`: the HTTP interactions server under load, with one replica and with two
 * behind a round-robin proxy, while the builder publishes a new generation mid-run.
 *
 *   builder process ──index/ (temp)──▶ replica process 0 ─┐
 *     (adds or removes a document     replica process 1 ─┼─ proxy (X-Replica) ◀── autocannon (signed
 *      halfway through each phase)                        │                        /figure, /ask, autocomplete)
 *                                     webhook sink ◀──────┘ (deferred answers, if any)
 *
 * Every response is checked against the answers each generation gives (collected before the
 * phases, one request at a time): each must be exactly the old generation's or the new one's.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The “busy” refusal as an answer reads (src/limits/notices.ts). */
const BUSY = JSON.stringify({ content: renderBusy().content, embeds: [], components: [], attachments: [] });

export interface LoadTestOptions {
  /** Seconds of load per phase (default 10). */
  durationS?: number;
  /** Concurrent connections of the load generator (default 10). */
  connections?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** More settings for the replicas (e.g. `{ MAX_IN_FLIGHT: '1' }` to see deferrals and shedding). */
  replicaEnv?: Record<string, string>;
  /** Write a V8 CPU profile of each replica here (`--cpu-prof`), for `bench/profile-top.ts`. */
  profileDir?: string;
}

export interface OpStats {
  requests: number;
  rps: number;
  /** Latency to the HTTP response, ms. */
  p50: number;
  p99: number;
  max: number;
  /** Answered with a deferral and then a webhook edit (the latency above is the deferral's). */
  deferred: number;
}

export interface PhaseReport {
  name: string;
  replicas: number;
  proxy: boolean;
  durationS: number;
  connections: number;
  requests: number;
  rps: number;
  /** Failed requests: non-2xx responses, connection errors and timeouts (autocannon's count). */
  non2xx: number;
  errors: number;
  timeouts: number;
  ops: Record<Operation, OpStats>;
  /** Responses answered by each replica. */
  perReplica: number[];
  generation: {
    from: string;
    to: string;
    /** When the builder was told to publish, seconds into the phase. */
    publishAtS: number;
    reindexMs: number;
    saveMs: number;
    /** From the builder's save to each replica serving it (its /healthz), ms. */
    pickupMs: number[];
    /** Answers identical to the old generation's / the new one's / both (queries the document does not change). */
    old: number;
    new: number;
    either: number;
    /** Autocomplete answered with no choices because commands were waiting (load shedding). */
    shed: number;
    /** Commands refused with “busy” (the work queue was full). */
    refused: number;
    /** Answers matching neither generation (a mixture, an error message, anything else). */
    mismatched: number;
    /** Old answers to requests sent after the same replica had already answered from the new generation. */
    regressed: number;
  };
  /** A few answers that matched neither generation, for the report. */
  mismatchExamples: string[];
}

export interface LoadTestReport {
  machine: { nproc: number; cpuModel: string; node: string; date: string; loadAverage: { start: number; end: number } };
  options: { durationS: number; connections: number };
  setup: { buildMs: number; replicaStartMs: number[] };
  /** Queries whose answer differs between the two generations. */
  markers: string[];
  phases: PhaseReport[];
  problems: string[];
  /** No failed request, no answer outside the two generations, none going back. */
  ok: boolean;
}

type State = 'base' | 'added';

interface Sample {
  q: number;
  sentAt: number;
  receivedAt: number;
  /** When the answer's content arrived: the response, or for a deferral the webhook edit. */
  answeredAt: number;
  status: number;
  replica: number;
  token: string;
  answer: Answer | null;
}

export async function runLoadTest(options: LoadTestOptions = {}): Promise<LoadTestReport> {
  const durationS = options.durationS ?? 10;
  const connections = options.connections ?? 10;
  const log = options.log ?? (() => undefined);
  const loadStart = loadavg()[0] ?? 0;
  const problems: string[] = [];
  const dir = await mkdtemp(join(tmpdir(), 'zone-loadtest-'));
  const seedsDir = join(dir, 'seeds');
  const indexDir = join(dir, 'index');
  await cp(join(ROOT, 'seeds'), seedsDir, { recursive: true });
  const key = signingKey();
  const members: Member[] = [];
  let sink: RunningSink | null = null;
  try {
    sink = await startSink();
    log(`building the index in ${indexDir}`);
    const builder = await startMember(['builder', seedsDir, indexDir], {});
    members.push(builder);
    const env = (i: number) => ({
      DISCORD_PUBLIC_KEY: key.publicHex,
      DISCORD_API_URL: sink!.apiUrl,
      DATA_DIR: join(dir, `data-${i}`),
      LOG_LEVEL: 'warn',
      // The limits are a policy, not capacity: out of the way (every request has its own user anyway).
      RATE_LIMIT_PER_MINUTE: '0',
      MAX_IN_FLIGHT: String(Math.max(8, connections)),
      ...options.replicaEnv,
    });
    log('starting 2 replicas');
    const profile = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : [];
    const replicas = await Promise.all([0, 1].map((i) => startMember(['replica', indexDir], env(i), profile)));
    members.push(...replicas);
    const urls = replicas.map((r) => `http://127.0.0.1:${r.port}`);

    // What each generation answers, one request at a time, from both replicas.
    const generations: Record<State, string> = { base: builder.generation ?? '?', added: '?' };
    const canon = {} as Record<State, Answer[]>;
    canon.base = await canonical(key, urls, problems, 'base');
    const added = await publish(builder, 'add', urls);
    generations.added = added.generation;
    canon.added = await canonical(key, urls, problems, 'added');
    const removed = await publish(builder, 'remove', urls);
    const again = await canonical(key, urls, problems, 'base');
    again.forEach((a, i) => a.text !== canon.base[i]!.text && problems.push(`removing the document again changed the answer to "${QUERIES[i]!.key}"`));
    generations.base = removed.generation;
    const markers = QUERIES.filter((_, i) => canon.base[i]!.text !== canon.added[i]!.text).map((q) => q.key);
    if (markers.length === 0) problems.push('no query tells the generations apart');

    const phases: PhaseReport[] = [];
    const plan = [
      { name: '1 replica', replicas: 1, proxy: false },
      { name: '1 replica, proxy', replicas: 1, proxy: true },
      { name: '2 replicas, proxy', replicas: 2, proxy: true },
    ];
    let state: State = 'base';
    for (const step of plan) {
      const next: State = state === 'base' ? 'added' : 'base';
      log(`phase "${step.name}": ${durationS} s, ${connections} connections, ${state} → ${next} halfway`);
      const proxy = step.proxy ? await startProxy(urls.slice(0, step.replicas)) : null;
      try {
        const report = await phase({
          ...step,
          key,
          url: proxy?.url ?? urls[0]!,
          durationS,
          connections,
          builder,
          urls,
          change: next === 'added' ? 'add' : 'remove',
          canonOld: canon[state],
          canonNew: canon[next],
          sink,
        });
        report.generation.from = generations[state].slice(0, 12);
        generations[next] = report.generation.to;
        report.generation.to = report.generation.to.slice(0, 12);
        phases.push(report);
      } finally {
        await proxy?.close();
      }
      state = next;
    }

    for (const p of phases) {
      const failed = p.non2xx + p.errors;
      if (failed > 0) problems.push(`${p.name}: ${failed} failed requests (${p.non2xx} non-2xx, ${p.errors} errors of which ${p.timeouts} timeouts)`);
      if (p.generation.mismatched > 0) problems.push(`${p.name}: ${p.generation.mismatched} answers match neither generation, e.g.\n    ${p.mismatchExamples.join('\n    ')}`);
      if (p.generation.regressed > 0) problems.push(`${p.name}: ${p.generation.regressed} old answers after the replica had served the new generation`);
      // Not failures, but then the numbers measure refusals: the limits are set out of the way by default.
      if (p.generation.shed + p.generation.refused > 0) problems.push(`${p.name}: overloaded: ${p.generation.shed} autocompletes shed, ${p.generation.refused} commands refused as busy`);
    }
    if (sink.unexpected.length > 0) problems.push(`unexpected REST calls: ${[...new Set(sink.unexpected)].slice(0, 5).join(', ')}`);
    return {
      machine: {
        nproc: availableParallelism(),
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        node: process.version,
        date: new Date().toISOString(),
        loadAverage: { start: round(loadStart), end: round(loadavg()[0] ?? 0) },
      },
      options: { durationS, connections },
      setup: { buildMs: builder.startMs, replicaStartMs: replicas.map((r) => r.startMs) },
      markers,
      phases,
      problems,
      ok: problems.length === 0,
    };
  } finally {
    await Promise.all(members.map((m) => m.stop()));
    await sink?.close();
    await rm(dir, { recursive: true, force: true });
  }
}

interface PhaseInput {
  name: string;
  replicas: number;
  proxy: boolean;
  key: SigningKey;
  url: string;
  durationS: number;
  connections: number;
  builder: Member;
  urls: string[];
  change: 'add' | 'remove';
  canonOld: Answer[];
  canonNew: Answer[];
  sink: RunningSink;
}

/** A reply's body as bytes: autocannon 8 decodes each chunk to a string, which can split a character (or a PNG). */
function keepBodiesAsBytes(client: unknown): void {
  const queue = (client as { pipelinedRequests?: { peek(): { body: string | Buffer } | undefined; addBody: (data: Buffer) => void } }).pipelinedRequests;
  if (!queue) throw new Error('loadtest: autocannon has changed (no pipelinedRequests on the client); cannot read response bodies as bytes');
  queue.addBody = function (data: Buffer) {
    const pending = this.peek();
    if (pending) pending.body = typeof pending.body === 'string' ? Buffer.from(data) : Buffer.concat([pending.body, data]);
  };
}

async function phase(input: PhaseInput): Promise<PhaseReport> {
  const { key, durationS, connections, canonOld, canonNew, sink } = input;
  const samples: Sample[] = [];
  const known = new Map<string, Answer>();
  let turn = 0;
  const started = performance.now();

  const load = autocannon({
    url: input.url,
    connections,
    duration: durationS,
    timeout: 10,
    setupClient: keepBodiesAsBytes,
    requests: [
      {
        method: 'POST',
        path: '/interactions',
        setupRequest(request, context) {
          const q = turn++ % QUERIES.length;
          const signed = signedInteraction(key, QUERIES[q]!);
          Object.assign(context, { q, token: signed.token, sentAt: performance.now() });
          return { ...request, headers: signed.headers, body: signed.body };
        },
        onResponse(status, body, context, headers) {
          const receivedAt = performance.now();
          const header = (name: string) => {
            const value = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
            return Array.isArray(value) ? value[0] : value;
          };
          let answer: Answer | null = null;
          if (Buffer.isBuffer(body)) {
            const contentType = header('content-type') ?? '';
            // Most answers repeat byte for byte: read each distinct body once.
            const id = contentType.startsWith('multipart/') ? null : digest(body.toString('latin1'));
            answer = (id && known.get(id)) || answerOf(contentType, body);
            if (id && !known.has(id)) known.set(id, answer);
          }
          samples.push({ q: context.q as number, sentAt: context.sentAt as number, receivedAt, answeredAt: receivedAt, status, replica: Number(header('x-replica') ?? 0), token: context.token as string, answer });
        },
      },
    ],
  });

  // Halfway through, the builder publishes the other generation; then each replica is timed picking it up.
  const publishAtS = durationS / 2;
  const publication = (async () => {
    await new Promise((resolve) => setTimeout(resolve, publishAtS * 1000));
    return publish(input.builder, input.change, input.urls);
  })();
  const result: Result = await load;
  const published = await publication;

  // Deferred answers arrive as webhook edits: wait for those still on their way.
  const deferred = samples.filter((s) => s.answer?.type === 5);
  await Promise.all(
    deferred.map(async (s) => {
      const edit = await sink.waitFor(s.token, 10_000);
      s.answer = edit ? { ...answerOf(edit.contentType, edit.body, true), type: 5 } : { type: 5, text: '(no edit arrived)' };
      if (edit) s.answeredAt = edit.at;
    }),
  );

  const counts = { old: 0, new: 0, either: 0, shed: 0, refused: 0, mismatched: 0, regressed: 0 };
  const firstNew = new Map<number, number>();
  const classified = samples.map((s) => {
    if (s.status !== 200 || !s.answer) return 'failed' as const;
    const text = s.answer.text;
    const isOld = text === canonOld[s.q]!.text;
    const isNew = text === canonNew[s.q]!.text;
    // Autocomplete answers [] also when commands are waiting (load shedding): no evidence of a generation.
    const shedLike = QUERIES[s.q]!.op === 'autocomplete' && text === '[]';
    if ((isOld && isNew) || (shedLike && (isOld || isNew))) return 'either' as const;
    if (isNew) firstNew.set(s.replica, Math.min(firstNew.get(s.replica) ?? Infinity, s.answeredAt));
    if (isOld) return 'old' as const;
    if (isNew) return 'new' as const;
    if (shedLike) return 'shed' as const;
    if (text === BUSY) return 'refused' as const;
    return 'mismatched' as const;
  });
  const examples: string[] = [];
  samples.forEach((s, i) => {
    const kind = classified[i]!;
    if (kind === 'failed') return;
    counts[kind]++;
    if (kind === 'mismatched' && examples.length < 3) examples.push(`${QUERIES[s.q]!.key} → type ${s.answer!.type}: ${s.answer!.text.slice(0, 300)}`);
    if (kind === 'old' && s.sentAt > (firstNew.get(s.replica) ?? Infinity)) {
      counts.regressed++;
    }
  });

  const elapsedS = result.duration || (performance.now() - started) / 1000;
  const ops = Object.fromEntries(
    OPERATIONS.map((op) => {
      const mine = samples.filter((s) => QUERIES[s.q]!.op === op);
      const latencies = mine.filter((s) => s.status === 200).map((s) => s.receivedAt - s.sentAt).sort((a, b) => a - b);
      const stats: OpStats = {
        requests: mine.length,
        rps: round(mine.length / elapsedS),
        p50: round(percentile(latencies, 50)),
        p99: round(percentile(latencies, 99)),
        max: round(latencies.at(-1) ?? 0),
        deferred: mine.filter((s) => s.answer?.type === 5).length,
      };
      return [op, stats];
    }),
  ) as Record<Operation, OpStats>;
  const perReplica = Array.from({ length: input.replicas }, (_, r) => samples.filter((s) => s.replica === r).length);

  return {
    name: input.name,
    replicas: input.replicas,
    proxy: input.proxy,
    durationS: round(elapsedS),
    connections,
    requests: samples.length,
    rps: round(samples.length / elapsedS),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    ops,
    perReplica,
    generation: {
      from: '',
      to: published.generation,
      publishAtS,
      reindexMs: published.reindexMs,
      saveMs: published.saveMs,
      pickupMs: published.pickupMs.slice(0, input.replicas),
      ...counts,
    },
    mismatchExamples: examples,
  };
}

/** Has the builder add or remove the document, then waits until every replica serves the new generation. */
async function publish(builder: Member, change: 'add' | 'remove', urls: string[]): Promise<{ generation: string; reindexMs: number; saveMs: number; pickupMs: number[] }> {
  const published = await builder.request({ op: change, file: join(ROOT, ADDED_DOCUMENT) }, 'published');
  const savedAt = performance.now();
  const pickupMs = await Promise.all(
    urls.map(async (url) => {
      const deadline = savedAt + 15_000;
      while (performance.now() < deadline) {
        const health = (await fetch(`${url}/healthz`).then((r) => r.json())) as { generation?: string | null };
        if (health.generation === published.generation) return round(performance.now() - savedAt);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`loadtest: ${url} did not pick up generation ${published.generation.slice(0, 12)} within 15 s`);
    }),
  );
  return { ...published, pickupMs };
}

/**
 * Each query's answer, one request at a time; both replicas must give the same. Asked until two
 * rounds agree, in case a replica's first answers still differ from its later ones (replicas load
 * the chart stack before they report ready; see src/bot/render/chart.ts for why that matters).
 */
async function canonical(key: SigningKey, urls: string[], problems: string[], label: string): Promise<Answer[]> {
  let previous: Answer[] | null = null;
  for (let round = 0; round < 8; round++) {
    const answers = await answerRound(key, urls, problems, label);
    if (previous && answers.every((a, i) => a.text === previous![i]!.text)) return answers;
    previous = answers;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  problems.push(`${label}: the answers still change from one idle round to the next`);
  return previous!;
}

async function answerRound(key: SigningKey, urls: string[], problems: string[], label: string): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (const q of QUERIES) {
    const seen: Answer[] = [];
    for (const url of urls) {
      const signed = signedInteraction(key, q);
      const response = await fetch(`${url}/interactions`, { method: 'POST', headers: signed.headers, body: signed.body });
      const answer = answerOf(response.headers.get('content-type') ?? '', Buffer.from(await response.arrayBuffer()));
      if (response.status !== 200 || (answer.type !== 4 && answer.type !== 8)) problems.push(`${label}: "${q.key}" answered ${response.status} type ${answer.type} when idle`);
      seen.push(answer);
    }
    if (seen.some((a) => a.text !== seen[0]!.text)) {
      // Replicas may still be warming up (see above); only the settled round counts.
      answers.push({ type: 0, text: `(replicas differ: ${seen.map((a) => digest(a.text).slice(0, 8)).join(' ')})` });
    } else {
      answers.push(seen[0]!);
    }
  }
  return answers;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number) => Math.round(n * 100) / 100;
