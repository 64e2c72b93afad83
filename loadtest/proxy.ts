import { Agent, createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RunningProxy {
  url: string;
  /** Requests forwarded to each upstream, by index. */
  forwarded: number[];
  /** Requests whose upstream failed (answered 502). */
  failed: number;
  close(): Promise<void>;
}

/** Hop-by-hop headers (RFC 9110 §7.6.1): not forwarded. */
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);
const endToEnd = (headers: IncomingHttpHeaders) => Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP.has(name)));

/**
 * A round-robin HTTP proxy on loopback, the load balancer in front of the replicas: method,
 * path, headers and the raw body bytes go through untouched (the signature covers them), the
 * response comes back with `X-Replica: <index>` added so the load test knows who answered.
 *
 * @example
 * const proxy = await startProxy(['http://127.0.0.1:4001', 'http://127.0.0.1:4002']);
 * await fetch(`${proxy.url}/healthz`); // answered by 4001, the next request by 4002
 */
export async function startProxy(upstreams: string[]): Promise<RunningProxy> {
  const targets = upstreams.map((u) => new URL(u));
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const forwarded = targets.map(() => 0);
  let next = 0;
  let failed = 0;
  const server = createServer((req, res) => {
    const index = next;
    next = (next + 1) % targets.length;
    forwarded[index]!++;
    const target = targets[index]!;
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...endToEnd(req.headers), host: target.host }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...endToEnd(answer.headers), 'x-replica': String(index) });
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      failed++;
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', 'x-replica': String(index) });
      res.end('bad gateway');
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    forwarded,
    get failed() {
      return failed;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
