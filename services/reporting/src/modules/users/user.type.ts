import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity's User, extended here with reporting's fields. */
@ObjectType()
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;
}
