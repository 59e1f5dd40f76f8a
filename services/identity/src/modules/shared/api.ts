/** The shapes of identity's public API: connections as GraphQL serves them, result payloads. */
import type { Connection, Edge, FieldError, PageInfo } from '@tandem/subgraph-kit';

/** A connection as a field resolver returns it: `totalCount` is read as a property, counted only when asked. */
export interface ServedConnection<N> {
  edges: Array<Edge<N>>;
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

// KIT-CANDIDATE: type-graphql's basic field resolver reads `root.totalCount` without calling it, so the kit's
// `Connection` (whose totalCount is a function) serialises as a function. Behind a getter the count stays lazy
// (run only when a client selects totalCount) and GraphQL awaits it. The kit's toConnection could return this.
export function served<N>(connection: Connection<N>): ServedConnection<N> {
  return Object.defineProperty({ edges: connection.edges, pageInfo: connection.pageInfo }, 'totalCount', {
    get: () => connection.totalCount(),
    enumerable: true,
  }) as ServedConnection<N>;
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
