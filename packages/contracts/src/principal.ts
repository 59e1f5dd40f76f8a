import { roleNamed, type Role } from './roles';

/** Who is calling: decided by the gateway from the access token, forwarded to every subgraph. */
export interface Principal {
  userId: string;
  roles: Role[];
  /** The partner organisation a coach (or participant) belongs to; for an API key, the organisation that owns it. */
  organizationId: string | null;
  /**
   * Set when the caller is an organisation's API key (server to server), not a person: `userId` is then the
   * key's id and `roles` is empty, so no rule written for people's roles grants it anything; it reads what
   * the rules give API keys (its organisation's aggregates, see `isApiKey`) and the gateway refuses its mutations.
   */
  apiKeyId?: string;
}

/**
 * Whether the caller takes part in programmes: holds a role other than ANALYST. Identity's access rules give "any
 * signed-in participant" what they give; an analyst alone and an API key (no roles) are not participants. The
 * gateway serves answers identity declared the same for every participant only to these (shared-entities.ts).
 */
export const participates = (p: Principal | null | undefined): p is Principal =>
  !!p && p.roles.some((role) => role !== 'ANALYST');

/** Whether the caller is an organisation's API key (an organisation-scoped, read-only principal). */
export const isApiKey = (p: Principal | null | undefined): p is Principal & { apiKeyId: string } =>
  typeof p?.apiKeyId === 'string';

/**
 * The reason (`extensions.reason`, code FORBIDDEN) of an API key's refused mutation: the gateway refuses them, and
 * every subgraph again before any resolver runs (defence in depth: a key holds no role, but no rule should have to
 * remember that a key must not write).
 */
export const API_KEY_READ_ONLY_REASON = 'API_KEY_READ_ONLY';

/** What an API key is told when it tries to change something. */
export const API_KEY_READ_ONLY_MESSAGE =
  'An API key reads only: its mutations are refused. Sign in as a person to change data.';

/** How an API key starts (`Authorization: Bearer tdk_…`), which tells it from an access token. */
export const API_KEY_PREFIX = 'tdk_';

/** identity's internal route (gateway secret required): `GET {API_KEY_CHECK_PATH}/:sha256OfTheKey`. */
export const API_KEY_CHECK_PATH = '/internal/api-key-check';

/** identity's answer about a key: active with its organisation and rate limit, or not (unknown or revoked). */
export interface ApiKeyState {
  active: boolean;
  keyId: string | null;
  organizationId: string | null;
  /** Requests per minute this key may make (its own budget, apart from people's). */
  requestsPerMinute: number;
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
  /**
   * On an entity fetch whose answer the gateway may share: how many changes to people it had heard of when it sent
   * it. The subgraph ignores it; it keeps a fetch sent after a change from joining one sent before (fetcher.ts).
   */
  sharedGeneration: 'x-tandem-shared-generation',
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
      ...(typeof raw.apiKeyId === 'string' ? { apiKeyId: raw.apiKeyId } : {}),
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
