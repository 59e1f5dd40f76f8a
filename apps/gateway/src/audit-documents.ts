/**
 * Audit supporting documents through the gateway (issue 21). Uploads are not GraphQL: `@apollo/gateway` does not
 * forward multipart requests to subgraphs, and GraphQL multipart would need Apollo's CSRF prevention, which is
 * off here (see gateway.ts). So these are two plain HTTP routes that authenticate exactly like `/graphql` (the
 * bearer token verified, the account's sessions checked, the per-user and per-address rate limits) and forward to
 * reporting, which owns the documents, with the verified principal and the shared secret:
 *
 * - `POST /files/audit-documents/selections/:selectionId`: the raw file as the body (any Content-Type: it is
 *   not believed), its name URI-encoded in `X-Filename`; answers `{ document, errors }`. A body past the size
 *   limit is cut off here and answered 413 `TOO_LARGE`.
 * - `GET /files/audit-documents/:documentId`: the file as an attachment.
 *
 * A cross-site page cannot call them: the token travels in the Authorization header, never in a cookie.
 * They live under `/files/`, which both apps' servers already forward to the gateway.
 */
import type express from 'express';
import type { Logger } from 'pino';
import { AUDIT_DOCUMENT_LIMITS, HEADERS, encodePrincipal, type Principal } from '@tandem/contracts';
import type { NodeMiddleware } from '@tandem/http';
import type { IncomingMessage } from 'node:http';

export interface AuditDocumentRouteOptions {
  log: Logger;
  /** Reporting's base URL; none: the routes are 404. */
  reportingBase: string | undefined;
  gatewaySecret: string;
  /** The bearer-token check of `/graphql`, then its rate limit. */
  authenticate: NodeMiddleware;
  limit: NodeMiddleware;
  principalOf: (req: IncomingMessage) => Principal | null;
}

const fail = (res: express.Response, status: number, code: string, message: string, field = '') =>
  res.status(status).json({ document: null, errors: [{ field, code, message }] });

/** Headers of reporting's answer that reach the client. */
const PASSED = [
  'content-type',
  'content-disposition',
  'x-content-type-options',
  'content-security-policy',
  'cache-control',
  'x-checksum-sha256',
];

export function mountAuditDocumentRoutes(app: express.Express, options: AuditDocumentRouteOptions): void {
  const { log, reportingBase, gatewaySecret, authenticate, limit, principalOf } = options;
  const forward = async (req: express.Request, res: express.Response, path: string, init: RequestInit) => {
    const principal = principalOf(req);
    if (!principal) {
      req.resume();
      fail(res, 401, 'UNAUTHENTICATED', 'Sign in to do this.');
      return;
    }
    if (!reportingBase) {
      fail(res, 404, 'NOT_FOUND', 'Not found.');
      return;
    }
    try {
      const upstream = await fetch(new URL(path, reportingBase), {
        ...init,
        headers: {
          ...(init.headers as Record<string, string>),
          [HEADERS.gatewaySecret]: gatewaySecret,
          [HEADERS.principal]: encodePrincipal(principal),
        },
      });
      res.status(upstream.status);
      for (const h of PASSED) {
        const v = upstream.headers.get(h);
        if (v) res.setHeader(h, v);
      }
      res.setHeader('x-content-type-options', 'nosniff');
      res.end(Buffer.from(await upstream.arrayBuffer()));
    } catch (error) {
      log.warn({ err: error }, 'audit document call failed');
      fail(res, 502, 'SERVICE_UNAVAILABLE', 'The document service is unavailable; try again shortly.');
    }
  };

  app.post('/files/audit-documents/selections/:selectionId', authenticate, limit, async (req, res) => {
    if (!principalOf(req)) {
      req.resume();
      fail(res, 401, 'UNAUTHENTICATED', 'Sign in to do this.');
      return;
    }
    const body = await bodyWithin(req, AUDIT_DOCUMENT_LIMITS.maxBytes);
    if (!body) {
      res.setHeader('connection', 'close');
      fail(
        res,
        413,
        'TOO_LARGE',
        `A document can be at most ${AUDIT_DOCUMENT_LIMITS.maxBytes / 1024 / 1024} MB.`,
        'file',
      );
      return;
    }
    const filename = req.header('x-filename');
    await forward(req, res, `/files/audit-documents/selections/${encodeURIComponent(req.params.selectionId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...(filename ? { 'x-filename': filename } : {}) },
      body: new Uint8Array(body),
    });
  });

  app.get('/files/audit-documents/:documentId', authenticate, limit, async (req, res) => {
    await forward(req, res, `/files/audit-documents/${encodeURIComponent(req.params.documentId)}`, { method: 'GET' });
  });
}

/** The request's body, or null once it passes `max` bytes (the rest is not read). */
async function bodyWithin(req: express.Request, max: number): Promise<Buffer | null> {
  if (Number(req.header('content-length') ?? 0) > max) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
