import { ArgsType, Field, Int } from 'type-graphql';
import type { Connection, Edge, PageInfo } from '@tandem/subgraph-kit';

/** A connection as a resolver returns it: `totalCount` is a property, counted only when a client selects it. */
export interface ResolvedConnection<N> {
  readonly edges: Array<Edge<N>>;
  readonly pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

// KIT-CANDIDATE: type-graphql's basic field resolver reads `root.totalCount` without calling it, so the kit's
// `Connection` (whose totalCount is a function) would serialise a function. Behind a getter the count stays lazy
// and GraphQL awaits the promise. The kit's toConnection could return this shape itself.
export function resolved<N>(connection: Connection<N>): ResolvedConnection<N> {
  return Object.defineProperty({ edges: connection.edges, pageInfo: connection.pageInfo }, 'totalCount', {
    get: () => connection.totalCount(),
    enumerable: true,
  }) as ResolvedConnection<N>;
}

/** `first` and `after` of a connection field. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'How many items (default 20, at most 100).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the item this page starts after.' })
  after?: string | null;
}
