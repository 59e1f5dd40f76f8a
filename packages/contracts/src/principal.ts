import { roleNamed, type Role } from './roles';

/** Who is calling: decided by the gateway from the access token, forwarded to every subgraph. */
export interface Principal {
  userId: string;
  roles: Role[];
  /** The partner organisation a coach (or participant) belongs to. */
  organizationId: string | null;
}

/** Headers between the gateway and the subgraphs. */
export const HEADERS = {
  gatewaySecret: 'x-tandem-gateway-secret',
  principal: 'x-tandem-principal',
  requestId: 'x-request-id',
  sqlStatements: 'x-tandem-sql-statements',
  /** The caller's address as the gateway saw it (rate limits, login throttling). */
  clientIp: 'x-tandem-client-ip',
  /** The caller's language as the gateway negotiated it from `Accept-Language` (one of LOCALES). */
  locale: 'x-tandem-locale',
} as const;

export function encodePrincipal(principal: Principal): string {
  return Buffer.from(JSON.stringify(principal), 'utf8').toString('base64url');
}

/** Parses the forwarded principal; anything malformed is treated as anonymous. */
export function decodePrincipal(header: string | undefined | null): Principal | null {
  if (!header) return null;
  try {
    const raw = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Partial<Principal>;
    if (typeof raw.userId !== 'string' || !Array.isArray(raw.roles)) return null;
    const roles = raw.roles.map(roleNamed).filter((r): r is Role => r !== null);
    return {
      userId: raw.userId,
      roles,
      organizationId: typeof raw.organizationId === 'string' ? raw.organizationId : null,
    };
  } catch {
    return null;
  }
}

/** Claims of the access token that identity signs and the gateway verifies. */
export interface AccessTokenClaims {
  sub: string;
  roles: Role[];
  org: string | null;
  /** The account's session version when the token was issued (see SessionState); a token without it counts as 0. */
  sv?: number;
}
export const ACCESS_TOKEN_ISSUER = 'tandem-identity';
export const ACCESS_TOKEN_AUDIENCE = 'tandem-gateway';
