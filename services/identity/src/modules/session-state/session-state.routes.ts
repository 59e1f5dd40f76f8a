import type express from 'express';
import { SESSION_STATE_PATH } from '@tandem/contracts';
import type { Logger } from '@tandem/subgraph-kit';
import { gatewayOnly } from '../shared/gateway-only';
import type { SessionStateService } from './session-state.service';

/**
 * `GET /internal/session-state/:userId`: the gateway (and only the gateway: its secret, compared in constant
 * time) asks for an account's current session state. Never cached by anything in between.
 */
export function sessionStateRoutes(service: SessionStateService, gatewaySecret: string, log: Logger) {
  const fromGateway = gatewayOnly(gatewaySecret);
  return (app: express.Express) => {
    app.get(`${SESSION_STATE_PATH}/:userId`, async (req, res) => {
      if (!fromGateway(req, res)) return;
      try {
        res.json(await service.state(String(req.params.userId)));
      } catch (error) {
        log.error({ err: error }, 'session state lookup failed');
        res.status(503).json({ error: 'The session state is unavailable; try again shortly.' });
      }
    });
  };
}
