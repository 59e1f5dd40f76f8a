/**
 * A subgraph's `/graphql` on plain node:http, in front of the Express app that serves everything else
 * (`/health`, `/ready`, `/metrics`, downloads). Only the gateway calls it, with one small JSON POST per
 * query-plan step, so Express's router, body-parser, content negotiation and `res.send` were pure overhead.
 * Measured on this 2-core machine (`npx tsx bench/http/layers.ts`, server CPU per request of a small query): a bare
 * node:http JSON answer 0.18 ms, the same through Express 5 and `express.json()` 0.46 ms; Apollo Server behind
 * its Express integration 0.64 ms, called directly as here 0.29 ms. A mentee's dashboard makes four subgraph calls.
 *
 * What it keeps from the Express chain, in order: the tracing middleware (when on), the gateway-secret check,
 * a 1 MB body limit, JSON bodies only (what `express.json()` parsed; anything else reaches Apollo Server as no
 * body, which answers 400 as before), compressed request bodies inflated, then Apollo Server itself
 * (`executeHTTPGraphQLRequest`, the call its Express integration makes).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { HeaderMap, type ApolloServer } from '@apollo/server';

/** A connect-style step that runs before the GraphQL request (tracing); plain node types, so Express takes it too. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface GraphqlHttpOptions<Context extends object> {
  apollo: ApolloServer<Context>;
  /** Whether the request carries the gateway's secret. */
  authorised(req: IncomingMessage): boolean;
  context(req: IncomingMessage): Promise<Context>;
  /** Runs the GraphQL request inside `scope` (the SQL statement counter), or as is when it returns undefined. */
  scope?: (run: () => void) => void;
  before?: NodeMiddleware[];
  maxBodyBytes?: number;
}

class HttpProblem extends Error {
  constructor(readonly status: number, message: string, readonly code: string) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, close = false) {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  if (close) res.setHeader('connection', 'close');
  res.end(text);
}

function decoded(req: IncomingMessage): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return req;
  const inflate = encoding === 'gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  if (!inflate) throw new HttpProblem(415, `Unsupported content encoding "${encoding}".`, 'UNSUPPORTED_MEDIA_TYPE');
  return req.pipe(inflate);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(new HttpProblem(413, 'The request body is too large.', 'PAYLOAD_TOO_LARGE'));
  return new Promise((resolve, reject) => {
    const stream = decoded(req);
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.removeAllListeners('data');
        stream.resume();
        reject(new HttpProblem(413, 'The request body is too large.', 'PAYLOAD_TOO_LARGE'));
      } else chunks.push(chunk);
    });
    stream.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    stream.once('error', () => reject(new HttpProblem(400, 'The request body could not be read.', 'BAD_REQUEST')));
  });
}

const isJson = (contentType: string | undefined) => !!contentType && /^application\/(?:[\w.+-]*\+)?json\b/i.test(contentType);

async function bodyOf(req: IncomingMessage, limit: number): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const raw = await readBody(req, limit);
  if (!isJson(req.headers['content-type']) || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'The request body is not valid JSON.', 'BAD_REQUEST');
  }
}

/** The `/graphql` request listener. */
export function graphqlHttpHandler<Context extends object>(options: GraphqlHttpOptions<Context>) {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const before = options.before ?? [];

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      if (!options.authorised(req)) {
        req.resume();
        sendJson(res, 403, { errors: [{ message: 'This service only answers the gateway.', extensions: { code: 'FORBIDDEN' } }] });
        return;
      }
      const body = await bodyOf(req, limit);
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const query = req.url!.indexOf('?');
      const response = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method!.toUpperCase(), headers, search: query < 0 ? '' : req.url!.slice(query), body },
        context: () => options.context(req),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.setHeader('content-length', Buffer.byteLength(response.body.string));
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      if (res.headersSent) {
        res.destroy(error as Error);
        return;
      }
      const problem = error instanceof HttpProblem ? error : new HttpProblem(500, 'Internal server error.', 'INTERNAL_SERVER_ERROR');
      sendJson(res, problem.status, { errors: [{ message: problem.message, extensions: { code: problem.code } }] }, problem.status === 413);
    }
  };

  const run = (req: IncomingMessage, res: ServerResponse) => {
    if (options.scope) options.scope(() => void answer(req, res));
    else void answer(req, res);
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    let step = 0;
    const next = () => (step < before.length ? before[step++](req, res, next) : run(req, res));
    next();
  };
}

/** Whether a request is for `/graphql` itself; `/graphql/…` goes through Express, whose `/graphql` mount hands it to the same handler. */
export function isGraphqlPath(url: string | undefined): boolean {
  if (!url || !url.startsWith('/graphql')) return false;
  return url.length === 8 || url[8] === '?';
}
