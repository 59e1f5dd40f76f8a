import { timingSafeEqual } from 'node:crypto';
import type express from 'express';
import { API_KEY_CHECK_PATH, HEADERS } from '@tandem/contracts';
import type { Logger } from '@tandem/subgraph-kit';
import type { ApiKeyService } from './api-key.service';

/**
 * `GET /internal/api-key-check/:hash`: the gateway (and only the gateway: its secret, compared in
 * constant time) asks what the API key with this SHA-256 may do now. The key itself never travels here.
 */
export function apiKeyRoutes(service: ApiKeyService, gatewaySecret: string, log: Logger) {
  const secret = Buffer.from(gatewaySecret);
  return (app: express.Express) => {
    app.get(`${API_KEY_CHECK_PATH}/:hash`, async (req, res) => {
      const given = Buffer.from(req.header(HEADERS.gatewaySecret) ?? '');
      if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
        res.status(403).json({ error: 'This service only answers the gateway.' });
        return;
      }
      res.setHeader('cache-control', 'no-store');
      try {
        res.json(await service.check(String(req.params.hash)));
      } catch (error) {
        log.error({ err: error }, 'API key check failed');
        res.status(503).json({ error: 'The API key service is unavailable; try again shortly.' });
      }
    });
  };
}
