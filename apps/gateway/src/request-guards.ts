/** What stands before `/graphql`: the browser origins allowed, then the bearer token, checked first of all. */
import type http from 'node:http';
import { headerOf, type NodeMiddleware } from '@tandem/http';
import type { Principal } from '@tandem/contracts';
import type { Logger } from 'pino';
import { SessionStateUnavailableError } from './account-states';
import { InvalidTokenError } from './auth';
import { sendLocalisedError } from './error-language';

/** CORS for the origins in CORS_ORIGINS (comma-separated); a preflight ends here. */
export function corsFor(origins: string): NodeMiddleware {
  const allowed = new Set(
    origins
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return (req, res, next) => {
    const origin = headerOf(req, 'origin');
    if (origin && allowed.has(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader(
        'Access-Control-Allow-Headers',
        'authorization, content-type, apollo-require-preflight, last-event-id',
      );
      res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
    }
    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    next();
  };
}

/**
 * The token is checked before anything else, so rate limits can count per user: `authenticate` refuses a bad
 * token (or one whose account's sessions have ended) with 401, answers 503 when identity cannot say, and remembers the request's principal for `principalOf`.
 */
export function authentication(verify: (authorization: string | undefined) => Promise<Principal | null>, log: Logger) {
  const principals = new WeakMap<http.IncomingMessage, Principal | null>();
  const authenticate: NodeMiddleware = (req, res, next) => {
    verify(headerOf(req, 'authorization')).then(
      (principal) => {
        principals.set(req, principal);
        next();
      },
      (error: unknown) => {
        req.resume();
        if (error instanceof SessionStateUnavailableError) {
          log.warn({ err: error.cause }, 'session state unavailable');
          sendLocalisedError(req, res, 503, error.message, 'SERVICE_UNAVAILABLE');
          return;
        }
        sendLocalisedError(
          req,
          res,
          401,
          error instanceof InvalidTokenError ? error.message : 'The access token is not valid.',
          'UNAUTHENTICATED',
        );
      },
    );
  };
  return { authenticate, principalOf: (req: http.IncomingMessage) => principals.get(req) ?? null };
}
