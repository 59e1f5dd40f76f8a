/**
 * How the gateway calls its subgraphs: plain node:http(s) over kept-alive connections, one pooled agent per
 * gateway. @apollo/gateway's default fetcher (make-fetch-happen) costs about a third of a millisecond of
 * CPU per subgraph call in its caching, retry and agent layers (agent-base even captures a stack trace on
 * every request to learn whether it was called from https), and it asks subgraphs for gzip, so every
 * response of more than 1 KiB was compressed by the subgraph and decompressed here, between two processes
 * on the same network. This fetcher asks for no compression (it still decodes a compressed answer) and
 * does nothing else: no cache, no retries (neither did the default: `retry: false`).
 *
 * One thing more, on by default (`dedupeQueries`): a query sent while the very same query is on its way to the
 * same subgraph for the same caller (the same URL, principal, language and body) waits for that call's answer
 * instead of sending a second one, as Apollo Router's `deduplicate_query` and Hive Gateway do. Only queries
 * (never a mutation), only for the same principal header, so no answer ever crosses from one person to another;
 * and never across that person's write: a mutation they send starts a new epoch, so a query sent after it never
 * joins one sent before it (their own change is always seen). The per-call headers (request id, trace context,
 * client address) are not part of the match: the subgraph logs the first caller's request id for both.
 */
import http from 'node:http';
import https from 'node:https';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { HEADERS } from '@tandem/contracts';

/** The fetch function @apollo/gateway's data sources call, and its parts. */
export type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherRequestInit = NonNullable<Parameters<Fetcher>[1]>;
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

/** Response headers as received (node lower-cases names; repeated ones are joined with ", "). */
class ReceivedHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();
  constructor(raw: http.IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  append(name: string, value: string) {
    const key = name.toLowerCase();
    const current = this.map.get(key);
    this.map.set(key, current === undefined ? value : `${current}, ${value}`);
  }
  delete(name: string) {
    this.map.delete(name.toLowerCase());
  }
  get(name: string) {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string) {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string) {
    this.map.set(name.toLowerCase(), value);
  }
  entries() {
    return this.map.entries();
  }
  keys() {
    return this.map.keys();
  }
  values() {
    return this.map.values();
  }
  [Symbol.iterator]() {
    return this.map.entries();
  }
}

class SubgraphResponse implements FetcherResponse {
  bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetcherHeaders,
    private readonly body: Buffer,
  ) {
    this.ok = status >= 200 && status < 300;
  }
  private consume(): Buffer {
    if (this.bodyUsed) throw new TypeError('Body has already been consumed.');
    this.bodyUsed = true;
    return this.body;
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const b = this.consume();
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  }
  async text(): Promise<string> {
    return this.consume().toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.consume().toString('utf8'));
  }
  clone(): FetcherResponse {
    if (this.bodyUsed) throw new TypeError('Body has already been consumed.');
    return new SubgraphResponse(
      this.url,
      this.status,
      this.statusText,
      new ReceivedHeaders(Object.fromEntries(this.headers)),
      this.body,
    );
  }
}

function decoded(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case undefined:
    case '':
    case 'identity':
      return body;
    case 'gzip':
    case 'x-gzip':
      return gunzipSync(body);
    case 'deflate':
      return inflateSync(body);
    case 'br':
      return brotliDecompressSync(body);
    default:
      throw new Error(`unsupported content-encoding ${encoding}`);
  }
}

export interface SubgraphFetcher {
  fetch: Fetcher;
  /** Closes the pooled connections (on shutdown). */
  close(): void;
  /** Subgraph calls answered by another caller's identical call under way (since start). */
  readonly deduplicated: number;
}

/** An answer as received, from which each caller that shares it gets a Response of its own. */
interface Received {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Headers that differ on every call without changing the answer. */
const PER_CALL = new Set<string>([HEADERS.requestId, HEADERS.clientIp, 'traceparent', 'tracestate']);
/** A body that is a query (what the query planner sends: `{"query":"query …` or `{"query":"{…`). */
const QUERY_BODY = /^\{"query":"(?:query\b|\{)/;
const MUTATION_BODY = /^\{"query":"mutation\b/;
/** Principals whose latest mutation is remembered (their epochs); beyond it the oldest are forgotten. */
const EPOCHS_KEPT = 10_000;

/**
 * One agent per protocol, kept-alive sockets reused last-in first-out (the busiest few stay warm), idle
 * ones closed after `idleMs` (below the subgraphs' 65 s keep-alive, so the gateway never reuses a socket
 * a subgraph is closing).
 */
export function createSubgraphFetcher(
  options: { idleMs?: number; timeoutMs?: number; dedupeQueries?: boolean } = {},
): SubgraphFetcher {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const agentOptions = { keepAlive: true, scheduling: 'lifo' as const, timeout: options.idleMs ?? 30_000 };
  const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };
  // the few subgraph URLs, parsed once
  const targets = new Map<string, URL>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      target = new URL(url);
      if (targets.size < 100) targets.set(url, target);
    }
    return target;
  };
  const send = (url: string, init: FetcherRequestInit) =>
    new Promise<Received>((resolve, reject) => {
      const target = targetOf(url);
      const secure = target.protocol === 'https:';
      if (!secure && target.protocol !== 'http:')
        return reject(new TypeError(`unsupported protocol ${target.protocol}`));
      const body =
        init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body) : init.body;
      const headers: http.OutgoingHttpHeaders = { accept: '*/*', ...init.headers, 'accept-encoding': 'identity' };
      if (body) headers['content-length'] = body.length;
      const request = (secure ? https : http).request(
        target,
        { method: init.method ?? 'GET', headers, agent: secure ? agents.https : agents.http },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.once('error', reject);
          res.once('end', () => {
            try {
              const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
              resolve({
                status: res.statusCode ?? 0,
                statusText: res.statusMessage ?? '',
                headers: res.headers,
                body: decoded(raw, res.headers['content-encoding']),
              });
            } catch (error) {
              reject(error);
            }
          });
        },
      );
      // the agent's timeout closes idle pooled sockets; this one bounds a whole call, so a subgraph that accepts
      // and never answers costs the client a clear SERVICE_UNAVAILABLE (the message says ETIMEDOUT) instead of a hang
      const timer = setTimeout(
        () => request.destroy(new Error(`ETIMEDOUT: no answer from ${target.host} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      request.once('close', () => clearTimeout(timer));
      request.once('error', reject);
      const signal = init.signal as AbortSignal | undefined;
      if (signal) {
        if (signal.aborted) request.destroy(new Error('The subgraph request was aborted.'));
        else
          signal.addEventListener('abort', () => request.destroy(new Error('The subgraph request was aborted.')), {
            once: true,
          });
      }
      request.end(body);
    });

  const respond = (url: string, r: Received): FetcherResponse =>
    new SubgraphResponse(url, r.status, r.statusText, new ReceivedHeaders(r.headers), r.body);
  const underWay = new Map<string, Promise<Received>>();
  // per principal header: the epoch of their latest mutation (a query joins only calls of the same epoch)
  const epochs = new Map<string, number>();
  let epoch = 0;
  let deduplicated = 0;

  const fetch: Fetcher = async (url: string, init: FetcherRequestInit = {}) => {
    const body = typeof init.body === 'string' ? init.body : undefined;
    const headers = (init.headers ?? {}) as Record<string, string>;
    if (!options.dedupeQueries || !body || init.signal || (init.method ?? 'GET') !== 'POST')
      return respond(url, await send(url, init));
    const principal = headers[HEADERS.principal] ?? '';
    if (!QUERY_BODY.test(body)) {
      if (MUTATION_BODY.test(body)) {
        epochs.delete(principal);
        epochs.set(principal, ++epoch);
        if (epochs.size > EPOCHS_KEPT) epochs.delete(epochs.keys().next().value!);
      }
      return respond(url, await send(url, init));
    }
    let key = `${url}\n${epochs.get(principal) ?? 0}`;
    for (const name in headers) if (!PER_CALL.has(name)) key += `\n${name}:${headers[name]}`;
    key += `\n${body}`;
    let pending = underWay.get(key);
    if (pending) deduplicated += 1;
    else {
      pending = send(url, init);
      underWay.set(key, pending);
      const forget = () => underWay.delete(key);
      pending.then(forget, forget);
    }
    return respond(url, await pending);
  };
  return {
    fetch,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
    get deduplicated() {
      return deduplicated;
    },
  };
}
