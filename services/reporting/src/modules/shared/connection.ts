import { ArgsType, Field, Int } from 'type-graphql';
import type { Connection } from '@tandem/subgraph-kit';

/** A connection as a resolver returns it (the kit's: `totalCount` a lazy getter, counted only when selected). */
export type ResolvedConnection<N> = Connection<N>;

/** The connection as is (kept so callers read the same; the kit's toConnection now serves totalCount lazily). */
export function resolved<N>(connection: Connection<N>): ResolvedConnection<N> {
  return connection;
}

/** `first` and `after` of a connection field. */
@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: 'How many items (default 20, at most 100).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the item this page starts after.' })
  after?: string | null;
}
