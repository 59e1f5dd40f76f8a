import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity's User, extended here with matching's fields. */
@ObjectType({ description: 'A person on the platform (owned by identity; matching adds its figures).' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;
}

/** The person with this id, as a reference the gateway resolves. */
export const userRef = (id: string) => Object.assign(new User(), { id });
