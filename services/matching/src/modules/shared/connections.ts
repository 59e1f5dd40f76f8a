/**
 * KIT-CANDIDATE: the kit's `connectionTypes` declares `totalCount` as a plain field, and type-graphql's resolver of
 * a plain field returns the property as it is, so the lazy `totalCount: () => Promise<number>` that `toConnection`
 * gives reaches GraphQL as a function ("Int cannot represent non-integer value"). Until the kit resolves it, this
 * adds the field resolver that calls it (so the count still runs only when a client asks for it).
 */
import { FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { connectionTypes, type Connection } from '@tandem/subgraph-kit';

type NodeClass = Parameters<typeof connectionTypes>[0];

/** The kit's connection classes over `node`, and the resolver of their `totalCount` (list it with the resolvers). */
export function countedConnectionTypes(node: NodeClass, name: string, what: string) {
  const types = connectionTypes(node, name, what);

  @Resolver(() => types.ConnectionType)
  class TotalCountResolver {
    @FieldResolver(() => Int, { description: `How many ${what}s the whole list holds (counted only when asked for).` })
    totalCount(@Root() connection: Connection<unknown>): Promise<number> {
      return connection.totalCount();
    }
  }
  return { ...types, TotalCountResolver };
}
