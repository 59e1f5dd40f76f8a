import { timingSafeEqual } from 'node:crypto';
import type express from 'express';
import { HEADERS } from '@tandem/contracts';

/**
 * For identity's internal routes, which only the gateway may call: true when the request carries the gateway's
 * secret (compared in constant time); otherwise it answers 403 and returns false.
 */
export function gatewayOnly(gatewaySecret: string) {
  const secret = Buffer.from(gatewaySecret);
  return (req: express.Request, res: express.Response): boolean => {
    const given = Buffer.from(req.header(HEADERS.gatewaySecret) ?? '');
    if (given.length === secret.length && timingSafeEqual(given, secret)) {
      res.setHeader('cache-control', 'no-store');
      return true;
    }
    res.status(403).json({ error: 'This service only answers the gateway.' });
    return false;
  };
}
