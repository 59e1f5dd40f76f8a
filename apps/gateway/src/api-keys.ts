/**
 * Organisations' API keys at the gateway (issue 23). A server sends `Authorization: Bearer tdk_…`; the gateway
 * hashes the key (the key itself never leaves it) and asks identity, which owns the keys, what the hash is
 * (`GET /internal/api-key-check/:hash`, with the gateway's secret; identity notes the key's last use). The answer is
 * remembered for `ttlMs`, so a revoked key is refused at most that much later (API_KEY_STATE_TTL_MS, 2 s).
 *
 * A key is served as an organisation-scoped, read-only principal: its `userId` is the key's id, it holds no
 * role (ANALYST is platform-wide in every subgraph's rules, so a key must never become one), `apiKeyId` says
 * what it is, and its organisation is the key's. Its mutations are refused here, whatever they are
 * (`readOnlyKeys`), and it has its own rate limit (`requestsPerMinute`, counted per key).
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  API_KEY_CHECK_PATH,
  API_KEY_PREFIX,
  API_KEY_READ_ONLY_MESSAGE,
  API_KEY_READ_ONLY_REASON,
  HEADERS,
  isApiKey,
  type ApiKeyState,
  type Principal,
} from '@tandem/contracts';
import { GraphQLError } from 'graphql';
import { SessionStateUnavailableError } from './account-states';
import { InvalidTokenError } from './auth';
import type { GatewayContext } from './context';

/** The reason of a key's refused mutation, in `extensions.reason` (code FORBIDDEN); the subgraphs refuse it too. */
export { API_KEY_READ_ONLY_REASON };

/** The API key in an Authorization header (`Bearer tdk_…`), or null when it carries something else. */
export function apiKeyIn(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '');
  return match && match[1].startsWith(API_KEY_PREFIX) ? match[1] : null;
}

/** What identity stores and is asked about: the key's SHA-256 (a key is 32 random bytes: no salt is needed). */
export const apiKeyHash = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

export interface ApiKeysOptions {
  identityUrl: string;
  gatewaySecret: string;
  /** How long identity's answer is trusted (ms); 0 asks on every request. */
  ttlMs: number;
  timeoutMs?: number;
  /** Keys remembered at most (the oldest leaves first); default 10,000. */
  maxEntries?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/** The rate limit of each key principal served (requests per minute). */
const budgets = new WeakMap<Principal, number>();

/** Requests per minute an API key's principal may make (its own budget, set when the key was created). */
export const apiKeyBudgetOf = (principal: Principal): number => budgets.get(principal) ?? 60;

interface Remembered {
  state: ApiKeyState;
  at: number;
}

/** identity's answers about keys, remembered briefly; one lookup per key at a time. */
export class ApiKeys {
  private readonly remembered = new Map<string, Remembered>();
  private readonly inFlight = new Map<string, Promise<ApiKeyState>>();
  private readonly base: URL;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ApiKeysOptions) {
    this.base = new URL(API_KEY_CHECK_PATH + '/', options.identityUrl);
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? fetch;
  }

  /**
   * The principal of a key: refused (401, like a bad token) when identity does not know it or it was revoked;
   * SERVICE_UNAVAILABLE when identity cannot say (fails closed).
   */
  async principal(key: string): Promise<Principal & { apiKeyId: string }> {
    const state = await this.state(apiKeyHash(key));
    if (!state.active || !state.keyId || !state.organizationId) throw new InvalidTokenError('invalid');
    const principal = { userId: state.keyId, roles: [], organizationId: state.organizationId, apiKeyId: state.keyId };
    budgets.set(principal, state.requestsPerMinute);
    return principal;
  }

  private state(hash: string): Promise<ApiKeyState> {
    const known = this.remembered.get(hash);
    if (known && this.now() - known.at < this.options.ttlMs) return Promise.resolve(known.state);
    let pending = this.inFlight.get(hash);
    if (!pending) {
      pending = this.lookUp(hash).finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, pending);
    }
    return pending;
  }

  private async lookUp(hash: string): Promise<ApiKeyState> {
    const startedAt = this.now();
    let body: Partial<ApiKeyState> | null;
    try {
      const res = await this.fetch(new URL(hash, this.base), {
        headers: { [HEADERS.gatewaySecret]: this.options.gatewaySecret },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 2_000),
      });
      if (!res.ok) throw new Error(`identity answered ${res.status}`);
      body = (await res.json()) as Partial<ApiKeyState> | null;
    } catch (error) {
      throw new SessionStateUnavailableError(error);
    }
    if (!body || typeof body.active !== 'boolean')
      throw new SessionStateUnavailableError(new Error('malformed API key state'));
    const state: ApiKeyState = {
      active: body.active,
      keyId: typeof body.keyId === 'string' ? body.keyId : null,
      organizationId: typeof body.organizationId === 'string' ? body.organizationId : null,
      requestsPerMinute: typeof body.requestsPerMinute === 'number' ? body.requestsPerMinute : 60,
    };
    // the same TTL for a refusal: a flood of unknown keys costs identity one lookup per key and TTL, no more
    // (bounded by maxEntries), and a key revoked is refused at most ttlMs after identity revoked it
    if (this.options.ttlMs > 0) {
      this.remembered.delete(hash);
      if (this.remembered.size >= (this.options.maxEntries ?? 10_000))
        this.remembered.delete(this.remembered.keys().next().value!);
      this.remembered.set(hash, { state, at: startedAt });
    }
    return state;
  }
}

/** Refuses every mutation (and subscription) from an API key before any subgraph is called. */
export function readOnlyKeys(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          if (!isApiKey(contextValue.principal) || !operation || operation.operation === 'query') return;
          throw new GraphQLError(API_KEY_READ_ONLY_MESSAGE, {
            extensions: { code: 'FORBIDDEN', reason: API_KEY_READ_ONLY_REASON, http: { status: 403 } },
          });
        },
      };
    },
  };
}
