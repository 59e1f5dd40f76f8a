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

  @Field(() => String, { description: 'A sentence for the person who typed it.' })
  message!: string;
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

export const fieldError = (field: string, code: string, message: string): FieldError =>
  Object.assign(new FieldError(), { field, code, message });

export { Int };
