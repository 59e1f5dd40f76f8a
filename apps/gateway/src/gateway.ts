/**
 * The one public endpoint: @apollo/gateway on @apollo/server, `/graphql` on plain node:http (`@tandem/http`),
 * Express for the rest (`/health`, `/ready`, `/metrics`, `/files/:token`). It verifies the bearer token,
 * plans each operation over the supergraph, and calls the subgraphs over kept-alive connections with
 * the caller's principal and the shared secret that the subgraphs require.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import proxyaddr from 'proxy-addr';
import {
  graphqlHttpHandler,
  graphqlResponseStatusPlugin,
  headerOf,
  isGraphqlPath,
  sendError,
  type NodeMiddleware,
} from '@tandem/http';
import compression from 'compression';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Logger } from 'pino';
import { ERROR_CODES, HEADERS, encodePrincipal, type ErrorCode, type Principal } from '@tandem/contracts';
import type { GraphQLFormattedError } from 'graphql';
import { createTokenVerifier, InvalidTokenError } from './auth';
import { createSubgraphFetcher, type Fetcher } from './fetcher';
import { fileSupergraph } from './supergraph';
import type { GatewayEnv } from './env';
import { subgraphUrlOverrides, trustedProxies } from './env';
import { GatewayObservability, type SubgraphFetchObserver } from './observability';
import { armor, LIMITS, rateLimit, securityHeaders } from './security';
import { withInputFields } from './input-errors';

/** Proxies whose X-Forwarded-For is believed (Express's `trust proxy` names): loopback and private networks. */

export interface GatewayContext {
  principal: Principal | null;
  requestId: string;
  clientIp: string | null;
  /** SQL statements per subgraph for this request (EXPOSE_SQL_COUNT: tests and benchmarks). */
  sqlStatements?: Record<string, number>;
}

/** Puts the per-subgraph statement counts in the response's `extensions.sqlStatements`. */
function sqlCountPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind === 'single' && contextValue.sqlStatements) {
            response.body.singleResult.extensions = {
              ...response.body.singleResult.extensions,
              sqlStatements: contextValue.sqlStatements,
            };
          }
        },
      };
    },
  };
}

/** The principal header of a request, encoded once however many subgraph calls its plan makes. */
const principalHeaders = new WeakMap<Principal, string>();
function encodedPrincipal(principal: Principal): string {
  let header = principalHeaders.get(principal);
  if (header === undefined) principalHeaders.set(principal, (header = encodePrincipal(principal)));
  return header;
}

class AuthenticatedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
    private readonly observe?: SubgraphFetchObserver,
    private readonly name = '',
    fetcher?: Fetcher,
  ) {
    super(fetcher ? { url, fetcher } : { url });
  }

  /** Adds up the SQL statements each subgraph ran for this request (when subgraphs report them). */
  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]) {
    const counted = response.http?.headers.get(HEADERS.sqlStatements);
    const sql = (context as Partial<GatewayContext>).sqlStatements;
    if (counted && sql) sql[this.name] = (sql[this.name] ?? 0) + Number(counted);
    return response;
  }

  /** Each subgraph fetch in a CLIENT span (and timed) when observability is on. */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>) {
    return this.observe ? this.observe.fetch(() => super.process(options)) : super.process(options);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    request.http?.headers.set(HEADERS.gatewaySecret, this.secret);
    const ctx = context as Partial<GatewayContext>;
    if (ctx.requestId) request.http?.headers.set(HEADERS.requestId, ctx.requestId);
    if (ctx.principal) request.http?.headers.set(HEADERS.principal, encodedPrincipal(ctx.principal));
    if (ctx.clientIp) request.http?.headers.set(HEADERS.clientIp, ctx.clientIp);
    this.observe?.inject(request.http?.headers); // W3C traceparent, so the subgraph's spans join the trace
  }
}

function requestLog(log: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          log.info(
            {
              requestId: contextValue.requestId,
              operation: operationName ?? '(anonymous)',
              ms: Math.round((performance.now() - started) * 10) / 10,
              errors: errors?.length ?? 0,
            },
            'request',
          );
        },
      };
    },
  };
}

const INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
]);

/**
 * Clients see only codes from the closed set in @tandem/contracts: the gateway's own input errors become
 * BAD_USER_INPUT, an unreachable subgraph SERVICE_UNAVAILABLE, anything unknown INTERNAL_SERVER_ERROR
 * (masked in production). Stack traces never leave.
 */
export function closedErrorCode(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  const {
    stacktrace: _s,
    exception: _e,
    serviceName: _n,
    ...extensions
  } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const raw = extensions.code as string | undefined;
  let code: ErrorCode;
  // a subgraph that cannot be reached: the gateway reports it as an internal error with the socket's words
  // (or one that dropped the connection in the middle of its answer: node says "aborted")
  // (a document the gateway could not read is the client's, whatever its message says: "Parsing aborted.")
  if (raw && INPUT_CODES.has(raw)) {
    code = 'BAD_USER_INPUT';
    // graphql-js gives up comparing a flood of overlapping fields with these two words
    if (formatted.message === 'Validation aborted.') {
      return {
        message: 'The query repeats its fields too often to be checked; select each field once.',
        extensions: { code, limit: 'repeatedField' },
      };
    }
  } else if (
    /^request to \S+ failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|fetch failed|\baborted\b/.test(
      formatted.message,
    )
  )
    code = 'SERVICE_UNAVAILABLE';
  else if (raw && (ERROR_CODES as readonly string[]).includes(raw)) code = raw as ErrorCode;
  else code = 'INTERNAL_SERVER_ERROR';
  if (code === 'SERVICE_UNAVAILABLE') {
    return {
      message: 'A part of the platform is unavailable; try again shortly.',
      path: formatted.path,
      extensions: { code },
    };
  }
  if (code === 'INTERNAL_SERVER_ERROR' && production) {
    return { message: 'Something went wrong on our side.', path: formatted.path, extensions: { code } };
  }
  return { ...formatted, extensions: withInputFields(formatted.message, { ...extensions, code }) };
}

export interface RunningGateway {
  url: string;
  port: number;
  app: express.Express;
  gateway: ApolloGateway;
  stop(): Promise<void>;
}

export async function startGateway(env: GatewayEnv, log: Logger, publicKeyPem: string): Promise<RunningGateway> {
  const production = env.NODE_ENV === 'production';
  const verify = await createTokenVerifier(publicKeyPem, { maxLifetimeSeconds: env.ACCESS_TOKEN_MAX_SECONDS });
  const overrides = subgraphUrlOverrides(env);
  const observability = new GatewayObservability({ tracing: env.OTEL_ENABLED, metrics: env.METRICS_ENABLED });
  // @apollo/gateway otherwise reports usage to Apollo and probes cloud metadata addresses: nothing leaves this platform
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  // plain node:http over kept-alive connections, asking for no compression (see fetcher.ts)
  const subgraphFetcher = createSubgraphFetcher({ timeoutMs: env.SUBGRAPH_TIMEOUT_MS });
  const gateway = new ApolloGateway({
    supergraphSdl: fileSupergraph(env.SUPERGRAPH_PATH, log, env.SUPERGRAPH_POLL_MS),
    buildService: ({ name, url }) =>
      new AuthenticatedDataSource(
        overrides[name] ?? url ?? '',
        env.GATEWAY_SECRET,
        observability.subgraph(name),
        name,
        subgraphFetcher.fetch,
      ),
    logger: {
      debug: (m) => log.debug(m),
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
    },
  });

  const protection = armor(production);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    // main.ts owns shutdown; Apollo's own signal handlers would stop the server under it and re-send the signal
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    // one operation per HTTP request: a batch would multiply every limit below
    allowBatchedHttpRequests: false,
    // Apollo's CSRF prevention refuses GET queries without a custom header. No credential travels in a cookie
    // here (the access token is an Authorization header a cross-site page cannot set), a POST must be JSON (the
    // http layer reads nothing else), and a GET runs only queries (Apollo answers 405 to a mutation), so a
    // cross-site request can do nothing a stranger could not; GET stays open for CDNs and persisted queries.
    csrfPrevention: false,
    validationRules: protection.validationRules,
    parseOptions: protection.parseOptions,
    plugins: [
      graphqlResponseStatusPlugin(),
      requestLog(log),
      ApolloServerPluginLandingPageDisabled(),
      ...(env.EXPOSE_SQL_COUNT ? [sqlCountPlugin()] : []),
      ...protection.plugins,
      ...observability.plugins(),
    ],
    formatError: (formatted) => closedErrorCode(formatted, production),
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses, never revalidated: hashing each one for an ETag is wasted CPU
  app.set('etag', false);
  // the client's address: the socket's, or what a proxy the operator lists (TRUST_PROXY) says it forwarded
  const proxies = trustedProxies(env.TRUST_PROXY);
  app.set('trust proxy', proxies.length ? proxies : false);
  const trusted = proxyaddr.compile(proxies);
  const clientIp = (req: http.IncomingMessage) => proxyaddr(req, trusted);
  const compress = compression() as unknown as NodeMiddleware;
  const secure = securityHeaders() as unknown as NodeMiddleware;
  app.use(compress);
  observability.mount(app); // /metrics
  app.use(secure);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  // the Kubernetes readiness probe: the supergraph is loaded before the server listens, so listening is ready
  app.get('/ready', (_req, res) => {
    res.json({ status: 'ready', service: 'gateway' });
  });
  // Short-lived signed download links (CPD exports) are served by reporting behind this path; the link's
  // token is the authorisation, and the subgraph still requires the gateway's secret.
  const filesBase = overrides.reporting ?? env.REPORTING_URL;
  app.get('/files/:token', async (req, res) => {
    if (!filesBase) {
      res.status(404).end();
      return;
    }
    try {
      const upstream = await fetch(new URL(`/files/${encodeURIComponent(req.params.token)}`, filesBase), {
        headers: { [HEADERS.gatewaySecret]: env.GATEWAY_SECRET },
      });
      res.status(upstream.status);
      for (const h of ['content-type', 'content-disposition', 'content-length', 'cache-control']) {
        const v = upstream.headers.get(h);
        if (v) res.setHeader(h, v);
      }
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      log.warn({ err: error }, 'file download failed');
      res.status(502).json({ error: 'The file service is unavailable; try again shortly.' });
    }
  });

  const allowed = new Set(
    env.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const cors: NodeMiddleware = (req, res, next) => {
    const origin = headerOf(req, 'origin');
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, apollo-require-preflight');
      res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
    }
    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    next();
  };
  const principals = new WeakMap<http.IncomingMessage, Principal | null>();
  // the token is checked before anything else, so rate limits can count per user
  const authenticate: NodeMiddleware = (req, res, next) => {
    verify(headerOf(req, 'authorization')).then(
      (principal) => {
        principals.set(req, principal);
        next();
      },
      (error: unknown) => {
        req.resume();
        sendError(
          res,
          401,
          error instanceof InvalidTokenError ? error.message : 'The access token is not valid.',
          'UNAUTHENTICATED',
        );
      },
    );
  };
  const graphql = graphqlHttpHandler<GatewayContext>({
    apollo,
    before: [
      compress,
      ...observability.middleware(),
      secure,
      cors,
      authenticate,
      rateLimit(
        {
          perUserPerMinute: env.RATE_LIMIT_PER_USER_PER_MINUTE,
          perAddressPerMinute: env.RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
        },
        (req) => principals.get(req) ?? null,
        (req) => clientIp(req) ?? 'unknown',
      ),
    ],
    maxBodyBytes: LIMITS.bodyBytes,
    context: async (req) => ({
      principal: principals.get(req) ?? null,
      requestId: randomUUID(),
      clientIp: clientIp(req) ?? null,
      ...(env.EXPOSE_SQL_COUNT ? { sqlStatements: {} } : {}),
    }),
  });

  // /graphql to its handler, the rest to Express
  const server = http.createServer((req, res) => (isGraphqlPath(req.url) ? graphql(req, res) : app(req, res)));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    app,
    gateway,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
      subgraphFetcher.close();
    },
  };
}
