/**
 * Serves a subgraph: @apollo/server on plain node:http for `/graphql` (`@tandem/http`), Express with
 * compression for the rest: `/health` (the process is alive), `/ready` (the database answers and every
 * migration is applied), `/metrics`, downloads. `/graphql` accepts only requests that carry the gateway's
 * shared secret, so nothing (not even `_entities`) can be called around the gateway.
 */
import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import compression from 'compression';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import {
  API_KEY_READ_ONLY_MESSAGE,
  API_KEY_READ_ONLY_REASON,
  HEADERS,
  decodePrincipal,
  isApiKey,
  localeOf,
} from '@tandem/contracts';
import { LoaderRegistry, type SubgraphContext } from './context';
import { AppError, createErrorFormatter } from './errors';
import { hasPendingMigrations, requestScope } from './database';
import { observeSubgraph, type SubgraphMetrics } from './observability';
import { graphqlHttpHandler, graphqlResponseStatusPlugin, headerOf, isGraphqlPath, sendError } from '@tandem/http';

export interface SubgraphServerOptions {
  name: string;
  schema: GraphQLSchema;
  dataSource: DataSource;
  log: Logger;
  gatewaySecret: string;
  production: boolean;
  /** Adds the request's SQL statement count as a response header (tests and benchmarks). */
  exposeSqlCount?: boolean;
  /** Extra routes (downloads, webhooks), mounted before /graphql. */
  routes?: (app: express.Express) => void;
  /** The service's own Apollo Server plugins, run after the kit's. */
  plugins?: Array<ApolloServerPlugin<SubgraphContext>>;
  /** Observability (off unless given): W3C trace context + spans per request, Prometheus `/metrics`. */
  tracing?: boolean;
  metrics?: SubgraphMetrics;
}

export interface RunningSubgraph {
  url: string;
  port: number;
  app: express.Express;
  stop(): Promise<void>;
}

function secretMatches(expected: Buffer, given: string | undefined): boolean {
  if (!given) return false;
  const candidate = Buffer.from(given);
  return candidate.length === expected.length && timingSafeEqual(candidate, expected);
}

function requestLogPlugin(log: Logger, exposeSqlCount: boolean): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, errors }) {
          // what Apollo's cache-control plugin answered for a schema without cache hints (it is off: see below)
          response.http.headers.set('cache-control', 'no-store');
          if (exposeSqlCount)
            response.http.headers.set(HEADERS.sqlStatements, String(contextValue.stats.sqlStatements));
          contextValue.log.info(
            {
              operation: operationName ?? '(anonymous)',
              ms: Math.round((performance.now() - started) * 10) / 10,
              sql: contextValue.stats.sqlStatements,
              errors: errors?.length ?? 0,
              user: contextValue.principal?.userId,
            },
            'request',
          );
        },
      };
    },
  };
}

/**
 * Refuses every mutation (and subscription) of an API key's principal before any resolver runs, as the gateway
 * does (FORBIDDEN, reason API_KEY_READ_ONLY, HTTP 403): defence in depth, so a subgraph reached with a key's
 * principal by any path, or a rule that forgets keys hold no role, still changes nothing. Queries pass to the
 * resolvers, whose rules decide what a key may read.
 */
export function readOnlyApiKeysPlugin(): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!isApiKey(contextValue.principal) || operation?.operation === 'query') return;
          contextValue.log.warn(
            { apiKey: contextValue.principal.apiKeyId, operation: operation?.operation },
            'an API key principal reached a subgraph with a mutation: refused',
          );
          const error = new AppError('FORBIDDEN', API_KEY_READ_ONLY_MESSAGE, { reason: API_KEY_READ_ONLY_REASON });
          // the status the gateway answers for the same refusal
          Object.assign(error.extensions, { http: { status: 403 } });
          throw error;
        },
      };
    },
  };
}

export function createSubgraphApp(options: SubgraphServerOptions) {
  const { log, dataSource } = options;
  const secret = Buffer.from(options.gatewaySecret);
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // the service's own routes (downloads) compress for clients that ask; /graphql never reaches Express and is
  // never compressed (the gateway asks for none on the same network; see apps/gateway/src/fetcher.ts)
  app.use(compression());
  const observed = observeSubgraph({ name: options.name, tracing: options.tracing, metrics: options.metrics });
  observed.mount(app);

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      if (await hasPendingMigrations(dataSource)) {
        res.status(503).json({ status: 'migrations pending', service: options.name });
        return;
      }
      res.json({ status: 'ready', service: options.name });
    } catch {
      res.status(503).json({ status: 'database unreachable', service: options.name });
    }
  });
  options.routes?.(app);

  const apollo = new ApolloServer<SubgraphContext>({
    schema: options.schema,
    introspection: !options.production,
    // runMain owns shutdown; Apollo's own signal handlers would stop the server under it and re-send the signal
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    // every request must carry the gateway's secret header, which no cross-site page can send: Apollo's CSRF
    // check (a custom header on GETs) adds nothing, and GET queries follow the GraphQL-over-HTTP specification
    csrfPrevention: false,
    // a variable that does not coerce (a malformed LocalDate) is a 400 only for clients that accept
    // application/graphql-response+json; the gateway accepts application/json, so it gets 200 with BAD_USER_INPUT
    // and passes it on (a 400 would reach the client as the gateway's INTERNAL_SERVER_ERROR "400: Bad Request");
    // Apollo Server 5 does this by default (`status400ForVariableCoercionErrors`), so it is not set here
    formatError: createErrorFormatter({
      production: options.production,
      onInternal: (error) => log.error({ err: error }, 'internal error'),
    }),
    // No subgraph declares cache hints, so every answer is uncacheable (`no-store`, set by the request log
    // plugin); Apollo's cache-control plugin would otherwise wrap every resolved field to work that out.
    plugins: [
      graphqlResponseStatusPlugin(),
      requestLogPlugin(log, !!options.exposeSqlCount),
      readOnlyApiKeysPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ...observed.plugins,
      ...(options.plugins ?? []),
    ],
    logger: {
      debug: (m) => log.debug(m),
      info: (m) => log.info(m),
      warn: (m) => log.warn(m),
      error: (m) => log.error(m),
    },
  });

  const graphql = graphqlHttpHandler<SubgraphContext>({
    apollo,
    before: [
      ...observed.middleware,
      (req, res, next) => {
        if (secretMatches(secret, headerOf(req, HEADERS.gatewaySecret))) return next();
        req.resume();
        sendError(res, 403, 'This service only answers the gateway.', 'FORBIDDEN');
      },
    ],
    // every statement the request causes is counted against it, when the count is shown (the response
    // header, or the request's log line): AsyncLocalStorage makes every promise of the process pay for
    // its hooks, about 5 % of a subgraph's CPU, so it is not switched on for a count nobody reads
    scope:
      options.exposeSqlCount || log.isLevelEnabled('info')
        ? (run) => requestScope.run({ sqlStatements: 0 }, run)
        : undefined,
    context: async (req): Promise<SubgraphContext> => {
      const requestId = headerOf(req, HEADERS.requestId) ?? randomUUID();
      return {
        principal: decodePrincipal(headerOf(req, HEADERS.principal)),
        clientIp: headerOf(req, HEADERS.clientIp) ?? null,
        locale: localeOf(headerOf(req, HEADERS.locale)),
        requestId,
        log: log.child({ requestId }),
        loaders: new LoaderRegistry(),
        stats: requestScope.getStore() ?? { sqlStatements: 0 },
      };
    },
  });

  const start = () => apollo.start();
  /** The server's request listener: `/graphql` to its handler, everything else to Express. */
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) =>
    isGraphqlPath(req.url) ? graphql(req, res) : app(req, res);
  return { app, apollo, start, listener };
}

/** Starts the server; resolves once it listens. */
export async function startSubgraphServer(
  options: SubgraphServerOptions & { port: number; host?: string },
): Promise<RunningSubgraph> {
  const { app, apollo, start, listener } = createSubgraphApp(options);
  await start();
  const server = http.createServer(listener);
  // longer than the gateway's idle keep-alive, so the gateway never reuses a socket we are closing
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    app,
    stop: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}
