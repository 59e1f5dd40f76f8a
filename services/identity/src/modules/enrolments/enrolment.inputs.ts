import { Field, ID, InputType } from 'type-graphql';
import type { ParticipantRole } from '@tandem/contracts';
import { ParticipantRoleEnum } from '../programmes/programme.type';

@InputType({
  description:
    'Enrols a person in a programme. Without userId, the signed-in person enrols themselves (in a role they hold). ' +
    'Name the programme with programmeId (programId, its former name, still works; both given and different: AMBIGUOUS).',
})
export class EnrollInput {
  @Field(() => ID, { nullable: true, description: 'The programme.' }) programmeId?: string | null;
  @Field(() => ID, { nullable: true, deprecationReason: 'Use programmeId.' }) programId?: string | null;
  @Field(() => ID, { nullable: true }) userId?: string | null;
  @Field(() => ParticipantRoleEnum) role!: ParticipantRole;
  @Field(() => ID, { nullable: true, description: 'A cohort of the programme.' }) cohortId?: string | null;
}
