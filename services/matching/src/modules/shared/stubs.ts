/** Entities of other subgraphs that matching's types point to: key-only references, resolved by their owner. */
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Identity's programme, referenced by key (its fields resolve in identity). */
@ObjectType('Programme')
@Directive('@key(fields: "id", resolvable: false)')
export class ProgrammeRef {
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

/** Identity's partner organisation, referenced by key. */
@ObjectType('Organization')
@Directive('@key(fields: "id", resolvable: false)')
export class OrganizationRef {
  @Field(() => ID)
  id!: string;
}

export const organizationRef = (id: string | null) => (id ? Object.assign(new OrganizationRef(), { id }) : null);
export const programmeRef = (id: string) => Object.assign(new ProgrammeRef(), { id });
export const cohortRef = (id: string | null) => (id ? Object.assign(new CohortRef(), { id }) : null);
