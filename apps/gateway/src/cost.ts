/**
 * What an operation costs, by the IBM GraphQL Cost Directive specification (`@cost` and `@listSize`, the
 * directives Apollo Router and Hive Gateway read too), so a client can know before it sends a query what the
 * gateway will let through. The subgraphs annotate their schemas (every connection sizes its `edges` by `first`,
 * see the kit's schema.ts; searches, statistics and documents carry a `@cost` weight) and the gateway reads the
 * annotations from the supergraph it serves.
 *
 * - An object (or interface, or union) costs 1, a scalar or an enum 0, unless a `@cost(weight:)` on the field or
 *   on its type says otherwise; a mutation adds 10 (it writes).
 * - A list multiplies what one item costs by its size: the largest slicing argument the request gives (a literal
 *   or a variable), else the field's `assumedSize`, else DEFAULT_LIST_SIZE. A connection's `@listSize(sizedFields:)`
 *   puts that size on its `edges` and `nodes` instead of on the connection itself.
 * - Fields are collected as GraphQL executes them (by response key, through fragments, honouring @skip and
 *   @include), so a field named twice counts once. Fragments on other types of an abstract field all count in the
 *   estimate (an upper bound); the actual cost counts the ones the answer's `__typename` matched.
 *
 * The estimate decides (over budget: refused before any subgraph is called); the actual cost, counted on the
 * answer's data with the same weights and the real list lengths, is returned beside it in `extensions.cost`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import {
  BREAK,
  GraphQLError,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  parse,
  valueFromASTUntyped,
  visit as visitAst,
  type ASTNode,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** Items assumed in a list that says nothing of its size (the kit's connections say theirs: `first`, else 20). */
export const DEFAULT_LIST_SIZE = 10;
/** What a mutation adds to the cost of its selection. */
export const MUTATION_COST = 10;

interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** The cost annotations of one supergraph, by `Type.field` and by type. */
export interface CostTable {
  fieldWeight: Map<string, number>;
  typeWeight: Map<string, number>;
  listSize: Map<string, ListSize>;
}

/** Reads `@cost` and `@listSize` from the supergraph's SDL (composition keeps them on the fields). */
export function costTable(supergraphSdl: string): CostTable {
  const table: CostTable = { fieldWeight: new Map(), typeWeight: new Map(), listSize: new Map() };
  const argsOf = (directive: DirectiveNode) =>
    Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
  for (const definition of parse(supergraphSdl).definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    for (const directive of definition.directives ?? [])
      if (directive.name.value === 'cost') table.typeWeight.set(typeName, Number(argsOf(directive).weight));
    if (!('fields' in definition) || !definition.fields) continue;
    for (const field of definition.fields) {
      const key = `${typeName}.${field.name.value}`;
      for (const directive of field.directives ?? []) {
        if (directive.name.value === 'cost') table.fieldWeight.set(key, Number(argsOf(directive).weight));
        if (directive.name.value === 'listSize') table.listSize.set(key, argsOf(directive) as ListSize);
      }
    }
  }
  return table;
}

interface Walk {
  schema: GraphQLSchema;
  table: CostTable;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** The actual cost's field plans, by selection sets and then by parent and runtime type (see planOf). */
  plans?: WeakMap<readonly SelectionSetNode[], Map<string, FieldPlan[]>>;
}

/** What is kept per cost table (a new supergraph starts afresh) and operation (Apollo Server parses a query once). */
class PerOperation<V> {
  private readonly byTable = new WeakMap<CostTable, WeakMap<OperationDefinitionNode, V>>();

  get(table: CostTable, operation: OperationDefinitionNode): V | undefined {
    return this.byTable.get(table)?.get(operation);
  }

  set(table: CostTable, operation: OperationDefinitionNode, value: V): V {
    let byOperation = this.byTable.get(table);
    if (!byOperation) this.byTable.set(table, (byOperation = new WeakMap()));
    byOperation.set(operation, value);
    return value;
  }
}

const estimates = new PerOperation<number>();

/**
 * The estimate, kept per operation and cost table when working it out read no variable (a page size or a @skip
 * given by a variable makes each request's its own), as the actual cost's plans are.
 */
export function estimateCostOnce(walk: Walk & { operation: OperationDefinitionNode }): number {
  const known = estimates.get(walk.table, walk.operation);
  if (known !== undefined) return known;
  let read = false;
  const variables = new Proxy(walk.variables, {
    get: (target, key) => ((read = true), Reflect.get(target, key)),
    has: (target, key) => ((read = true), Reflect.has(target, key)),
    getOwnPropertyDescriptor: (target, key) => ((read = true), Reflect.getOwnPropertyDescriptor(target, key)),
    ownKeys: (target) => ((read = true), Reflect.ownKeys(target)),
  });
  const estimate = estimateCost({ ...walk, variables });
  if (!read) estimates.set(walk.table, walk.operation, estimate);
  return estimate;
}

/** The operation's estimated cost, before it runs. */
export function estimateCost(walk: Walk & { operation: OperationDefinitionNode }): number {
  const root = walk.schema.getRootType(walk.operation.operation);
  if (!root) return 0;
  const base = walk.operation.operation === 'mutation' ? MUTATION_COST : 0;
  return base + estimateSelection(walk, root, [walk.operation.selectionSet], new Map());
}

/** The operation's actual cost, counted on its answer's data. */
export function actualCost(
  walk: Walk & { operation: OperationDefinitionNode },
  data: Record<string, unknown> | null | undefined,
): number {
  const root = walk.schema.getRootType(walk.operation.operation);
  if (!root || !data) return 0;
  const base = walk.operation.operation === 'mutation' ? MUTATION_COST : 0;
  walk.plans ??= sharedPlans(walk);
  return base + actualSelection(walk, root, rootSets(walk.operation), data);
}

type Plans = NonNullable<Walk['plans']>;
/**
 * The field plans of an operation, kept for every request that runs it (Apollo Server keeps the parsed document, so
 * the same operation node comes back), per cost table (a new supergraph, new plans). Not when a variable decides a
 * @skip or @include: then each request plans its own.
 */
const keptPlans = new PerOperation<Plans>();
const decidedByVariables = new WeakMap<OperationDefinitionNode, boolean>();
const roots = new WeakMap<OperationDefinitionNode, readonly SelectionSetNode[]>();

function sharedPlans(walk: Walk & { operation: OperationDefinitionNode }): Plans {
  let variable = decidedByVariables.get(walk.operation);
  if (variable === undefined) {
    variable = [walk.operation, ...Object.values(walk.fragments)].some(skipsOnVariable);
    decidedByVariables.set(walk.operation, variable);
  }
  if (variable) return new WeakMap();
  return keptPlans.get(walk.table, walk.operation) ?? keptPlans.set(walk.table, walk.operation, new WeakMap());
}

/** Whether a @skip or @include anywhere in the node takes its condition from a variable. */
function skipsOnVariable(node: ASTNode): boolean {
  let found = false;
  visitAst(node, {
    Directive(directive) {
      if (
        (directive.name.value === 'skip' || directive.name.value === 'include') &&
        directive.arguments?.some((a) => a.value.kind === Kind.VARIABLE)
      ) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The operation's root selection, as one array per operation (the plans are found by it). */
function rootSets(operation: OperationDefinitionNode): readonly SelectionSetNode[] {
  let sets = roots.get(operation);
  if (!sets) roots.set(operation, (sets = [operation.selectionSet]));
  return sets;
}

function estimateSelection(
  walk: Walk,
  parent: GraphQLCompositeType,
  sets: readonly SelectionSetNode[],
  sized: Map<string, number>,
): number {
  let total = 0;
  for (const { owner, nodes } of collectFields(walk, parent, sets, null).values()) {
    const field = fieldOf(owner, nodes[0].name.value);
    if (!field) continue;
    const key = `${owner.name}.${field.name}`;
    const named = getNamedType(field.type);
    const weight = weightOf(walk.table, key, named.name, isCompositeType(named));
    const listSize = walk.table.listSize.get(key);
    const size = sizeOf(listSize, slicingValues(field, nodes[0], listSize, walk.variables));
    const children = childSets(nodes);
    // a connection: the size belongs to its sized fields (edges, nodes), not to the connection object
    const childSized = new Map((listSize?.sizedFields ?? []).map((name) => [name, size] as const));
    const one =
      weight + (children.length && isCompositeType(named) ? estimateSelection(walk, named, children, childSized) : 0);
    const isList = isListType(getNullableType(field.type));
    total += (isList ? (sized.get(field.name) ?? size) : 1) * one;
  }
  return total;
}

/** What the actual cost needs of one field of a selection, worked out once per selection and runtime type. */
interface FieldPlan {
  responseKey: string;
  key: string;
  weight: number;
  named: ReturnType<typeof getNamedType>;
  /** The field's own selection sets (the same array for every item, so their plans are found again). */
  children: SelectionSetNode[];
}

/**
 * The fields of `sets` on `parent` as the answer's items of runtime type `runtime` have them. A list of fifty
 * items would otherwise collect the same fields fifty times (the coach's view: a tenth of the gateway's CPU).
 */
function planOf(
  walk: Walk,
  parent: GraphQLCompositeType,
  sets: readonly SelectionSetNode[],
  runtime: string | null,
): FieldPlan[] {
  const plans = (walk.plans ??= new WeakMap());
  let bySet = plans.get(sets);
  if (!bySet) plans.set(sets, (bySet = new Map()));
  const cacheKey = `${parent.name}\u0000${runtime ?? ''}`;
  let plan = bySet.get(cacheKey);
  if (plan) return plan;
  const concrete = runtime && isAbstractType(parent) ? walk.schema.getType(runtime) : null;
  plan = [];
  for (const [responseKey, entry] of collectFields(walk, parent, sets, runtime)) {
    const owner = concrete && isObjectType(concrete) ? concrete : entry.owner;
    const field = fieldOf(owner, entry.nodes[0].name.value);
    if (!field) continue;
    const named = getNamedType(field.type);
    const key = `${owner.name}.${field.name}`;
    const weight = weightOf(walk.table, key, named.name, isCompositeType(named));
    plan.push({ responseKey, key, weight, named, children: childSets(entry.nodes) });
  }
  bySet.set(cacheKey, plan);
  return plan;
}

function actualSelection(
  walk: Walk,
  parent: GraphQLCompositeType,
  sets: readonly SelectionSetNode[],
  data: Record<string, unknown>,
): number {
  let total = 0;
  const runtime = typeof data.__typename === 'string' ? data.__typename : null;
  for (const { responseKey, key, weight, named, children } of planOf(walk, parent, sets, runtime)) {
    const value = data[responseKey];
    if (value === undefined || value === null) continue;
    // an abstract field's item weighs as its runtime type when the answer names it
    const weightOfItem = (item: unknown) => {
      const typename = (item as { __typename?: unknown } | null)?.__typename;
      return walk.table.fieldWeight.has(key) || typeof typename !== 'string'
        ? weight
        : (walk.table.typeWeight.get(typename) ?? weight);
    };
    const one = (item: unknown): number =>
      item === null || item === undefined
        ? 0
        : weightOfItem(item) +
          (children.length && isCompositeType(named) && typeof item === 'object'
            ? actualSelection(walk, named, children, item as Record<string, unknown>)
            : 0);
    total += Array.isArray(value) ? value.reduce((sum: number, item) => sum + one(item), 0) : one(value);
  }
  return total;
}

function weightOf(table: CostTable, key: string, typeName: string, composite: boolean): number {
  return table.fieldWeight.get(key) ?? table.typeWeight.get(typeName) ?? (composite ? 1 : 0);
}

/** The values the request gives the field's slicing arguments (literals, variables, or the argument's default). */
function slicingValues(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  listSize: ListSize | undefined,
  variables: Record<string, unknown>,
): number[] {
  return (listSize?.slicingArguments ?? [])
    .map((name) => {
      const given = node.arguments?.find((a) => a.name.value === name)?.value;
      if (given) return valueFromASTUntyped(given, variables);
      return field.args.find((a) => a.name === name)?.defaultValue;
    })
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** The list's size: the largest slicing argument given, else its assumed size, else the default. */
function sizeOf(listSize: ListSize | undefined, given: number[]): number {
  if (given.length) return Math.max(0, ...given);
  return listSize?.assumedSize ?? DEFAULT_LIST_SIZE;
}

function fieldOf(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name.startsWith('__')) return undefined; // __typename and introspection cost nothing
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

function childSets(nodes: FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
}

/**
 * The fields of the selection sets by response key, as GraphQL's CollectFields does: fragments expanded,
 * @skip/@include applied, a type condition kept when the runtime type (if known) matches it.
 */
function collectFields(
  walk: Walk,
  parent: GraphQLCompositeType,
  sets: readonly SelectionSetNode[],
  runtime: string | null,
): Map<string, { owner: GraphQLCompositeType; nodes: FieldNode[] }> {
  const fields = new Map<string, { owner: GraphQLCompositeType; nodes: FieldNode[] }>();
  const visited = new Set<string>();
  const applies = (typeCondition: string | undefined) => {
    if (!typeCondition || !runtime || typeCondition === runtime) return true;
    const condition = walk.schema.getType(typeCondition);
    const concrete = walk.schema.getType(runtime);
    return (
      !!condition && isAbstractType(condition) && isObjectType(concrete) && walk.schema.isSubType(condition, concrete)
    );
  };
  const included = (node: { directives?: readonly DirectiveNode[] }) =>
    getDirectiveValues(GraphQLSkipDirective, node, walk.variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, walk.variables)?.if !== false;
  const typeNamed = (name: string | undefined, fallback: GraphQLCompositeType) => {
    const type = name ? walk.schema.getType(name) : null;
    return type && isCompositeType(type) ? type : fallback;
  };
  const visit = (set: SelectionSetNode, owner: GraphQLCompositeType) => {
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const entry = fields.get(key) ?? { owner, nodes: [] };
        entry.nodes.push(selection);
        fields.set(key, entry);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        if (applies(condition)) visit(selection.selectionSet, typeNamed(condition, owner));
      } else {
        const fragment = walk.fragments[selection.name.value];
        if (!fragment || visited.has(fragment.name.value)) continue;
        visited.add(fragment.name.value);
        const condition = fragment.typeCondition.name.value;
        if (applies(condition)) visit(fragment.selectionSet, typeNamed(condition, owner));
      }
    }
  };
  for (const set of sets) visit(set, parent);
  return fields;
}

/**
 * Refuses an operation whose estimate is over `limit` before any subgraph is called (BAD_USER_INPUT with
 * `limit: "cost"`), and returns `extensions.cost: { estimated, actual, limit }` with every answer it ran.
 */
export function costPlugin(tableOf: () => CostTable | null, limit: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let estimated: number | null = null;
      let walk: (Walk & { operation: OperationDefinitionNode }) | null = null;
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          const table = tableOf();
          if (!table || !operation) return;
          const fragments = Object.fromEntries(
            document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
          );
          walk = { schema, table, fragments, variables: request.variables ?? {}, operation };
          estimated = estimateCostOnce(walk);
          if (estimated > limit) {
            throw new GraphQLError(
              `This operation's estimated cost is ${estimated}, over the budget of ${limit}: ask for smaller pages ` +
                `(first) or fewer nested lists, or split it (each object costs 1, each list multiplies by its size).`,
              {
                extensions: {
                  code: 'BAD_USER_INPUT',
                  limit: 'cost',
                  cost: { estimated, limit },
                  http: { status: 400 },
                },
              },
            );
          }
        },
        async willSendResponse({ response }) {
          if (!walk || estimated === null || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (estimated > limit) return;
          const actual = actualCost(walk, result.data as Record<string, unknown> | null | undefined);
          result.extensions = { ...result.extensions, cost: { estimated, actual, limit } };
        },
      };
    },
  };
}
