import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { LocalDate } from '@tandem/subgraph-kit';

@InputType({ description: 'Programme terms.' })
export class ProgrammeTermsInput {
  @Field(() => Float, { description: 'Target hours over the duration: more than 0, at most 1000.' })
  targetHours!: number;
  @Field(() => Int, { description: 'Between 1 and 260 weeks.' }) durationWeeks!: number;
  @Field(() => Int, { description: 'Between 0 and 200 meetings.' }) minMeetings!: number;
  @Field(() => Boolean, { nullable: true, description: 'Default false: both hours and meetings are needed.' })
  hoursOrMeetings?: boolean | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'The longest meeting that counts, in minutes: default 240; between 30 and 600. Omitted on update: unchanged.',
  })
  maxMeetingMinutes?: number | null;
}

@InputType({ description: 'A matching criterion weight (0-10).' })
export class ProgrammeMatchingWeightInput {
  @Field(() => String, { description: 'Letters, digits and _ (a criterion matching knows).' }) criterion!: string;
  @Field(() => Float, { description: 'Between 0 and 10.' }) weight!: number;
}

@InputType({
  description:
    "A programme's nudges. Days between 1 and 365 (OUT_OF_RANGE otherwise); null turns that nudge off. Omitted fields keep their value (on creation: 21 days without a meeting, 3 days awaiting confirmation, check-ins due and hours reached on).",
})
export class ProgrammeNudgesInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Days without a logged meeting before both partners are nudged (again every as many days); null: off.',
  })
  noMeetingDays?: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Days a logged meeting may await confirmation before the other partner is reminded; null: off.',
  })
  awaitingConfirmationDays?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: "Tell the organisation's coaches when a pair's check-in falls due.",
  })
  checkInDue?: boolean | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Days after the start or the latest check-in at which a check-in with the pair falls due (1–365, default 30); omitted or null keeps it.',
  })
  checkInEveryDays?: number | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'Days before a pending mentoring request expires at which its mentor is reminded of it (1–30, default 2); omitted or null keeps it.',
  })
  requestExpiryReminderDays?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Tell the pair and the coaches when the programme’s hours are reached.',
  })
  hoursReached?: boolean | null;
}

@InputType({ description: 'A programme. On update, omitted optional fields keep their value.' })
export class ProgrammeInput {
  @Field(() => String, { description: 'At most 200 characters.' }) name!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Partner organisations running it.' }) organizationIds?:
    string[] | null;
  @Field(() => ProgrammeTermsInput) terms!: ProgrammeTermsInput;
  @Field(() => String, { description: 'The CPD category reporting files hours under.' }) cpdCategory!: string;
  @Field(() => Boolean, { nullable: true, description: 'Default true.' }) requireSignedAgreement?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Default false.' }) requireOrientation?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'With requireOrientation, mentees must attend too (mentors always must). Default false.',
  })
  requireMenteeOrientation?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      "The coach of the relationship's organisation signs the agreement too (a third signature). Default false.",
  })
  requireCoachSignature?: boolean | null;
  @Field(() => Int, {
    nullable: true,
    description:
      'How many days before a relationship started a pair may record the meetings they already held (0 to 365; each confirmed by the counterpart like any other). Default 0.',
  })
  priorMeetingDays?: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'What the platform writes in to someone who has not chosen a language (invitations first of all): en or fr-CA. Default en.',
  })
  defaultLanguage?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The IANA time zone of the programme (America/Toronto by default); INVALID_TIME_ZONE otherwise.',
  })
  timeZone?: string | null;
  @Field(() => Int, { nullable: true, description: 'Default 3; between 1 and 20.' }) maxOpenRequestsPerMentee?:
    number | null;
  @Field(() => Int, { nullable: true, description: 'Default 14; between 1 and 90 days.' }) requestExpiryDays?:
    number | null;
  @Field(() => [ProgrammeMatchingWeightInput], { nullable: true }) matchingWeights?:
    ProgrammeMatchingWeightInput[] | null;
  @Field(() => ProgrammeNudgesInput, {
    nullable: true,
    description: 'The nudge cadence. Omitted: unchanged (the defaults on creation).',
  })
  nudges?: ProgrammeNudgesInput | null;
}

/** The former name, kept because clients' operations name it: the input of the deprecated createProgram and updateProgram. */
@InputType({
  description: 'A programme, as createProgram and updateProgram (deprecated) take it: the fields of ProgrammeInput.',
})
export class ProgramInput extends ProgrammeInput {}

@InputType({ description: 'A cohort of a programme.' })
export class CohortInput {
  @Field(() => String) name!: string;
  @Field(() => LocalDate) startsOn!: string;
  @Field(() => LocalDate, { description: 'On or after startsOn.' }) endsOn!: string;
}
