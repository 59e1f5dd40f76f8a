/** The deprecated `nodes` of this subgraph's first connections, kept beside the kit's `edges` until clients move. */
import type { Connection } from '@tandem/subgraph-kit';

// KIT-CANDIDATE: any subgraph whose connections predate `edges` (`nodes { … }`) keeps them working the same way.
export type ConnectionWithNodes<N> = Connection<N> & { nodes: N[] };

export const withNodes = <N>(connection: Connection<N>): ConnectionWithNodes<N> => ({
  ...connection,
  nodes: connection.edges.map((e) => e.node),
});
