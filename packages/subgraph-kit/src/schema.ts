/**
 * The bridge from type-graphql classes to a Federation 2 subgraph (after type-graphql's
 * examples/apollo-federation-2): build with type-graphql, print with directives, hand the SDL and the
 * resolvers (reference resolvers merged in) to @apollo/subgraph.
 */
import 'reflect-metadata';
import gql from 'graphql-tag';
import merge from 'lodash.merge';
import type { GraphQLSchema } from 'graphql';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { buildSchema, createResolversMap, type BuildSchemaOptions, type ContainerType } from 'type-graphql';
import type { SubgraphContext } from './context';
import { guardRootArguments } from './input-guard';
import { DateTime } from './scalars';

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ReferenceResolvers = Record<string, { __resolveReference: (reference: any, context: SubgraphContext) => unknown }>;

export interface FederatedSchemaOptions {
  resolvers: NonNullable<BuildSchemaOptions['resolvers']>;
  /** Types not reachable from a resolver, such as key-only stubs of other subgraphs' entities. */
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  referenceResolvers?: ReferenceResolvers;
  /** Where resolver instances come from (the composition root's services); empty when only printing. */
  container?: ContainerType;
}

export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    container: options.container,
    scalarsMap: [{ type: Date, scalar: DateTime }],
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
    skipCheck: true, // a subgraph may have no Query of its own
  });
  return buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(schema)}
    `,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    resolvers: merge(guardRootArguments(createResolversMap(schema) as any), options.referenceResolvers ?? {}),
  });
}

/** The subgraph SDL with its federation directives (graphql-js printSchema would drop @key). */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return printSubgraphSchema(schema).trim() + '\n';
}

/**
 * A `__resolveReference` that batches every reference of one request into one call (one SQL query),
 * through the request's DataLoaders. `load` returns the found entities; missing ones resolve to null.
 */
export function batchedReference<E extends { id: string }>(
  typeName: string,
  load: (ids: readonly string[], context: SubgraphContext) => Promise<E[]>,
) {
  return {
    __resolveReference: (reference: { id: string }, context: SubgraphContext) =>
      context.loaders
        .get<string, E | null>(`ref:${typeName}`, async (ids) => {
          const found = new Map((await load(ids, context)).map((e) => [e.id, e]));
          return ids.map((id) => found.get(id) ?? null);
        })
        .load(reference.id),
  };
}
