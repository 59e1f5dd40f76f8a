/**
 * The current session state of the accounts behind the tokens the gateway sees, from identity's internal route
 * (`GET /internal/session-state/:userId`, with the gateway's secret), remembered for a short TTL: a session
 * ended in identity (erasure, suspension, a role revoked, a password or sign-in email changed) is refused at
 * most `ttlMs` later. One lookup per user at a time (single flight); at most `maxEntries` remembered. When identity
 * says an account changed (`forget`), what is remembered goes, and so does any lookup already under way: its answer
 * may predate the change, so it is neither remembered nor shared with the requests that come after.
 */
import { HEADERS, roleNamed, SESSION_STATE_PATH, type Role, type SessionState } from '@tandem/contracts';

export class SessionStateUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('The session service is unavailable; try again shortly.', { cause });
  }
}

export interface AccountStatesOptions {
  /** identity's address (any path: the route is resolved against its origin). */
  identityUrl: string;
  gatewaySecret: string;
  /** How long a state is trusted (ms); 0 asks identity on every request. */
  ttlMs: number;
  /** Accounts remembered at most (the oldest leaves first); default 50,000. */
  maxEntries?: number;
  /** How long identity may take to answer (ms); default 2,000. */
  timeoutMs?: number;
  /** The clock in ms (tests). */
  now?: () => number;
  fetch?: typeof fetch;
}

interface Remembered {
  state: SessionState;
  at: number;
}

export class AccountStates {
  private readonly remembered = new Map<string, Remembered>();
  private readonly inFlight = new Map<string, Promise<SessionState>>();
  /** Counts `forget` calls: a lookup remembers its answer only if none came while it was under way. */
  private forgets = 0;
  private readonly base: URL;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: AccountStatesOptions) {
    this.base = new URL(SESSION_STATE_PATH + '/', options.identityUrl);
    this.maxEntries = options.maxEntries ?? 50_000;
    this.now = options.now ?? Date.now;
    this.fetch = options.fetch ?? fetch;
  }

  /**
   * The account's state, from memory while younger than the TTL, else from identity. Throws
   * {@link SessionStateUnavailableError} when identity cannot answer (the caller fails closed).
   */
  get(userId: string): Promise<SessionState> {
    const known = this.remembered.get(userId);
    if (known && this.now() - known.at < this.options.ttlMs) return Promise.resolve(known.state);
    let pending = this.inFlight.get(userId);
    if (!pending) {
      const lookup: Promise<SessionState> = this.lookUp(userId).finally(() => {
        // a forget may have replaced it with a newer lookup: that one stays
        if (this.inFlight.get(userId) === lookup) this.inFlight.delete(userId);
      });
      pending = lookup;
      this.inFlight.set(userId, pending);
    }
    return pending;
  }

  /** Forgets what is remembered, and the lookups under way (identity's account signal; tests). */
  forget(userId?: string): void {
    this.forgets += 1;
    if (userId === undefined) {
      this.remembered.clear();
      this.inFlight.clear();
    } else {
      this.remembered.delete(userId);
      this.inFlight.delete(userId);
    }
  }

  get size(): number {
    return this.remembered.size;
  }

  private async lookUp(userId: string): Promise<SessionState> {
    const startedAt = this.now();
    const forgetsAtStart = this.forgets;
    let body: unknown;
    try {
      const res = await this.fetch(new URL(encodeURIComponent(userId), this.base), {
        headers: { [HEADERS.gatewaySecret]: this.options.gatewaySecret },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 2_000),
      });
      if (!res.ok) throw new Error(`identity answered ${res.status}`);
      body = await res.json();
    } catch (error) {
      throw new SessionStateUnavailableError(error);
    }
    const state = parseState(body);
    // an account signal while identity answered: the answer may be from before the change (its own request gets it)
    if (this.options.ttlMs > 0 && this.forgets === forgetsAtStart) {
      this.remembered.delete(userId); // re-inserted last: the map's order is the eviction order
      if (this.remembered.size >= this.maxEntries) this.remembered.delete(this.remembered.keys().next().value!);
      // its age counts from when it was asked for: a state is never trusted longer than the TTL after identity read it
      this.remembered.set(userId, { state, at: startedAt });
    }
    return state;
  }
}

/** identity's answer, checked: anything unexpected is an unavailable service, never an active account. */
function parseState(body: unknown): SessionState {
  const b = body as Partial<Record<keyof SessionState, unknown>> | null;
  if (
    !b ||
    typeof b.active !== 'boolean' ||
    typeof b.sessionVersion !== 'number' ||
    !Array.isArray(b.roles) ||
    (b.organizationId !== null && typeof b.organizationId !== 'string')
  )
    throw new SessionStateUnavailableError(new Error('malformed session state'));
  return {
    active: b.active,
    sessionVersion: b.sessionVersion,
    roles: b.roles.map(roleNamed).filter((r): r is Role => r !== null),
    organizationId: b.organizationId,
  };
}
