import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { actualCost, costTable, DEFAULT_LIST_SIZE, estimateCost, estimateCostOnce, MUTATION_COST } from '../src/cost';

// a supergraph-shaped SDL: the annotations as composition leaves them on the fields
const SDL = `
  directive @cost(weight: Int!) on FIELD_DEFINITION | OBJECT
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
  type Query {
    people(first: Int, last: Int): PersonConnection @listSize(assumedSize: 20, slicingArguments: ["first", "last"], sizedFields: ["edges", "nodes"], requireOneSlicingArgument: false)
    search(text: String!): [Person!]! @cost(weight: 20) @listSize(assumedSize: 5)
    tags: [String!]!
    node(id: ID!): Node
  }
  type Mutation { rename(id: ID!, name: String!): Person }
  interface Node { id: ID! }
  type Person implements Node { id: ID! name: String! friends: [Person!]! report: Report }
  type Report implements Node @cost(weight: 7) { id: ID! }
  type PersonEdge { node: Person! cursor: String! }
  type PersonConnection { edges: [PersonEdge!]! nodes: [Person!]! totalCount: Int! }
`;
const schema = buildSchema(SDL);
const table = costTable(SDL);

function walk(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  return { schema, table, fragments, variables, operation };
}
const estimate = (query: string, variables?: Record<string, unknown>) => estimateCost(walk(query, variables));

describe('the cost of an operation (IBM cost specification)', () => {
  it('should size a connection’s edges and nodes by the largest slicing argument, else its assumed size', () => {
    // the connection 1, each edge 1 and its node 1
    expect(estimate(`{ people(first: 10) { edges { node { id } } } }`)).toBe(1 + 10 * 2);
    expect(estimate(`{ people(first: 10, last: 30) { nodes { id } totalCount } }`)).toBe(1 + 30);
    expect(estimate(`query ($n: Int) { people(first: $n) { nodes { id } } }`, { n: 40 })).toBe(41);
    expect(estimate(`{ people { nodes { id } } }`)).toBe(21);
  });

  it('should weigh a field by its @cost or its type’s, lists without a size by the default, scalars nothing', () => {
    expect(estimate(`{ search(text: "a") { id } }`)).toBe(5 * 20);
    expect(estimate(`{ tags }`)).toBe(0);
    expect(estimate(`{ people(first: 1) { nodes { friends { id } } } }`)).toBe(1 + 1 * (1 + DEFAULT_LIST_SIZE));
    expect(estimate(`{ people(first: 2) { nodes { report { id } } } }`)).toBe(1 + 2 * (1 + 7));
  });

  it('should count a field once however many fragments name it, and honour @skip and @include', () => {
    const query = `query ($skip: Boolean!) { people(first: 3) { nodes { ...A ... on Person { report { id } } friends @skip(if: $skip) { id } } } }
      fragment A on Person { report { id } }`;
    expect(estimate(query, { skip: true })).toBe(1 + 3 * (1 + 7));
    expect(estimate(query, { skip: false })).toBe(1 + 3 * (1 + 7 + DEFAULT_LIST_SIZE));
  });

  it('should add the mutation’s own cost', () => {
    expect(estimate(`mutation { rename(id: "1", name: "x") { id } }`)).toBe(MUTATION_COST + 1);
  });

  it('should count the actual cost on the answer: real list lengths, nulls free, only the fragments of the runtime type', () => {
    const query = `{ people(first: 10) { nodes { id report { id } } } node(id: "r") { __typename ... on Person { friends { id } } ... on Report { id } } }`;
    expect(estimateCost(walk(query))).toBe(1 + 10 * (1 + 7) + 1 + DEFAULT_LIST_SIZE);
    const data = {
      people: {
        nodes: [
          { id: '1', report: null },
          { id: '2', report: { id: 'r2' } },
        ],
      },
      node: { __typename: 'Report', id: 'r' },
    };
    // the connection 1, two people 2, one report 7; the node is a Report: 7, its Person fragment not counted
    expect(actualCost(walk(query), data)).toBe(1 + 2 + 7 + 7);
  });

  it('should count each request of one operation on its own answer, and on its own variables when they decide @include', () => {
    // Apollo Server hands every request of a query the same parsed operation: its field plans are kept between them
    const base = walk(`{ people(first: 10) { nodes { id report { id } } } }`);
    const answer = (reports: number) => ({
      people: {
        nodes: Array.from({ length: 3 }, (_, i) => ({ id: `${i}`, report: i < reports ? { id: 'r' } : null })),
      },
    });
    expect(actualCost({ ...base }, answer(0))).toBe(1 + 3);
    expect(actualCost({ ...base }, answer(2))).toBe(1 + 3 + 2 * 7);
    // a variable decides: the same operation, counted as each request's variables have it
    const decided = walk(`query ($r: Boolean!) { people(first: 10) { nodes { id report @include(if: $r) { id } } } }`);
    expect(actualCost({ ...decided, variables: { r: true } }, answer(3))).toBe(1 + 3 + 3 * 7);
    expect(actualCost({ ...decided, variables: { r: false } }, answer(3))).toBe(1 + 3);
    expect(actualCost({ ...decided, variables: { r: true } }, answer(3))).toBe(1 + 3 + 3 * 7);
  });

  it('should estimate each request of one operation by its own variables when they size a page or decide a @skip', () => {
    const sized = walk(`query ($n: Int) { people(first: $n) { nodes { id } } }`);
    expect(estimateCostOnce({ ...sized, variables: { n: 10 } })).toBe(11);
    expect(estimateCostOnce({ ...sized, variables: { n: 40 } })).toBe(41);
    const skipped = walk(`query ($s: Boolean!) { people(first: 2) { nodes { id report @skip(if: $s) { id } } } }`);
    expect(estimateCostOnce({ ...skipped, variables: { s: true } })).toBe(1 + 2);
    expect(estimateCostOnce({ ...skipped, variables: { s: false } })).toBe(1 + 2 * (1 + 7));
    // variables that size nothing: the operation's one estimate, whatever they are
    const fixed = walk(`query ($q: String!) { people(first: 3) { nodes { id } } search(text: $q) { id } }`);
    expect(estimateCostOnce({ ...fixed, variables: { q: 'a' } })).toBe(1 + 3 + 5 * 20);
    expect(estimateCostOnce({ ...fixed, variables: { q: 'b' } })).toBe(
      estimateCost({ ...fixed, variables: { q: 'b' } }),
    );
  });
});
