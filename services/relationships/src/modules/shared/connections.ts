/** Connections that predate `edges` keep their deprecated `nodes` beside them. */
import type { Connection } from '@tandem/subgraph-kit';

/** A connection with its deprecated `nodes` beside `edges` (for connections that had `nodes` before `edges`). */
export type ConnectionWithNodes<N> = Connection<N> & { nodes: N[] };

/** The connection with its deprecated `nodes` beside `edges`. */
export function withNodes<N>(connection: Connection<N>): ConnectionWithNodes<N> {
  return Object.assign(connection, { nodes: connection.edges.map((e) => e.node) });
}
