/**
 * The one public endpoint: @apollo/gateway on @apollo/server, `/graphql` on plain node:http (`@tandem/http`),
 * Express for the rest (`/health`, `/ready`, `/metrics`, `/files/:token`, see routes.ts). It verifies the bearer
 * token, plans each operation over the supergraph, and calls the subgraphs over kept-alive connections with
 * the caller's principal and the shared secret that the subgraphs require (subgraph-source.ts).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import proxyaddr from 'proxy-addr';
import { graphqlHttpHandler, graphqlResponseStatusPlugin, isGraphqlPath, type NodeMiddleware } from '@tandem/http';
import compression from 'compression';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import type { Logger } from 'pino';
import { createTokenVerifier } from './auth';
import type { GatewayContext } from './context';
import { createSubgraphFetcher } from './fetcher';
import { fileSupergraph } from './supergraph';
import type { GatewayEnv } from './env';
import { subgraphUrlOverrides, trustedProxies } from './env';
import { closedErrorCode } from './error-codes';
import { GatewayObservability } from './observability';
import { requestLog, sqlCountPlugin } from './plugins';
import { authentication, corsFor } from './request-guards';
import { gatewayRoutes } from './routes';
import { armor, LIMITS, rateLimit, securityHeaders } from './security';
import { costPlugin, costTable, type CostTable } from './cost';
import { sessionCheck, verifySession } from './session-check';
import { AuthenticatedDataSource } from './subgraph-source';
import { errorLanguagePlugin, errorLocale } from './error-language';

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
  const accountStates = sessionCheck(env, overrides.identity);
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

  // the cost annotations of the supergraph being served, read again with each new one
  let costs: CostTable | null = null;
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    costs = costTable(coreSupergraphSdl);
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
      errorLanguagePlugin(),
      requestLog(log),
      ApolloServerPluginLandingPageDisabled(),
      ...(env.EXPOSE_SQL_COUNT ? [sqlCountPlugin()] : []),
      ...protection.plugins,
      costPlugin(() => costs, LIMITS.cost),
      ...observability.plugins(),
    ],
    formatError: (formatted) => closedErrorCode(formatted, production),
  });
  await apollo.start();

  // the client's address: the socket's, or what a proxy the operator lists (TRUST_PROXY) says it forwarded
  const proxies = trustedProxies(env.TRUST_PROXY);
  const trusted = proxyaddr.compile(proxies);
  const clientIp = (req: http.IncomingMessage) => proxyaddr(req, trusted);
  const compress = compression() as unknown as NodeMiddleware;
  const secure = securityHeaders() as unknown as NodeMiddleware;
  const app = gatewayRoutes({
    log,
    observability,
    compress,
    secure,
    trustProxy: proxies,
    filesBase: overrides.reporting ?? env.REPORTING_URL,
    calendarBase: overrides.relationships ?? env.RELATIONSHIPS_URL,
    // per client address only: a feed is read without a session
    calendarLimit: rateLimit(
      { perUserPerMinute: 1, perAddressPerMinute: env.CALENDAR_FEED_PER_ADDRESS_PER_MINUTE },
      () => null,
      (req) => clientIp(req) ?? 'unknown',
    ),
    gatewaySecret: env.GATEWAY_SECRET,
  });

  const { authenticate, principalOf } = authentication(
    (authorization) => verifySession(verify, accountStates, authorization),
    log,
  );
  const graphql = graphqlHttpHandler<GatewayContext>({
    apollo,
    before: [
      compress,
      ...observability.middleware(),
      secure,
      corsFor(env.CORS_ORIGINS),
      authenticate,
      rateLimit(
        {
          perUserPerMinute: env.RATE_LIMIT_PER_USER_PER_MINUTE,
          perAddressPerMinute: env.RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
        },
        principalOf,
        (req) => clientIp(req) ?? 'unknown',
      ),
    ],
    maxBodyBytes: LIMITS.bodyBytes,
    context: async (req) => ({
      principal: principalOf(req),
      requestId: randomUUID(),
      clientIp: clientIp(req) ?? null,
      locale: errorLocale([req.headers['accept-language']].flat()[0]),
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
