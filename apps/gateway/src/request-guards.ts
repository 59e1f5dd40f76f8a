/** What stands before `/graphql`: the browser origins allowed, then the bearer token, checked first of all. */
import type http from 'node:http';
import { headerOf, sendError, type NodeMiddleware } from '@tandem/http';
import type { Principal } from '@tandem/contracts';
import { InvalidTokenError, type TokenVerifier } from './auth';

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
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, apollo-require-preflight');
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
 * token with 401 and remembers the request's principal for `principalOf`.
 */
export function authentication(verify: TokenVerifier) {
  const principals = new WeakMap<http.IncomingMessage, Principal | null>();
  const authenticate: NodeMiddleware = (req, res, next) => {
    verify(headerOf(req, 'authorization')).then(
      (principal) => {
        principals.set(req, principal);
        next();
      },
      (error: unknown) => {
        req.resume();
        sendError(
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
