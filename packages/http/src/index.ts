/**
 * Apollo Server on plain node:http, for the gateway's and every subgraph's `/graphql`, in front of the Express
 * app that serves everything else (`/health`, `/ready`, `/metrics`, downloads). GraphQL traffic is small JSON
 * POSTs, for which Express's router, body-parser, content negotiation and `res.send` were pure overhead.
 * Measured on this 2-core machine (`npx tsx bench/http/layers.ts`, server CPU per request of a small query): a
 * bare node:http JSON answer 0.18 ms, the same through Express 5 and `express.json()` 0.46 ms; Apollo Server
 * behind its Express integration 0.64 ms, called directly as here 0.29 ms. A mentee's dashboard crosses the
 * gateway and makes four subgraph calls.
 *
 * A request goes through, in order: the given connect-style steps (tracing, security headers, the caller's
 * check: the gateway secret for a subgraph, the token and rate limits for the gateway; any of them may answer
 * and stop), the body (JSON only, as `express.json()` parsed it: anything else reaches Apollo Server as no body,
 * which answers 400; compressed bodies inflated; over the limit 413), then Apollo Server itself
 * (`executeHTTPGraphQLRequest`, the call its Express integration makes).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import { HeaderMap, type ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';

/** A connect-style step: answers and stops, or calls `next`. Plain node types, so Express takes it too. */
export type NodeMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

export interface GraphqlHttpOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  context(req: IncomingMessage): Promise<Context>;
  /** Steps before the body is read. */
  before?: NodeMiddleware[];
  /** Runs the GraphQL request inside `scope` (e.g. an AsyncLocalStorage store), when given. */
  scope?: (run: () => void) => void;
  maxBodyBytes?: number;
  /**
   * Looks at the request once its body is read, before Apollo Server parses anything (the gateway's trusted
   * documents): answers and returns false to stop it, or returns true.
   */
  admit?: (req: IncomingMessage, res: ServerResponse, request: { body: unknown; search: string }) => boolean;
}

class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Answers with a JSON body (an error in GraphQL's shape, usually). */
export function sendJson(res: ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(text));
  if (close) res.setHeader('connection', 'close');
  res.end(text);
}

/** A GraphQL error answer: `{ errors: [{ message, extensions: { code, ...extensions } }] }`. */
export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  code: string,
  extensions: Record<string, unknown> = {},
  close = false,
): void {
  sendJson(res, status, { errors: [{ message, extensions: { code, ...extensions } }] }, close);
}

/** The first value of a request header. */
export function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decoded(req: IncomingMessage): Readable {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return req;
  const inflate =
    encoding === 'gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  if (!inflate) throw new HttpProblem(415, `Unsupported content encoding "${encoding}".`, 'BAD_USER_INPUT');
  return req.pipe(inflate);
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () =>
    new HttpProblem(413, `The request is larger than ${Math.round(limit / 1024)} KiB.`, 'BAD_USER_INPUT');
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const stream = decoded(req);
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stream.removeAllListeners('data');
        stream.resume();
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    stream.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    stream.once('error', () => reject(new HttpProblem(400, 'The request body could not be read.', 'BAD_USER_INPUT')));
  });
}

const isJson = (contentType: string | undefined) =>
  !!contentType && /^application\/(?:[\w.+-]*\+)?json\b/i.test(contentType);

async function bodyOf(req: IncomingMessage, limit: number): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const raw = await readBody(req, limit);
  if (!isJson(req.headers['content-type']) || raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpProblem(400, 'The request body is not valid JSON.', 'BAD_USER_INPUT');
  }
}

/** The `/graphql` request listener. */
export function graphqlHttpHandler<Context extends BaseContext>(options: GraphqlHttpOptions<Context>) {
  const limit = options.maxBodyBytes ?? 1024 * 1024;
  const before = options.before ?? [];

  const fail = (res: ServerResponse, error: unknown) => {
    if (res.headersSent) {
      res.destroy(error as Error);
      return;
    }
    const problem =
      error instanceof HttpProblem ? error : new HttpProblem(500, 'Internal server error.', 'INTERNAL_SERVER_ERROR');
    // a refused body may still be arriving: the connection closes after the answer rather than read it all
    sendError(res, problem.status, problem.message, problem.code, {}, problem.status === 413 || problem.status === 415);
  };

  const answer = async (req: IncomingMessage, res: ServerResponse) => {
    try {
      const body = await bodyOf(req, limit);
      const query = req.url!.indexOf('?');
      const search = query < 0 ? '' : req.url!.slice(query);
      if (options.admit && !options.admit(req, res, { body, search })) return;
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method!.toUpperCase(),
          headers,
          search,
          body,
        },
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
      fail(res, error);
    }
  };

  const run = (req: IncomingMessage, res: ServerResponse) => {
    if (options.scope) options.scope(() => void answer(req, res));
    else void answer(req, res);
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    let step = 0;
    const next = (error?: unknown) => {
      if (error !== undefined) fail(res, error);
      else if (step < before.length) {
        try {
          before[step++](req, res, next);
        } catch (thrown) {
          fail(res, thrown);
        }
      } else run(req, res);
    };
    next();
  };
}

/** Whether a request is for `/graphql` (with or without a query string); anything else, `/graphql/…` included, is Express's. */
export function isGraphqlPath(url: string | undefined): boolean {
  if (!url || !url.startsWith('/graphql')) return false;
  return url.length === 8 || url[8] === '?';
}

/**
 * GraphQL-over-HTTP status codes for clients that accept only `application/json` (the specification's legacy
 * watershed): a request the server could read but not run (a document that does not parse or validate,
 * variables that do not fit) is answered 200 with its errors, as the specification says a server SHOULD;
 * clients that accept `application/graphql-response+json` get Apollo Server's 400. Requests that are not
 * GraphQL requests at all (no query, a batch, an unreadable body) stay 400 whatever the client accepts.
 */
const UNRUNNABLE = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

export function graphqlResponseStatusPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart({ request }) {
      const accept = request.http?.headers.get('accept') ?? '';
      if (accept.includes('application/graphql-response+json')) return;
      return {
        async willSendResponse({ response, errors }) {
          if (response.http.status === 400 && errors?.every((e) => UNRUNNABLE.has(String(e.extensions.code)))) {
            response.http.status = 200;
          }
        },
      };
    },
  };
}
