/** The shapes of identity's public API: connections as GraphQL serves them, result payloads. */
import type { Connection, FieldError } from '@tandem/subgraph-kit';

/** A connection as a field resolver returns it (the kit's: `totalCount` a lazy getter, counted only when asked). */
export type ServedConnection<N> = Connection<N>;

/** The connection as is (the kit's toConnection now serves totalCount lazily). */
export function served<N>(connection: Connection<N>): ServedConnection<N> {
  return connection;
}

/** The deprecation reason of a result payload's `ok` flag. */
export const OK_DEPRECATED = 'Read errors: empty on success.';

/**
 * A result payload from the kit's {@link outcome}: the payload class with its deprecated `ok` flag filled in
 * (`ok` is true exactly when `errors` is empty).
 */
export function resultOf<T extends object>(cls: new () => T, o: { errors: FieldError[] } & object): T {
  return Object.assign(new cls(), o, { ok: o.errors.length === 0 });
}
