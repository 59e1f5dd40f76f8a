import { timingSafeEqual } from 'node:crypto';
import type express from 'express';
import { decodePrincipal, HEADERS } from '@tandem/contracts';
import { AppError, type Logger } from '@tandem/subgraph-kit';
import type { AuditDocumentService } from './audit-document.service';
import { attachmentDisposition, MAX_DOCUMENT_BYTES } from './audit-document.rules';

/** The status of each refusal code an upload can meet. */
const UPLOAD_STATUS: Record<string, number> = {
  EMPTY: 400,
  TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  TOO_MANY_DOCUMENTS: 409,
  TOTAL_TOO_LARGE: 413,
  ANSWER_SUBMITTED: 409,
  AUDIT_CLOSED: 409,
};

const HTTP_STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

/**
 * The audit documents' HTTP side, which only the gateway calls (its secret, and the caller's principal it
 * verified): `POST /files/audit-documents/selections/:selectionId` stores the raw body (the file's name in
 * `X-Filename`, URI-encoded) and `GET /files/audit-documents/:documentId` serves one as an attachment. Answers
 * are JSON `{ document, errors: [{ field, code, message }] }` except a successful download.
 */
export function auditDocumentRoutes(service: AuditDocumentService, gatewaySecret: string, log: Logger) {
  const secret = Buffer.from(gatewaySecret);
  const fromGateway = (req: express.Request) => {
    const given = Buffer.from(req.header(HEADERS.gatewaySecret) ?? '');
    return given.length === secret.length && timingSafeEqual(given, secret);
  };
  const failed = (res: express.Response, error: unknown, what: string) => {
    if (error instanceof AppError && HTTP_STATUS[error.code]) {
      res.status(HTTP_STATUS[error.code]).json({ errors: [{ field: '', code: error.code, message: error.message }] });
      return;
    }
    log.error({ err: error }, `${what} failed`);
    res.status(500).json({ errors: [{ field: '', code: 'INTERNAL_SERVER_ERROR', message: 'Try again shortly.' }] });
  };
  return (app: express.Express) => {
    app.post('/files/audit-documents/selections/:selectionId', (req, res) => {
      if (!fromGateway(req)) {
        res.status(403).json({ error: 'This service only answers the gateway.' });
        return;
      }
      void (async () => {
        try {
          const body = await bodyWithin(req, MAX_DOCUMENT_BYTES);
          if (!body) {
            res.setHeader('connection', 'close');
            res.status(413).json({
              document: null,
              errors: [
                {
                  field: 'file',
                  code: 'TOO_LARGE',
                  message: `A document can be at most ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`,
                },
              ],
            });
            return;
          }
          const principal = decodePrincipal(req.header(HEADERS.principal));
          const result = await service.upload(
            { principal },
            String(req.params.selectionId),
            filenameOf(req.header('x-filename')),
            body,
          );
          const status = result.errors.length ? (UPLOAD_STATUS[result.errors[0].code] ?? 400) : 201;
          res.status(status).json(result);
        } catch (error) {
          failed(res, error, 'audit document upload');
        }
      })();
    });

    app.get('/files/audit-documents/:documentId', async (req, res) => {
      if (!fromGateway(req)) {
        res.status(403).json({ error: 'This service only answers the gateway.' });
        return;
      }
      try {
        const principal = decodePrincipal(req.header(HEADERS.principal));
        const file = await service.download({ principal }, String(req.params.documentId));
        if (!file.ok) {
          const message =
            file.code === 'CHECKSUM_MISMATCH'
              ? 'This document no longer matches what was uploaded; it is not served. The platform team was alerted.'
              : 'This document is missing from storage. The platform team was alerted.';
          res
            .status(file.code === 'CHECKSUM_MISMATCH' ? 409 : 410)
            .json({ errors: [{ field: '', code: file.code, message }] });
          return;
        }
        res.setHeader('content-type', file.document.mediaType);
        res.setHeader('content-disposition', attachmentDisposition(file.document.filename));
        res.setHeader('x-content-type-options', 'nosniff');
        res.setHeader('content-security-policy', "default-src 'none'; sandbox");
        res.setHeader('cache-control', 'private, no-store');
        res.setHeader('x-checksum-sha256', file.document.sha256);
        res.end(file.bytes);
      } catch (error) {
        failed(res, error, 'audit document download');
      }
    });
  };
}

/** The request's body, or null once it passes `limit` bytes (the rest is not read). */
async function bodyWithin(req: express.Request, limit: number): Promise<Buffer | null> {
  if (Number(req.header('content-length') ?? 0) > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** The file's name as the client gave it (URI-encoded in X-Filename), for its base only: never a path. */
function filenameOf(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return decodeURIComponent(header);
  } catch {
    return null;
  }
}
