/**
 * The one public endpoint: @apollo/gateway on @apollo/server (Express). It verifies the bearer token,
 * plans each operation over the supergraph, and calls the subgraphs over kept-alive connections with
 * the caller's principal and the shared secret that the subgraphs require.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import compression from 'compression';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { HEADERS, encodePrincipal, type Principal } from '@tandem/contracts';
import { createTokenVerifier, InvalidTokenError } from './auth';
import { fileSupergraph } from './supergraph';
import type { GatewayEnv } from './env';
import { subgraphUrlOverrides } from './env';

export interface GatewayContext {
  principal: Principal | null;
  requestId: string;
  clientIp: string | null;
}

class AuthenticatedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly secret: string) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    request.http?.headers.set(HEADERS.gatewaySecret, this.secret);
    const ctx = context as Partial<GatewayContext>;
    if (ctx.requestId) request.http?.headers.set(HEADERS.requestId, ctx.requestId);
    if (ctx.principal) request.http?.headers.set(HEADERS.principal, encodePrincipal(ctx.principal));
    if (ctx.clientIp) request.http?.headers.set(HEADERS.clientIp, ctx.clientIp);
  }
}

function requestLog(log: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, errors }) {
          log.info(
            { requestId: contextValue.requestId, operation: operationName ?? '(anonymous)', ms: Math.round((performance.now() - started) * 10) / 10, errors: errors?.length ?? 0 },
            'request',
          );
        },
      };
    },
  };
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
  const verify = await createTokenVerifier(publicKeyPem);
  const overrides = subgraphUrlOverrides(env);
  const gateway = new ApolloGateway({
    supergraphSdl: fileSupergraph(env.SUPERGRAPH_PATH, log, env.SUPERGRAPH_POLL_MS),
    buildService: ({ name, url }) => new AuthenticatedDataSource(overrides[name] ?? url ?? '', env.GATEWAY_SECRET),
    logger: { debug: (m) => log.debug(m), info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    plugins: [requestLog(log), ApolloServerPluginLandingPageDisabled()],
    formatError: (formatted) => {
      const code = formatted.extensions?.code;
      if (production && (code === 'INTERNAL_SERVER_ERROR' || code === undefined)) {
        return { message: 'Something went wrong on our side.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      }
      const { stacktrace: _s, exception: _e, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions };
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, linklocal, uniquelocal');
  app.use(compression());
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
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

  const allowed = new Set(env.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean));
  app.use('/graphql', (req, res, next) => {
    const origin = req.header('origin');
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, apollo-require-preflight');
      res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
    }
    if (req.method === 'OPTIONS') {
      res.sendStatus(204);
      return;
    }
    next();
  });
  app.use(
    '/graphql',
    express.json({ limit: '256kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = randomUUID();
        const clientIp = req.ip ?? req.socket.remoteAddress ?? null;
        try {
          return { principal: await verify(req.header('authorization')), requestId, clientIp };
        } catch (error) {
          const message = error instanceof InvalidTokenError ? error.message : 'The access token is not valid.';
          throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
      },
    }),
  );

  const server = http.createServer(app);
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
    },
  };
}
