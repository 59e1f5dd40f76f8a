import type express from 'express';
import { API_KEY_CHECK_PATH } from '@tandem/contracts';
import type { Logger } from '@tandem/subgraph-kit';
import { gatewayOnly } from '../shared/gateway-only';
import type { ApiKeyService } from './api-key.service';

/**
 * `GET /internal/api-key-check/:hash`: the gateway (and only the gateway: its secret, compared in
 * constant time) asks what the API key with this SHA-256 may do now. The key itself never travels here.
 */
export function apiKeyRoutes(service: ApiKeyService, gatewaySecret: string, log: Logger) {
  const fromGateway = gatewayOnly(gatewaySecret);
  return (app: express.Express) => {
    app.get(`${API_KEY_CHECK_PATH}/:hash`, async (req, res) => {
      if (!fromGateway(req, res)) return;
      try {
        res.json(await service.check(String(req.params.hash)));
      } catch (error) {
        log.error({ err: error }, 'API key check failed');
        res.status(503).json({ error: 'The API key service is unavailable; try again shortly.' });
      }
    });
  };
}
