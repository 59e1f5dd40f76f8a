/**
 * Typed per-request batch loaders: the one place where "fetch the rows of many keys in one statement, then give
 * each key its own" is written. Repositories fetch; these line the rows up with the keys DataLoader asked for.
 */
import type DataLoader from 'dataloader';
import type { SubgraphContext } from './context';

/** Each key's row, or null (rows in any order; keys may repeat). */
export function byKey<K, R>(rows: readonly R[], keyOf: (row: R) => K, keys: readonly K[]): Array<R | null> {
  const found = new Map<K, R>();
  for (const row of rows) found.set(keyOf(row), row);
  return keys.map((key) => found.get(key) ?? null);
}

/** Each key's rows, in the order fetched (empty when none). */
export function groupedByKey<K, R>(rows: readonly R[], keyOf: (row: R) => K, keys: readonly K[]): R[][] {
  const groups = new Map<K, R[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

/**
 * The request's loader of one row per key (`name` is unique within the service: `goals:byId`). `fetch` gets the
 * distinct keys of a batch and returns the rows it found, in any order.
 */
export function rowLoader<K, R>(
  ctx: Pick<SubgraphContext, 'loaders'>,
  name: string,
  keyOf: (row: R) => K,
  fetch: (keys: readonly K[]) => Promise<readonly R[]>,
): DataLoader<K, R | null> {
  return ctx.loaders.get<K, R | null>(name, async (keys) => byKey(await fetch(keys), keyOf, keys));
}

/** The request's loader of the rows that belong to each key (a relationship's goals): one statement per batch. */
export function rowsLoader<K, R>(
  ctx: Pick<SubgraphContext, 'loaders'>,
  name: string,
  keyOf: (row: R) => K,
  fetch: (keys: readonly K[]) => Promise<readonly R[]>,
): DataLoader<K, R[]> {
  return ctx.loaders.get<K, R[]>(name, async (keys) => groupedByKey(await fetch(keys), keyOf, keys));
}
