import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity's programme, referenced by key (its fields resolve in identity). */
@ObjectType('Program')
@Directive('@key(fields: "id", resolvable: false)')
export class ProgramRef {
  @Field(() => ID)
  id!: string;
}

/** Identity's cohort, referenced by key. */
@ObjectType('Cohort')
@Directive('@key(fields: "id", resolvable: false)')
export class CohortRef {
  @Field(() => ID)
  id!: string;
}

export const programRef = (id: string) => Object.assign(new ProgramRef(), { id });
export const cohortRef = (id: string | null) => (id ? Object.assign(new CohortRef(), { id }) : null);
