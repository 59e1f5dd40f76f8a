/**
 * Everything the gateway serves besides `/graphql`, on Express: `/health`, `/ready`, `/metrics`, the
 * short-lived file links and the credential issuers' public documents that reporting answers, and the private
 * calendar feeds that relationships answers.
 */
import express from 'express';
import type { NodeMiddleware } from '@tandem/http';
import type { Logger } from 'pino';
import { HEADERS } from '@tandem/contracts';
import type { GatewayObservability } from './observability';
import { mountAuditDocumentRoutes, type AuditDocumentRouteOptions } from './audit-documents';

export interface RoutesOptions {
  log: Logger;
  observability: GatewayObservability;
  compress: NodeMiddleware;
  secure: NodeMiddleware;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY, Express's `trust proxy` names); none: the socket's address. */
  trustProxy: string[];
  /** Reporting's base URL, which answers `/files/:token`; none: those links are 404. */
  filesBase: string | undefined;
  /** Relationships' base URL, which answers `/calendar/:token`; none: feeds are 404. */
  calendarBase: string | undefined;
  /** The rate limit of feed reads (per client address). */
  calendarLimit: NodeMiddleware;
  gatewaySecret: string;
  /** Audit supporting documents (audit-documents.ts): authenticated like /graphql. */
  auditDocuments: Omit<AuditDocumentRouteOptions, 'log' | 'reportingBase' | 'gatewaySecret'>;
}

export function gatewayRoutes({
  log,
  observability,
  compress,
  secure,
  trustProxy,
  filesBase,
  calendarBase,
  calendarLimit,
  gatewaySecret,
  auditDocuments,
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
  mountAuditDocumentRoutes(app, { ...auditDocuments, log, reportingBase: filesBase, gatewaySecret });
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
  // What verifiers of an organisation's Open Badges credentials read (issue 21), public: its did:web document, its
  // JWKS and its revocation status list, answered by reporting (which owns the credentials and the keys)
  app.get(/^\/issuers\/([0-9a-f-]{36})\/(did\.json|jwks\.json|status\/1)$/, async (req, res) => {
    res.setHeader('access-control-allow-origin', '*');
    if (!filesBase) {
      res.status(404).end();
      return;
    }
    try {
      const upstream = await fetch(new URL(`/issuers/${String(req.params[0])}/${String(req.params[1])}`, filesBase), {
        headers: { [HEADERS.gatewaySecret]: gatewaySecret },
      });
      res.status(upstream.status);
      for (const h of ['content-type', 'cache-control']) {
        const v = upstream.headers.get(h);
        if (v) res.setHeader(h, v);
      }
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      log.warn({ err: error }, 'issuer document failed');
      res.status(502).json({ error: 'The credential service is unavailable; try again shortly.' });
    }
  });
  // A person's private calendar feed (issue 20), which calendar apps poll without a session: the secret token in
  // the path is the permission, checked by relationships (which owns the meetings); rate-limited per address.
  app.get('/calendar/:file', calendarLimit, async (req, res) => {
    const token = /^([A-Za-z0-9_-]{20,100})\.ics$/.exec(req.params.file)?.[1];
    if (!calendarBase || !token) {
      res.status(404).json({ error: 'This calendar feed does not exist or was revoked.' });
      return;
    }
    try {
      const upstream = await fetch(new URL(`/calendar/${token}`, calendarBase), {
        headers: { [HEADERS.gatewaySecret]: gatewaySecret },
      });
      res.status(upstream.status);
      for (const h of ['content-type', 'content-disposition', 'cache-control']) {
        const v = upstream.headers.get(h);
        if (v) res.setHeader(h, v);
      }
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      log.warn({ err: error }, 'calendar feed failed');
      res.status(502).json({ error: 'The calendar service is unavailable; try again shortly.' });
    }
  });
  return app;
}
