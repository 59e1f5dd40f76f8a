/** Signs access tokens (EdDSA JWTs with the claims the gateway verifies) and makes refresh tokens. */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { importPKCS8, SignJWT, type CryptoKey } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, type AccessTokenClaims, type Principal } from '@tandem/contracts';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export class TokenSigner {
  private constructor(private readonly key: CryptoKey | null) {}

  /** From JWT_PRIVATE_KEY or the file JWT_PRIVATE_KEY_FILE; without either, login answers SERVICE_UNAVAILABLE. */
  static async fromEnv(env: { JWT_PRIVATE_KEY?: string; JWT_PRIVATE_KEY_FILE?: string }): Promise<TokenSigner> {
    const pem = TokenSigner.pemOf(env);
    return new TokenSigner(pem ? ((await importPKCS8(pem, 'EdDSA')) as CryptoKey) : null);
  }

  /** The signing key's PEM from the environment, or null. */
  static pemOf(env: { JWT_PRIVATE_KEY?: string; JWT_PRIVATE_KEY_FILE?: string }): string | null {
    return env.JWT_PRIVATE_KEY ?? (env.JWT_PRIVATE_KEY_FILE ? readFileSync(env.JWT_PRIVATE_KEY_FILE, 'utf8') : null);
  }

  get configured(): boolean {
    return this.key !== null;
  }

  async accessToken(
    principal: Principal,
    now = new Date(),
    sessionVersion = 0,
  ): Promise<{ token: string; expiresAt: Date }> {
    if (!this.key) throw new Error('no signing key configured (JWT_PRIVATE_KEY or JWT_PRIVATE_KEY_FILE)');
    const iat = Math.floor(now.getTime() / 1000);
    const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
    const claims: Omit<AccessTokenClaims, 'sub'> = {
      roles: principal.roles,
      org: principal.organizationId,
      sv: sessionVersion,
    };
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA' })
      .setSubject(principal.userId)
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }
}

/** A new opaque refresh token (256 random bits). Only its hash is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
