import { timingSafeEqual } from 'node:crypto';
import type express from 'express';
import { HEADERS } from '@tandem/contracts';
import type { Logger } from '@tandem/subgraph-kit';
import type { CredentialService } from './credential.service';

/**
 * `GET /issuers/:organizationId/(did.json|jwks.json|status/1)`: what verifiers read, public (the gateway proxies
 * it without a session, with its secret, as every request to a subgraph); readable from any origin, cached briefly
 * (a revocation shows within a minute).
 */
export function credentialRoutes(service: CredentialService, gatewaySecret: string, log: Logger) {
  const secret = Buffer.from(gatewaySecret);
  return (app: express.Express) => {
    app.get(/^\/issuers\/([0-9a-f-]{36})\/(did\.json|jwks\.json|status\/1)$/, async (req, res) => {
      const given = Buffer.from(req.header(HEADERS.gatewaySecret) ?? '');
      if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
        res.status(403).json({ error: 'This service only answers the gateway.' });
        return;
      }
      const [organizationId, file] = [String(req.params[0]), String(req.params[1])];
      try {
        const doc = await service.publicDocument(organizationId, file);
        res.setHeader('access-control-allow-origin', '*');
        if (!doc) {
          res.status(404).json({ error: 'No such issuer document.' });
          return;
        }
        res.setHeader('content-type', doc.contentType);
        res.setHeader('cache-control', 'public, max-age=60');
        res.end(doc.body);
      } catch (error) {
        log.error({ err: error }, 'issuer document failed');
        res.status(500).json({ error: 'The document could not be produced; try again shortly.' });
      }
    });
  };
}
