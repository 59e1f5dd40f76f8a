import { timingSafeEqual } from 'node:crypto';
import type express from 'express';
import { HEADERS } from '@tandem/contracts';
import type { Logger } from '@tandem/subgraph-kit';
import type { CalendarFeedService } from './calendar-feed.service';

/** `GET /calendar/:token`: the gateway forwards a feed's public URL here (with its secret); the token is the permission. */
export function calendarFeedRoutes(service: CalendarFeedService, gatewaySecret: string, log: Logger) {
  const secret = Buffer.from(gatewaySecret);
  return (app: express.Express) => {
    app.get('/calendar/:token', async (req, res) => {
      const given = Buffer.from(req.header(HEADERS.gatewaySecret) ?? '');
      if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
        res.status(403).json({ error: 'This service only answers the gateway.' });
        return;
      }
      try {
        const text = await service.render(String(req.params.token).replace(/\.ics$/, ''));
        if (text === null) {
          res.status(404).json({ error: 'This calendar feed does not exist or was revoked.' });
          return;
        }
        res.setHeader('content-type', 'text/calendar; charset=utf-8');
        res.setHeader('content-disposition', 'inline; filename="tandem-meetings.ics"');
        res.setHeader('cache-control', 'private, no-store');
        res.end(text);
      } catch (error) {
        log.error({ err: error }, 'calendar feed failed');
        res.status(500).json({ error: 'The calendar could not be produced; try again shortly.' });
      }
    });
  };
}
