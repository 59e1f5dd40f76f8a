/**
 * The fetcher the gateway calls its subgraphs with: what @apollo/gateway's data sources read from a
 * response (status, headers, JSON or text), kept-alive connections, no compression asked for (a compressed
 * answer is still read), and failures that the gateway reports as SERVICE_UNAVAILABLE.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubgraphFetcher } from '../src/fetcher';
import { closedErrorCode } from '../src/error-codes';

interface Seen {
  method?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  socket: number;
}

const seen: Seen[] = [];
const sockets = new Map<object, number>();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size);
      seen.push({ method: req.method, headers: req.headers, body, socket: sockets.get(req.socket)! });
      if (req.url === '/gzip') {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'x-tandem-sql-statements': '3',
        });
        res.end(gzipSync(JSON.stringify({ data: { ok: 'ü'.repeat(5000) } })));
      } else if (req.url === '/text') {
        res.writeHead(502, 'Bad Gateway', { 'content-type': 'text/plain' });
        res.end('upstream says no');
      } else if (req.url === '/drop') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"data":');
        setTimeout(() => req.socket.destroy(), 20);
      } else if (req.url === '/delay') {
        // an answer that takes 150 ms, numbered, so callers can tell one call's answer from another's
        const n = seen.length;
        setTimeout(() => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ data: { n, echo: JSON.parse(body || 'null') } }));
        }, 150);
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('{}'), 2_000);
      } else {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.write('{"data":');
        res.end(JSON.stringify({ echo: JSON.parse(body || 'null') }) + '}');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('createSubgraphFetcher', () => {
  it('should POST the body with the given headers, ask for no compression, and read the answer as the data source does', async () => {
    const { fetch, close } = createSubgraphFetcher();
    try {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tandem-gateway-secret': 's3cret' },
        body: JSON.stringify({ query: '{ a }' }),
      });
      expect(res.ok).toBe(true);
      expect(res.status).toBe(200);
      expect(res.url).toBe(`${base}/graphql`);
      expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('x-missing')).toBeNull();
      expect(await res.json()).toEqual({ data: { echo: { query: '{ a }' } } });
      expect(res.bodyUsed).toBe(true);
      await expect(res.text()).rejects.toThrow(/consumed/);
      const request = seen.at(-1)!;
      expect(request.method).toBe('POST');
      expect(request.headers['x-tandem-gateway-secret']).toBe('s3cret');
      expect(request.headers['accept-encoding']).toBe('identity');
      expect(request.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify({ query: '{ a }' }))));
    } finally {
      close();
    }
  });

  it('should reuse one kept-alive connection for requests made one after another', async () => {
    const { fetch, close } = createSubgraphFetcher();
    try {
      const before = seen.length;
      for (let i = 0; i < 5; i++) await (await fetch(`${base}/graphql`, { method: 'POST', body: '{}' })).json();
      const used = new Set(seen.slice(before).map((s) => s.socket));
      expect(used.size).toBe(1);
    } finally {
      close();
    }
  });

  it('should read a gzip answer, headers included, and a non-2xx text answer', async () => {
    const { fetch, close } = createSubgraphFetcher();
    try {
      const zipped = await fetch(`${base}/gzip`, { method: 'POST', body: '{}' });
      expect(zipped.headers.get('x-tandem-sql-statements')).toBe('3');
      const clone = zipped.clone();
      expect(((await zipped.json()) as { data: { ok: string } }).data.ok).toBe('ü'.repeat(5000));
      expect(JSON.parse(await clone.text()).data.ok).toHaveLength(5000);
      const failed = await fetch(`${base}/text`, { method: 'POST', body: '{}' });
      expect(failed.ok).toBe(false);
      expect(failed.status).toBe(502);
      expect(failed.statusText).toBe('Bad Gateway');
      expect(await failed.text()).toBe('upstream says no');
    } finally {
      close();
    }
  });

  it('should fail with ECONNREFUSED in the message when the subgraph is down, and stop on an aborted signal', async () => {
    const { fetch, close } = createSubgraphFetcher();
    try {
      const closed = http.createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((r) => closed.close(r));
      await expect(fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', body: '{}' })).rejects.toThrow(
        /ECONNREFUSED/,
      );
      const controller = new AbortController();
      const pending = fetch(`${base}/slow`, { method: 'POST', body: '{}', signal: controller.signal });
      controller.abort();
      await expect(pending).rejects.toThrow(/aborted/);
      await expect(fetch('ftp://127.0.0.1/x')).rejects.toThrow(/unsupported protocol/);
    } finally {
      close();
    }
  });

  it('should give up on a subgraph that does not answer in time, with ETIMEDOUT in the message (SERVICE_UNAVAILABLE at the gateway)', async () => {
    const { fetch, close } = createSubgraphFetcher({ timeoutMs: 200 });
    try {
      const started = Date.now();
      await expect(fetch(`${base}/slow`, { method: 'POST', body: '{}' })).rejects.toThrow(/ETIMEDOUT/);
      expect(Date.now() - started).toBeLessThan(1_500);
      // the connection pool is still usable afterwards
      const ok = await fetch(`${base}/echo`, { method: 'POST', body: '{"n":1}' });
      expect(await ok.json()).toEqual({ data: { echo: { n: 1 } } });
    } finally {
      close();
    }
  });

  it('should fail a call the subgraph drops in the middle of its answer, and the gateway call that SERVICE_UNAVAILABLE', async () => {
    const { fetch, close } = createSubgraphFetcher();
    try {
      const failure = await fetch(`${base}/drop`, { method: 'POST', body: '{}' }).then(
        () => null,
        (error: Error) => error,
      );
      expect(failure).toBeInstanceOf(Error);
      for (const message of [
        failure!.message,
        'request to http://127.0.0.1:4003/graphql failed, reason: ECONNREFUSED',
        'ETIMEDOUT: no answer from 127.0.0.1:4003 within 60000 ms',
      ]) {
        expect(closedErrorCode({ message }, true).extensions?.code).toBe('SERVICE_UNAVAILABLE');
      }
    } finally {
      close();
    }
  });
});

describe('identical queries under way (dedupeQueries)', () => {
  const query = (
    principal: string,
    extra: Record<string, string> = {},
    text = 'query Q__identity__0 { me { id } }',
  ) => ({
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-tandem-principal': principal, ...extra },
    body: JSON.stringify({ query: text }),
  });
  const sent = (from: number) => seen.slice(from).length;
  const answer = async (p: ReturnType<ReturnType<typeof createSubgraphFetcher>['fetch']>) =>
    ((await (await p).json()) as { data: { n: number } }).data.n;

  it('should send a query once for the same caller and body under way, whatever the request id and trace', async () => {
    const f = createSubgraphFetcher({ dedupeQueries: true });
    try {
      const before = seen.length;
      const calls = [
        f.fetch(`${base}/delay`, query('alice', { 'x-request-id': 'r1', traceparent: '00-a-b-01' })),
        f.fetch(`${base}/delay`, query('alice', { 'x-request-id': 'r2', traceparent: '00-c-d-01' })),
        f.fetch(`${base}/delay`, query('alice', { 'x-request-id': 'r3', 'x-tandem-client-ip': '10.0.0.9' })),
      ];
      const ns = await Promise.all(calls.map(answer));
      expect(sent(before)).toBe(1);
      expect(new Set(ns).size).toBe(1); // each caller read the one answer, from a Response of its own
      expect(f.deduplicated).toBe(2);
      // nothing is kept once it is answered: the next identical query is sent
      await answer(f.fetch(`${base}/delay`, query('alice')));
      expect(sent(before)).toBe(2);
    } finally {
      f.close();
    }
  });

  it('should never share an answer between callers, languages or bodies, nor share a mutation', async () => {
    const f = createSubgraphFetcher({ dedupeQueries: true });
    try {
      const before = seen.length;
      const mutation = 'mutation M__identity__0 { setLanguage(language: FR_CA) { errors { code } } }';
      const ns = await Promise.all(
        [
          f.fetch(`${base}/delay`, query('alice')),
          f.fetch(`${base}/delay`, query('bob')),
          f.fetch(`${base}/delay`, query('alice', { 'x-tandem-locale': 'fr-CA' })),
          f.fetch(`${base}/delay`, query('alice', {}, 'query Q__identity__1 { me { displayName } }')),
          f.fetch(`${base}/delay`, query('alice', {}, mutation)),
          f.fetch(`${base}/delay`, query('alice', {}, mutation)),
        ].map(answer),
      );
      expect(sent(before)).toBe(6);
      expect(new Set(ns).size).toBe(6);
      expect(f.deduplicated).toBe(0);
    } finally {
      f.close();
    }
  });

  it('should not let a query sent after the caller’s mutation join one sent before it', async () => {
    const f = createSubgraphFetcher({ dedupeQueries: true });
    try {
      const before = seen.length;
      const first = f.fetch(`${base}/delay`, query('alice'));
      const other = f.fetch(`${base}/delay`, query('bob'));
      await f.fetch(`${base}/graphql`, query('alice', {}, 'mutation { setLanguage(language: FR_CA) { ok } }'));
      const after = f.fetch(`${base}/delay`, query('alice'));
      const bobAgain = f.fetch(`${base}/delay`, query('bob')); // alice's write starts no new epoch for bob
      const [a, b, c, d] = await Promise.all([first, after, other, bobAgain].map(answer));
      expect(a).not.toBe(b);
      expect(c).toBe(d);
      expect(sent(before)).toBe(4); // alice twice, bob once, the mutation
    } finally {
      f.close();
    }
  });

  it('should send every call when it is off (the default of createSubgraphFetcher)', async () => {
    const f = createSubgraphFetcher();
    try {
      const before = seen.length;
      await Promise.all(
        [f.fetch(`${base}/delay`, query('alice')), f.fetch(`${base}/delay`, query('alice'))].map(answer),
      );
      expect(sent(before)).toBe(2);
      expect(f.deduplicated).toBe(0);
    } finally {
      f.close();
    }
  });
});
