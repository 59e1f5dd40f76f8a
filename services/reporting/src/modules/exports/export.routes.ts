import { timingSafeEqual } from 'node:crypto';
import type express from 'express';
import { HEADERS } from '@tandem/contracts';
import type { Logger } from '@tandem/subgraph-kit';
import type { ExportService } from './export.service';

/** `GET /files/:token`: the gateway proxies downloads here (with its secret); the signed token is the permission. */
export function exportRoutes(service: ExportService, gatewaySecret: string, log: Logger) {
  const secret = Buffer.from(gatewaySecret);
  return (app: express.Express) => {
    app.get('/files/:token', async (req, res) => {
      const given = Buffer.from(req.header(HEADERS.gatewaySecret) ?? '');
      if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
        res.status(403).json({ error: 'This service only answers the gateway.' });
        return;
      }
      try {
        const file = await service.render(String(req.params.token));
        if (!file) {
          res.status(404).json({ error: 'This link is invalid or has expired; ask for a new one.' });
          return;
        }
        res.setHeader('content-type', file.contentType);
        res.setHeader('content-disposition', `attachment; filename="${file.filename}"`);
        res.setHeader('cache-control', 'private, no-store');
        res.end(file.body);
      } catch (error) {
        log.error({ err: error }, 'export failed');
        res.status(500).json({ error: 'The file could not be produced; try again shortly.' });
      }
    });
  };
}
