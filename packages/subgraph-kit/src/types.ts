/** GraphQL shapes every subgraph shares: field errors of result payloads and Relay page info. */
import { Directive, Field, Int, ObjectType } from 'type-graphql';

/** A problem with one input field of a mutation: the user can fix it and try again. */
@ObjectType({ description: 'A problem with one input field: the user can fix it and try again.' })
@Directive('@shareable')
export class FieldError {
  @Field(() => String, { description: 'The input field concerned, as a dotted path (`input.email`).' })
  field!: string;

  @Field(() => String, { description: 'A stable, machine-readable reason (`TAKEN`, `TOO_SHORT`, `CAPACITY_REACHED`).' })
  code!: string;

  @Field(() => String, {
    description:
      'A sentence for the person who typed it, in the language of the request (`Accept-Language`: en or fr-CA).',
  })
  message!: string;

  /** The figures the sentence names (a length limit, a range), for the other languages' catalogues; not in the API. */
  params?: Record<string, string | number>;
}

@ObjectType({ description: 'Where a page of a connection sits in the whole list.' })
@Directive('@shareable')
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export const fieldError = (
  field: string,
  code: string,
  message: string,
  params?: Record<string, string | number>,
): FieldError => {
  const error = Object.assign(new FieldError(), { field, code, message });
  // not enumerable: the payload's own shape (and what tests compare) stays { field, code, message }
  if (params) Object.defineProperty(error, 'params', { value: params, enumerable: false });
  return error;
};

export { Int };

type NodeClass = abstract new (...args: never[]) => object;

/**
 * The GraphQL classes of a Relay connection over `node`: `<name>Edge { cursor node }` and
 * `<name>Connection { edges pageInfo totalCount }`. Each subgraph calls it for its own node types. `extra`, an
 * undecorated class with `@Field`s, adds fields about the whole list (e.g. how it was ranked).
 */
export function connectionTypes(node: NodeClass, name: string, what: string, extra: new () => object = class {}) {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field(() => String, { description: 'Pass as `after` to get the page that follows this item.' })
    cursor!: string;

    @Field(() => node, { description: `The ${what}.` })
    node!: unknown;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s, newest first unless the field says otherwise.` })
  class ConnectionType extends extra {
    @Field(() => [EdgeType], { description: `The ${what}s of this page.` })
    edges!: EdgeType[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: `How many ${what}s the whole list holds (counted only when asked for).` })
    totalCount!: number;
  }
  return { EdgeType, ConnectionType };
}
