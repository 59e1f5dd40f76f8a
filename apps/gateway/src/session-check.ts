/**
 * Sessions follow the account: each request is served with the account's current roles and organisation, and a
 * token issued before its account's sessions were ended is refused (identity's session state, cached briefly).
 */
import type { Principal } from '@tandem/contracts';
import { AccountStates } from './account-states';
import { ApiKeys } from './api-keys';
import { InvalidTokenError, sessionVersionOf } from './auth';
import type { GatewayEnv } from './env';

/** The account-state check (SESSION_CHECK), on identity's address; null when off. */
export function sessionCheck(env: GatewayEnv, identityUrl: string | undefined): AccountStates | null {
  if (!env.SESSION_CHECK) return null;
  if (!identityUrl) throw new Error('SESSION_CHECK is on but IDENTITY_URL is not set: set it, or SESSION_CHECK=false');
  return new AccountStates({
    identityUrl,
    gatewaySecret: env.GATEWAY_SECRET,
    ttlMs: env.SESSION_STATE_TTL_MS,
    timeoutMs: Math.min(env.SUBGRAPH_TIMEOUT_MS, 5_000),
  });
}

/**
 * The principal a request is served as: the token's account with its CURRENT roles and organisation. A token
 * issued before its account's sessions were ended (its `sv` is older), or of an account that is erased or
 * suspended, is refused like an expired one (the client refreshes; a revoked refresh token sends it to sign in).
 */
export async function verifySession(
  verify: (authorization: string | undefined) => Promise<Principal | null>,
  states: AccountStates | null,
  authorization: string | undefined,
): Promise<Principal | null> {
  const principal = await verify(authorization);
  if (!principal || !states) return principal;
  const state = await states.get(principal.userId);
  if (!state.active || state.sessionVersion !== sessionVersionOf(principal)) throw new InvalidTokenError('ended');
  return { userId: principal.userId, roles: [...state.roles], organizationId: state.organizationId };
}

/** Organisations' API keys, checked with identity; null without identity's address (keys are then refused). */
export function apiKeyCheck(env: GatewayEnv, identityUrl: string | undefined): ApiKeys | null {
  if (!identityUrl) return null;
  return new ApiKeys({
    identityUrl,
    gatewaySecret: env.GATEWAY_SECRET,
    ttlMs: env.API_KEY_STATE_TTL_MS,
    timeoutMs: Math.min(env.SUBGRAPH_TIMEOUT_MS, 5_000),
  });
}
