/**
 * Connections as this subgraph's resolvers return them. The kit's `toConnection` gives `totalCount` as a
 * function, which type-graphql's field resolver returns as is (GraphQL then fails: "Int cannot represent
 * non-integer value: [function totalCount]"); here it becomes a getter, so the count still runs only when the
 * field is asked for. Connections that predate `edges` also keep their deprecated `nodes`.
 */
import type { Connection, Edge, PageInfo } from '@tandem/subgraph-kit';

// KIT-CANDIDATE: toConnection should return this shape itself (a lazy getter), and connections with `nodes`
// from before `edges` exist in other subgraphs too.
export interface ServedConnection<N> {
  edges: Array<Edge<N>>;
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

export type ConnectionWithNodes<N> = ServedConnection<N> & { nodes: N[] };

/** The connection with `totalCount` counted when read. */
export function served<N>(connection: Connection<N>): ServedConnection<N> {
  return {
    edges: connection.edges,
    pageInfo: connection.pageInfo,
    get totalCount() {
      return connection.totalCount();
    },
  };
}

/** The connection with its deprecated `nodes` beside `edges`. */
export function withNodes<N>(connection: Connection<N>): ConnectionWithNodes<N> {
  return Object.assign(served(connection), { nodes: connection.edges.map((e) => e.node) });
}
