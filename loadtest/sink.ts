import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyMessageBody } from '../test/fake-discord/payloads.js';
import { IDS } from './traffic.js';

export interface WebhookEdit {
  /** `performance.now()` when it arrived. */
  at: number;
  method: string;
  contentType: string;
  body: Buffer;
}

export interface RunningSink {
  /** `DISCORD_API_URL` for the replicas. */
  apiUrl: string;
  /** Edits and follow-ups by interaction token, in arrival order. */
  edits: Map<string, WebhookEdit[]>;
  /** Requests that were not a webhook message (nothing the HTTP mode should send). */
  unexpected: string[];
  /** Resolves with the token's first edit, or null after `timeoutMs`. */
  waitFor(token: string, timeoutMs: number): Promise<WebhookEdit | null>;
  close(): Promise<void>;
}

const WEBHOOK = /^\/api\/v10\/webhooks\/(\d+)\/([^/?]+)(?:\/messages\/(?:@|%40)original)?$/;

/**
 * Where the replicas' answers go when they are not the initial response (a deferral, then the
 * answer as an edit of `@original` or a follow-up): Discord's webhook routes, which need no token,
 * answered with the message Discord would return.
 *
 * @example
 * const sink = await startSink(); // DISCORD_API_URL=sink.apiUrl
 */
export async function startSink(): Promise<RunningSink> {
  const edits = new Map<string, WebhookEdit[]>();
  const unexpected: string[] = [];
  const waiting = new Map<string, (edit: WebhookEdit) => void>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      const match = WEBHOOK.exec(path);
      if (!match || (req.method !== 'PATCH' && req.method !== 'POST')) {
        unexpected.push(`${req.method} ${path}`);
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Unknown route', code: 0 }));
        return;
      }
      const edit: WebhookEdit = { at: performance.now(), method: req.method, contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks) };
      const token = match[2]!;
      edits.set(token, [...(edits.get(token) ?? []), edit]);
      waiting.get(token)?.(edit);
      waiting.delete(token);
      let fields: Record<string, unknown> = {};
      try {
        if (edit.contentType.startsWith('application/json')) fields = JSON.parse(edit.body.toString('utf8')) as Record<string, unknown>;
      } catch {
        // The message is answered anyway; the load test reads the body itself.
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(applyMessageBody(IDS, IDS.channelId, undefined, fields, 20)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    edits,
    unexpected,
    waitFor(token, timeoutMs) {
      const first = edits.get(token)?.[0];
      if (first) return Promise.resolve(first);
      return new Promise((resolve) => {
        const timer = setTimeout(() => (waiting.delete(token), resolve(null)), timeoutMs);
        waiting.set(token, (edit) => (clearTimeout(timer), resolve(edit)));
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
