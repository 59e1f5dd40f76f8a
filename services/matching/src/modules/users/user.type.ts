import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity's User, extended here with matching's fields. */
@ObjectType({ description: 'A person on the platform (owned by identity; matching adds its figures).' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;
}
