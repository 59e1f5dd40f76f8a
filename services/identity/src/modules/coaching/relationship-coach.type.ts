import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Relationships' relationship, extended by identity with who coaches it. */
@ObjectType('Relationship')
@Directive('@key(fields: "id")')
export class RelationshipCoaching {
  @Field(() => ID)
  id!: string;
}

export const relationshipCoaching = (id: string) => Object.assign(new RelationshipCoaching(), { id });
