/** Verifies identity's access tokens (EdDSA JWTs) and turns them into the principal forwarded to subgraphs. */
import { importSPKI, jwtVerify, errors as joseErrors } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, ROLES, type Principal, type Role } from '@tandem/contracts';

export class InvalidTokenError extends Error {
  constructor(readonly reason: 'expired' | 'invalid') {
    super(reason === 'expired' ? 'The access token has expired; refresh the session.' : 'The access token is not valid.');
  }
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Principal | null>;

export async function createTokenVerifier(publicKeyPem: string): Promise<TokenVerifier> {
  const key = await importSPKI(publicKeyPem, 'EdDSA');
  return async (authorization) => {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) throw new InvalidTokenError('invalid');
    try {
      const { payload } = await jwtVerify(match[1], key, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        algorithms: ['EdDSA'],
        clockTolerance: 5,
      });
      if (typeof payload.sub !== 'string' || !Array.isArray(payload.roles)) throw new InvalidTokenError('invalid');
      const roles = (payload.roles as unknown[]).filter((r): r is Role => (ROLES as readonly unknown[]).includes(r));
      return { userId: payload.sub, roles, organizationId: typeof payload.org === 'string' ? payload.org : null };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidTokenError('expired');
      throw new InvalidTokenError('invalid');
    }
  };
}
