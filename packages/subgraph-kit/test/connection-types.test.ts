/** A connection answers through GraphQL as resolvers build it: `totalCount` counted only when selected. */
import 'reflect-metadata';
import { graphql } from 'graphql';
import { buildSchema, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { connectionTypes, isTimeIdCursor, readPage, toConnection, type Connection } from '../src';

@ObjectType('Widget')
class Widget {
  @Field(() => Int)
  n!: number;
}
const { ConnectionType } = connectionTypes(Widget, 'Widget', 'widget');
let counted = 0;

@Resolver()
class WidgetResolver {
  @Query(() => ConnectionType)
  widgets(): Connection<Widget> {
    return toConnection(
      [1, 2, 3],
      readPage({ first: 2 }, isTimeIdCursor),
      (n) => ['t', String(n)],
      (n) => Object.assign(new Widget(), { n }),
      async () => (counted++, 3),
    );
  }
}

describe(connectionTypes.name, () => {
  it('should answer totalCount as a number through GraphQL, and count only when it is selected', async () => {
    const schema = await buildSchema({ resolvers: [WidgetResolver], validate: false });
    const page = await graphql({ schema, source: '{ widgets { edges { node { n } } pageInfo { hasNextPage } } }' });
    expect(page.errors).toBeUndefined();
    expect(counted).toBe(0);
    const counting = await graphql({ schema, source: '{ widgets { totalCount edges { node { n } } } }' });
    expect(counting).toEqual({ data: { widgets: { totalCount: 3, edges: [{ node: { n: 1 } }, { node: { n: 2 } }] } } });
    expect(counted).toBe(1);
  });
});
