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
import { apiKeyCheck, sessionCheck, verifySession } from './session-check';
import { apiKeyBudgetOf, apiKeyIn, readOnlyKeys } from './api-keys';
import { InvalidTokenError } from './auth';
import { isApiKey } from '@tandem/contracts';
import { apqStore, type ApqStore } from './apq-store';
import { PersistedQueryCache } from './persisted-query-cache';
import { sendLocalisedError } from './error-language';
import {
  DEFAULT_MANIFESTS,
  isTrustedRequest,
  requestedDocument,
  TrustedDocuments,
  UNTRUSTED_DOCUMENT_REASON,
} from './trusted-documents';
import { AuthenticatedDataSource } from './subgraph-source';
import { SharedEntities, sharedEntitiesPlugin } from './shared-entities';
import { errorLanguagePlugin, errorLocale } from './error-language';
import { LiveStreams } from './live';
import { LIVE_PATH } from '@tandem/contracts';

export interface RunningGateway {
  url: string;
  port: number;
  app: express.Express;
  gateway: ApolloGateway;
  /** The live-update streams (`GET /live`). */
  live: LiveStreams;
  /** The shared automatic persisted query store (apq-store.ts). */
  persistedQueryStore: Pick<ApqStore, 'kind' | 'prune'>;
  stop(): Promise<void>;
}

export async function startGateway(env: GatewayEnv, log: Logger, publicKeyPem: string): Promise<RunningGateway> {
  const production = env.NODE_ENV === 'production';
  const verify = await createTokenVerifier(publicKeyPem, { maxLifetimeSeconds: env.ACCESS_TOKEN_MAX_SECONDS });
  const overrides = subgraphUrlOverrides(env);
  const accountStates = sessionCheck(env, overrides.identity);
  const apiKeys = apiKeyCheck(env, overrides.identity);
  // the first-party apps' documents (trusted-documents.ts); a manifest named explicitly must exist
  const manifests = env.TRUSTED_DOCUMENTS_MANIFESTS?.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  const trustedDocuments =
    env.TRUSTED_DOCUMENTS === 'off'
      ? TrustedDocuments.of([])
      : TrustedDocuments.load(manifests ?? DEFAULT_MANIFESTS, !!manifests || env.TRUSTED_DOCUMENTS === 'require');
  if (env.TRUSTED_DOCUMENTS === 'require' && trustedDocuments.size === 0)
    throw new Error('TRUSTED_DOCUMENTS=require but the manifests hold no document: every app request would be refused');
  log.info({ mode: env.TRUSTED_DOCUMENTS, documents: trustedDocuments.size }, 'trusted documents');
  const persistedQueries = apqStore(env, log);
  log.info({ store: persistedQueries.kind }, 'persisted query store');
  const observability = new GatewayObservability({ tracing: env.OTEL_ENABLED, metrics: env.METRICS_ENABLED });
  // @apollo/gateway otherwise reports usage to Apollo and probes cloud metadata addresses: nothing leaves this platform
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  // plain node:http over kept-alive connections, asking for no compression, identical queries under way sent once
  const subgraphFetcher = createSubgraphFetcher({
    timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    dedupeQueries: env.DEDUPE_SUBGRAPH_QUERIES,
  });
  // identity's answers that are the same for every participant, kept while this replica hears identity's signals
  const shared = env.SHARE_PUBLIC_ENTITIES && env.LIVE_DATABASE_URL ? new SharedEntities() : undefined;
  if (shared) observability.shareAnswers(shared);
  const gateway = new ApolloGateway({
    supergraphSdl: fileSupergraph(env.SUPERGRAPH_PATH, log, env.SUPERGRAPH_POLL_MS),
    buildService: ({ name, url }) =>
      new AuthenticatedDataSource(
        overrides[name] ?? url ?? '',
        env.GATEWAY_SECRET,
        observability.subgraph(name),
        name,
        subgraphFetcher.fetch,
        name === 'identity' ? shared : undefined,
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
    // hashes of the apps' manifests are always known; other clients' registrations go to the shared store
    persistedQueries: {
      cache: new PersistedQueryCache(trustedDocuments, persistedQueries.cache),
      ttl: env.APQ_TTL_SECONDS,
    },
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
      readOnlyKeys(),
      ...(shared ? [sharedEntitiesPlugin(shared)] : []),
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
  // a person's session token, or an organisation's API key (`tdk_…`, checked with identity)
  const { authenticate, principalOf } = authentication((authorization) => {
    const key = apiKeyIn(authorization);
    if (key === null) return verifySession(verify, accountStates, authorization);
    if (!apiKeys) return Promise.reject(new InvalidTokenError('invalid'));
    return apiKeys.principal(key);
  }, log);
  // the per-user and per-address limits of /graphql, for the routes that authenticate like it
  const requestLimit = () =>
    rateLimit(
      {
        perUserPerMinute: env.RATE_LIMIT_PER_USER_PER_MINUTE,
        perAddressPerMinute: env.RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
      },
      principalOf,
      (req) => clientIp(req) ?? 'unknown',
      apiKeyBudgetOf,
    );
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
    auditDocuments: { authenticate, limit: requestLimit(), principalOf },
  });

  const graphql = graphqlHttpHandler<GatewayContext>({
    apollo,
    before: [compress, ...observability.middleware(), secure, corsFor(env.CORS_ORIGINS), authenticate, requestLimit()],
    maxBodyBytes: LIMITS.bodyBytes,
    // in `require` mode, people's clients run only the apps' documents; an API key runs any query
    admit:
      env.TRUSTED_DOCUMENTS === 'require'
        ? (req, res, request) => {
            if (isApiKey(principalOf(req))) return true;
            if (isTrustedRequest(trustedDocuments, requestedDocument(request.body, request.search))) return true;
            sendLocalisedError(
              req,
              res,
              403,
              'Only the documents of Tandem’s apps are accepted here; send a registered document by its hash, or use an API key.',
              'FORBIDDEN',
              { reason: UNTRUSTED_DOCUMENT_REASON },
            );
            return false;
          }
        : undefined,
    context: async (req) => ({
      principal: principalOf(req),
      requestId: randomUUID(),
      clientIp: clientIp(req) ?? null,
      locale: errorLocale([req.headers['accept-language']].flat()[0]),
      ...(env.EXPOSE_SQL_COUNT ? { sqlStatements: {} } : {}),
    }),
  });

  // live updates: the same token and account check as /graphql, never compressed (a stream is flushed as it goes)
  const verifyLive = (authorization: string | undefined) => verifySession(verify, accountStates, authorization);
  const live = new LiveStreams({
    databaseUrl: env.LIVE_DATABASE_URL,
    log: log.child({ module: 'live' }),
    verify: verifyLive,
    forget: (userId) => accountStates?.forget(userId),
    shared,
    before: [secure, corsFor(env.CORS_ORIGINS)],
    heartbeatMs: env.LIVE_HEARTBEAT_MS,
    recheckMs: env.LIVE_RECHECK_MS,
    maxPerPerson: env.LIVE_MAX_STREAMS_PER_PERSON,
  });
  live.start();

  // /graphql to its handler, /live to the streams, the rest to Express
  const server = http.createServer((req, res) =>
    isGraphqlPath(req.url) ? graphql(req, res) : isLivePath(req.url) ? live.handle(req, res) : app(req, res),
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(env.PORT, env.HOST, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    app,
    gateway,
    live,
    persistedQueryStore: persistedQueries,
    stop: async () => {
      await live.stop(); // each stream told why it ends, before the sockets close
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await apollo.stop();
      subgraphFetcher.close();
      await persistedQueries.close();
    },
  };
}

/** `/live`, with or without a query string. */
function isLivePath(url: string | undefined): boolean {
  const path = (url ?? '').split('?')[0];
  return path === LIVE_PATH;
}
