/**
 * A tiny subgraph used to test the gateway itself: a recursive type (for depth), a connection of children (for
 * cost: the kit sizes its edges by `first`), an echo field (for tokens and aliases). Not part of the platform.
 */
import { Arg, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { subgraphEnvSchema } from '@tandem/config';
import { buildFederatedSchema, type ServiceDefinition } from '@tandem/subgraph-kit';

@ObjectType({ description: 'A node of an endless chain.' })
class ProbeNode {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  depth!: number;

  @Field(() => ProbeNode)
  next(): ProbeNode {
    return Object.assign(new ProbeNode(), { id: `n${this.depth + 1}`, depth: this.depth + 1 });
  }

  @Field(() => ProbeNodeConnection, { description: 'As many children as `first` asks for (20 by default).' })
  children(@Arg('first', () => Int, { nullable: true }) first?: number): ProbeNodeConnection {
    probeCalls.children += 1;
    const edges = Array.from({ length: first ?? 20 }, (_, i) =>
      Object.assign(new ProbeNodeEdge(), {
        node: Object.assign(new ProbeNode(), { id: `${this.id}.${i}`, depth: this.depth + 1 }),
      }),
    );
    return Object.assign(new ProbeNodeConnection(), { edges });
  }
}

@ObjectType()
class ProbeNodeEdge {
  @Field(() => ProbeNode)
  node!: ProbeNode;
}

@ObjectType()
class ProbeNodeConnection {
  @Field(() => [ProbeNodeEdge])
  edges!: ProbeNodeEdge[];
}

/** How many times the probe's resolvers ran (a refused query runs none). */
export const probeCalls = { children: 0 };

@Resolver()
class ProbeResolver {
  @Query(() => ProbeNode)
  probe(): ProbeNode {
    return Object.assign(new ProbeNode(), { id: 'n0', depth: 0 });
  }

  @Query(() => Int, { description: 'How many values were sent (long lists make many tokens).' })
  count(@Arg('values', () => [Int]) values: number[]): number {
    return values.length;
  }

  @Query(() => String)
  echo(@Arg('text', () => String) text: string): string {
    return text;
  }
}

const build = () => buildFederatedSchema({ resolvers: [ProbeResolver] });

export const probe = {
  name: 'probe',
  schema: 'probe',
  envSchema: subgraphEnvSchema(0),
  entities: [],
  migrations: [],
  consumes: [],
  printableSchema: build,
  create: async () => ({ schema: await build() }),
} as unknown as ServiceDefinition;
