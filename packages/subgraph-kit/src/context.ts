/** The request context: the principal forwarded by the gateway and fresh DataLoaders per request. */
import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import type { Locale, Principal, Role } from '@tandem/contracts';
import { Unauthenticated, Forbidden } from './errors';

/** Per-request DataLoaders, created on first use and dropped with the request. */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  /** Each loader's cache (DataLoader's, made here so `holds` can look in it). */
  private readonly caches = new Map<string, Map<unknown, unknown>>();
  /** Values read before their loader's first use, given to it when it is made. */
  private readonly primed = new Map<string, Array<[unknown, unknown]>>();

  get<K, V, C = K>(
    key: string,
    batch: DataLoader.BatchLoadFn<K, V>,
    options?: DataLoader.Options<K, V, C>,
  ): DataLoader<K, V, C> {
    let loader = this.loaders.get(key);
    if (!loader) {
      const cacheMap = new Map<C, Promise<V>>();
      loader = new DataLoader<K, V, C>(batch, { cacheMap, ...options }) as unknown as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
      this.caches.set(key, cacheMap);
      for (const [k, v] of this.primed.get(key) ?? []) loader.prime(k, v);
      this.primed.delete(key);
    }
    return loader as unknown as DataLoader<K, V, C>;
  }

  /**
   * The loader named `key` if this request has used it, else undefined: a batch may read rows the request loads
   * anyway (a relationship's totals from its meetings when the meetings are asked for too) instead of asking again.
   */
  peek<K, V>(key: string): DataLoader<K, V> | undefined {
    return this.loaders.get(key) as DataLoader<K, V> | undefined;
  }

  /** Whether the loader named `key` has been asked for (or primed with) the cache key `k` in this request. */
  holds(key: string, k: unknown): boolean {
    return this.caches.get(key)?.has(k) ?? false;
  }

  /**
   * Forgets every loader and what it read: each mutation field starts with none (the kit's schema does this), so
   * what one field of a request wrote is read fresh by the next, never from a loader an earlier field filled.
   */
  clear(): void {
    this.loaders.clear();
    this.caches.clear();
    this.primed.clear();
  }

  /**
   * Gives the loader named `key` the value of `k`, read along with something else (a person's mentee profile in
   * the statement that reads them for `me`), whether or not the request has used that loader yet; a value the
   * loader already holds is kept.
   */
  prime<K, V>(key: string, k: K, value: V): void {
    const loader = this.loaders.get(key);
    if (loader) loader.prime(k, value);
    else this.primed.set(key, [...(this.primed.get(key) ?? []), [k, value]]);
  }
}

/**
 * `loader.loadMany`, except that a failed batch (the database is down) throws instead of coming back as
 * per-key Error values that callers would read as "not found".
 */
export async function loadAll<K, V>(loader: DataLoader<K, V>, keys: readonly K[]): Promise<V[]> {
  const results = await loader.loadMany(keys);
  const failed = results.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return results as V[];
}

export interface RequestStats {
  sqlStatements: number;
}

export interface SubgraphContext {
  principal: Principal | null;
  /** The end user's address as the gateway saw it, when forwarded. */
  clientIp: string | null;
  /** The caller's language as the gateway negotiated it (refusals returned as data speak it); English when absent. */
  locale?: Locale;
  requestId: string;
  log: Logger;
  loaders: LoaderRegistry;
  stats: RequestStats;
}

export function hasRole(principal: Principal | null, ...roles: Role[]): boolean {
  return !!principal && principal.roles.some((r) => roles.includes(r));
}

/** The signed-in caller, or UNAUTHENTICATED. */
export function requirePrincipal(ctx: Pick<SubgraphContext, 'principal'>): Principal {
  if (!ctx.principal) throw Unauthenticated();
  return ctx.principal;
}

/** The signed-in caller holding one of `roles`, or UNAUTHENTICATED / FORBIDDEN. */
export function requireRole(ctx: Pick<SubgraphContext, 'principal'>, ...roles: Role[]): Principal {
  const principal = requirePrincipal(ctx);
  if (!hasRole(principal, ...roles)) throw Forbidden();
  return principal;
}
