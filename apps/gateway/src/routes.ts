/**
 * Everything the gateway serves besides `/graphql`, on Express: `/health`, `/ready`, `/metrics` and the
 * short-lived file links that reporting answers.
 */
import express from 'express';
import type { NodeMiddleware } from '@tandem/http';
import type { Logger } from 'pino';
import { HEADERS } from '@tandem/contracts';
import type { GatewayObservability } from './observability';

export interface RoutesOptions {
  log: Logger;
  observability: GatewayObservability;
  compress: NodeMiddleware;
  secure: NodeMiddleware;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY, Express's `trust proxy` names); none: the socket's address. */
  trustProxy: string[];
  /** Reporting's base URL, which answers `/files/:token`; none: those links are 404. */
  filesBase: string | undefined;
  gatewaySecret: string;
}

export function gatewayRoutes({
  log,
  observability,
  compress,
  secure,
  trustProxy,
  filesBase,
  gatewaySecret,
}: RoutesOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses, never revalidated: hashing each one for an ETag is wasted CPU
  app.set('etag', false);
  // the client address behind a proxy the operator lists (the ingress), as Express reads it for its routes
  app.set('trust proxy', trustProxy.length ? trustProxy : false);
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
  app.get('/files/:token', async (req, res) => {
    if (!filesBase) {
      res.status(404).end();
      return;
    }
    try {
      const upstream = await fetch(new URL(`/files/${encodeURIComponent(req.params.token)}`, filesBase), {
        headers: { [HEADERS.gatewaySecret]: gatewaySecret },
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
  return app;
}
