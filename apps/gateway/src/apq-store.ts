/**
 * Where automatic persisted queries registered by clients live (the apps' own documents come from their
 * manifests, persisted-query-cache.ts). One store for every gateway replica, so a hash registered through one is
 * served by all, through Keyv and Apollo's adapter for it (@apollo/utils.keyvadapter):
 *
 * - `REDIS_URL` set: Redis (@keyv/redis). Entries expire after APQ_TTL_SECONDS; the bound is Redis's own
 *   `maxmemory` with an eviction policy (allkeys-lru or volatile-ttl), as any cache in Redis.
 * - else `APQ_DATABASE_URL` set: PostgreSQL (@keyv/postgres), table `gateway.apq_cache` (created when missing:
 *   give the gateway's role that schema). Entries expire after APQ_TTL_SECONDS (an expired one is never served)
 *   and a prune every 10 minutes deletes expired rows and keeps at most APQ_MAX_ENTRIES, the latest to expire.
 * - else this process's memory (Apollo's bounded LRU, about 30 MB): one replica, as `npm start` runs.
 */
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import KeyvPostgres from '@keyv/postgres';
import KeyvRedis from '@keyv/redis';
import Keyv from 'keyv';
import type { Logger } from 'pino';

export interface ApqStoreSettings {
  REDIS_URL?: string;
  APQ_DATABASE_URL?: string;
  APQ_TTL_SECONDS: number;
  APQ_MAX_ENTRIES: number;
}

export interface ApqStore {
  kind: 'redis' | 'postgres' | 'memory';
  cache: KeyValueCache<string>;
  /** Deletes expired entries and those beyond the bound (PostgreSQL); the number deleted. */
  prune(): Promise<number>;
  close(): Promise<void>;
}

const PRUNE_EVERY_MS = 10 * 60_000;
export const APQ_SCHEMA = 'gateway';
export const APQ_TABLE = 'apq_cache';

export function apqStore(settings: ApqStoreSettings, log: Logger): ApqStore {
  if (settings.REDIS_URL) {
    const keyv = new Keyv<string>({ store: new KeyvRedis(settings.REDIS_URL), namespace: 'tandem-apq' });
    keyv.on('error', (error: unknown) => log.warn({ err: error }, 'persisted query store (Redis) failed'));
    return {
      kind: 'redis',
      cache: new KeyvAdapter(keyv),
      prune: async () => 0,
      close: () => keyv.disconnect(),
    };
  }
  if (settings.APQ_DATABASE_URL) {
    const store = new KeyvPostgres({
      uri: settings.APQ_DATABASE_URL,
      schema: APQ_SCHEMA,
      table: APQ_TABLE,
      max: 4,
    });
    const keyv = new Keyv<string>({ store, namespace: 'tandem-apq' });
    keyv.on('error', (error: unknown) => log.warn({ err: error }, 'persisted query store (PostgreSQL) failed'));
    const prune = async (): Promise<number> => {
      // Keyv keeps each entry as JSON text with its expiry in ms; rows that are not (another writer's) are left alone
      const expired = await store.query(
        `DELETE FROM ${APQ_SCHEMA}.${APQ_TABLE}
          WHERE value LIKE '{%' AND (value::jsonb->>'expires')::bigint < $1 RETURNING key`,
        [Date.now()],
      );
      const beyond = await store.query(
        `DELETE FROM ${APQ_SCHEMA}.${APQ_TABLE} WHERE key IN (
           SELECT key FROM ${APQ_SCHEMA}.${APQ_TABLE}
            ORDER BY (CASE WHEN value LIKE '{%' THEN (value::jsonb->>'expires')::bigint END) DESC NULLS LAST, key
           OFFSET $1) RETURNING key`,
        [settings.APQ_MAX_ENTRIES],
      );
      return expired.length + beyond.length;
    };
    const timer = setInterval(() => {
      prune().catch((error: unknown) => log.warn({ err: error }, 'pruning the persisted query store failed'));
    }, PRUNE_EVERY_MS);
    timer.unref();
    return {
      kind: 'postgres',
      cache: new KeyvAdapter(keyv),
      prune,
      close: async () => {
        clearInterval(timer);
        // @keyv/postgres keeps one pool per process (per URL): a second replica in the same process (tests) has
        // ended it already
        await keyv.disconnect().catch(() => undefined);
      },
    };
  }
  return { kind: 'memory', cache: new InMemoryLRUCache<string>(), prune: async () => 0, close: async () => {} };
}
