import { Field, Float, ID, InputType, Int } from 'type-graphql';
import type { ParticipantRole } from '@tandem/contracts';
import { LocalDate } from '@tandem/subgraph-kit';
import { ParticipantRoleEnum } from './programme.type';

@InputType({ description: 'A partner organisation.' })
export class OrganizationInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' }) country?: string | null;
}

@InputType({ description: 'Programme terms.' })
export class ProgramTermsInput {
  @Field(() => Float) targetHours!: number;
  @Field(() => Int) durationWeeks!: number;
  @Field(() => Int) minMeetings!: number;
  @Field(() => Boolean, { nullable: true, description: 'Default false: both hours and meetings are needed.' })
  hoursOrMeetings?: boolean | null;
}

@InputType({ description: 'A matching criterion weight (0-10).' })
export class ProgramMatchingWeightInput {
  @Field(() => String) criterion!: string;
  @Field(() => Float) weight!: number;
}

@InputType({ description: 'A programme. On update, omitted optional fields keep their value.' })
export class ProgramInput {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Partner organisations running it.' }) organizationIds?:
    string[] | null;
  @Field(() => ProgramTermsInput) terms!: ProgramTermsInput;
  @Field(() => String) cpdCategory!: string;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) requireSignedAgreement?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Default false.' }) requireOrientation?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Default 3.' }) maxOpenRequestsPerMentee?: number | null;
  @Field(() => Int, { nullable: true, description: 'Default 14.' }) requestExpiryDays?: number | null;
  @Field(() => [ProgramMatchingWeightInput], { nullable: true }) matchingWeights?: ProgramMatchingWeightInput[] | null;
}

@InputType({ description: 'A cohort of a programme.' })
export class CohortInput {
  @Field(() => String) name!: string;
  @Field(() => LocalDate) startsOn!: string;
  @Field(() => LocalDate) endsOn!: string;
}

@InputType({
  description:
    'Enrols a person in a programme. Without userId, the signed-in person enrols themselves (in a role they hold).',
})
export class EnrollInput {
  @Field(() => ID) programId!: string;
  @Field(() => ID, { nullable: true }) userId?: string | null;
  @Field(() => ParticipantRoleEnum) role!: ParticipantRole;
  @Field(() => ID, { nullable: true }) cohortId?: string | null;
}

@InputType({ description: 'An orientation session.' })
export class OrientationSessionInput {
  @Field(() => ID) programId!: string;
  @Field(() => Date) startsAt!: Date;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => String, { nullable: true }) link?: string | null;
}
