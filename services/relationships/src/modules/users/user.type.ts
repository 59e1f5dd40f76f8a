import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity's User, extended here with relationships's fields. */
@ObjectType({ description: 'A person (owned by identity).' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;
}
