/**
 * The bridge from type-graphql classes to a Federation 2 subgraph (after type-graphql's
 * examples/apollo-federation-2): build with type-graphql, print with directives, hand the SDL and the
 * resolvers (reference resolvers merged in) to @apollo/subgraph.
 */
import 'reflect-metadata';
import gql from 'graphql-tag';
import merge from 'lodash.merge';
import { getNamedType, isObjectType, parse, type GraphQLSchema, type ObjectTypeDefinitionNode } from 'graphql';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { MapperKind, mapSchema, printSchemaWithDirectives } from '@graphql-tools/utils';
import {
  buildSchema,
  createResolversMap,
  getMetadataStorage,
  type BuildSchemaOptions,
  type ContainerType,
} from 'type-graphql';
import type { SubgraphContext } from './context';
import { guardRootArguments } from './input-guard';
import { DEFAULT_PAGE_SIZE } from './pagination';
import { DateTime } from './scalars';
import { refusalMessage } from './refusals/refusal-messages';
import type { FieldError } from './types';

/**
 * Wraps the resolvers of Mutation fields so each starts with no request loaders: the fields of a mutation run one
 * after another, and one that reads after another wrote (a second `addMilestone` returning the goal's milestones)
 * must not get rows a loader read before the write.
 */
function freshLoadersPerMutation<T extends object>(map: T): T {
  const mutation = (map as Record<string, Record<string, unknown>>).Mutation ?? {};
  for (const [field, resolver] of Object.entries(mutation)) {
    if (typeof resolver !== 'function') continue;
    const resolve = resolver as (...args: unknown[]) => unknown;
    mutation[field] = (source: unknown, args: unknown, context: Partial<SubgraphContext>, info: unknown) => {
      context.loaders?.clear();
      return resolve(source, args, context, info);
    };
  }
  return map;
}

/** A refusal's sentence in the request's language (the gateway's `HEADERS.locale`). */
const fieldErrorResolvers = {
  FieldError: {
    message: (error: FieldError, _args: unknown, ctx: SubgraphContext) => refusalMessage(error, ctx.locale),
  },
};

export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag", "@cost", "@listSize"])`;

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
  // a plain field reads its property with graphql-js's default resolver (type-graphql's `simpleResolvers`): the kit
  // uses no type-graphql middleware and no auth checker, which are all its own wrapper would run, at the cost of an
  // object, a closure and two calls on every field of every answer; a type that says otherwise keeps its choice
  const metadata = getMetadataStorage();
  if (metadata.middlewares.length || metadata.authorizedFields.length)
    throw new Error(
      "type-graphql middleware or @Authorized found: the kit reads plain fields with graphql-js's default resolver, which would skip them (access rules belong in the services)",
    );
  for (const type of metadata.objectTypes) type.simpleResolvers ??= true;
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    container: options.container,
    scalarsMap: [{ type: Date, scalar: DateTime }],
    validate: { forbidUnknownValues: false, stopAtFirstError: false },
    skipCheck: true, // a subgraph may have no Query of its own
  });
  const sized = withConnectionSizes(schema);
  return buildSubgraphSchema({
    typeDefs: gql`
      ${FEDERATION_LINK}
      ${printSchemaWithDirectives(sized)}
    `,
    resolvers: merge(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      freshLoadersPerMutation(guardRootArguments(createResolversMap(sized) as any)),
      sized.getType('FieldError') ? fieldErrorResolvers : {},
      options.referenceResolvers ?? {},
    ),
  });
}

/**
 * Every connection field says how many items it returns (the IBM cost specification's `@listSize`, which the
 * gateway's cost limit reads from the supergraph): as many as its `first` argument asks for, on its `edges` (and
 * `nodes`), or the kit's default page size when `first` is not given. A field that declares its own `@listSize`
 * (type-graphql's `@Directive`) keeps it.
 */
function withConnectionSizes(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (config, fieldName) => {
      const type = getNamedType(config.type);
      if (!isObjectType(type) || !type.name.endsWith('Connection') || !config.args?.first) return config;
      if (config.astNode?.directives?.some((d) => d.name.value === 'listSize')) return config;
      const sizedFields = ['edges', 'nodes'].filter((name) => name in type.getFields());
      const listSize = `@listSize(assumedSize: ${DEFAULT_PAGE_SIZE}, slicingArguments: ["first"], sizedFields: ${JSON.stringify(sizedFields)}, requireOneSlicingArgument: false)`;
      const field = (
        parse(`type T { ${fieldName}: ${String(config.type)} ${listSize} }`).definitions[0] as ObjectTypeDefinitionNode
      ).fields![0];
      const astNode = config.astNode
        ? { ...config.astNode, directives: [...(config.astNode.directives ?? []), ...field.directives!] }
        : field;
      return { ...config, astNode };
    },
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
