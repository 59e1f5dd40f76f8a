import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes, FieldError, LocalDate } from '@tandem/subgraph-kit';
import { OK_DEPRECATED } from '../shared/api';
import type { CohortRow, ProgrammeRow } from './programme.repository';

export const ParticipantRoleEnum = { MENTOR: 'MENTOR', MENTEE: 'MENTEE' } as const;
registerEnumType(ParticipantRoleEnum, {
  name: 'ParticipantRole',
  description: 'The side a person takes in a mentoring programme or relationship.',
});

@ObjectType({
  description:
    'What a relationship in the programme should achieve: hours over weeks, and a minimum number of meetings.',
})
export class ProgrammeTerms {
  @Field(() => Float, { description: 'Target hours over the duration (e.g. 24).' })
  targetHours!: number;

  @Field(() => Int)
  durationWeeks!: number;

  @Field(() => Int)
  minMeetings!: number;

  @Field(() => Boolean, {
    description: 'True: the terms are met by the hours OR the meetings; false: both are needed.',
  })
  hoursOrMeetings!: boolean;

  @Field(() => Int, { description: 'The longest meeting that counts toward hours, in minutes (default 240).' })
  maxMeetingMinutes!: number;
}

@ObjectType({ description: "A weight of one matching criterion (missing criteria take matching's defaults)." })
export class ProgrammeMatchingWeight {
  @Field(() => String)
  criterion!: string;

  @Field(() => Float)
  weight!: number;
}

@ObjectType({ description: 'A cohort of a programme: people who start and end together.' })
@Directive('@key(fields: "id")')
export class Cohort {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The programme.' })
  programmeId!: string;

  @Field(() => ID, { deprecationReason: 'Use programmeId.' })
  programId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => LocalDate)
  startsOn!: string;

  @Field(() => LocalDate)
  endsOn!: string;
}

@ObjectType({
  description:
    "A programme's nudges: the days before each is sent (null: that nudge is off) and the switches of the others. Each person can still turn each kind's emails off, and chooses a daily digest or each one.",
})
export class ProgrammeNudgeSettings {
  @Field(() => Int, {
    nullable: true,
    description:
      'Days without a logged meeting before both partners are nudged (and again every as many days); null: off.',
  })
  noMeetingDays!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Days a logged meeting may await confirmation before the other partner is reminded (and again every as many days); null: off.',
  })
  awaitingConfirmationDays!: number | null;

  @Field(() => Boolean, { description: "The organisation's coaches are told when a pair's check-in falls due." })
  checkInDue!: boolean;

  @Field(() => Int, {
    description: 'Days after the start or the latest check-in at which a check-in with the pair falls due.',
  })
  checkInEveryDays!: number;

  @Field(() => Int, {
    description: 'Days before a pending mentoring request expires at which its mentor is reminded of it.',
  })
  requestExpiryReminderDays!: number;

  @Field(() => Boolean, {
    description: 'The pair and the coaches are told when the programme’s hours are reached (to complete or continue).',
  })
  hoursReached!: boolean;
}

@ObjectType({ description: 'A mentoring programme with its terms, cohorts and rules.' })
@Directive('@key(fields: "id")')
export class Programme {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ProgrammeTerms)
  terms!: ProgrammeTerms;

  @Field(() => String, { description: 'The CPD category reporting files hours under.' })
  cpdCategory!: string;

  @Field(() => Boolean, { description: 'A relationship needs a signed agreement to start.' })
  requireSignedAgreement!: boolean;

  @Field(() => Boolean, { description: 'Participants must attend orientation before a relationship starts.' })
  requireOrientation!: boolean;

  @Field(() => Boolean, {
    description: 'With requireOrientation, mentees too must attend before a relationship starts (mentors always must).',
  })
  requireMenteeOrientation!: boolean;

  @Field(() => Boolean, {
    description:
      "The coach of the relationship's organisation signs the agreement too: it binds once the mentor, the mentee and a coach signed it.",
  })
  requireCoachSignature!: boolean;

  @Field(() => Int, {
    description:
      'How many days before a relationship started its pair may record the meetings they already held (0: none before the start).',
  })
  priorMeetingDays!: number;

  @Field(() => ProgrammeNudgeSettings, { description: 'The nudge cadence of the programme.' })
  nudges!: ProgrammeNudgeSettings;

  @Field(() => String, {
    description:
      'The language (en or fr-CA) the platform writes in to someone who has not chosen one: invitations to the programme first of all.',
  })
  defaultLanguage!: string;

  @Field(() => String, {
    description:
      'The IANA time zone (America/Toronto) the programme states its dates and sessions in when no person’s zone applies.',
  })
  timeZone!: string;

  @Field(() => Int, { description: 'Mentoring requests a mentee may have open at once.' })
  maxOpenRequestsPerMentee!: number;

  @Field(() => Int, { description: 'Days before an unanswered mentoring request expires.' })
  requestExpiryDays!: number;

  @Field(() => [ProgrammeMatchingWeight])
  matchingWeights!: ProgrammeMatchingWeight[];

  /** The row behind the type (not exposed). */
  row!: ProgrammeRow;
}

export const { EdgeType: ProgrammeEdge, ConnectionType: ProgrammeConnection } = connectionTypes(
  Programme,
  'Programme',
  'programme',
);

@ObjectType({ description: 'The outcome of a programme or cohort change.' })
export class ProgrammeResult {
  @Field(() => Boolean, { deprecationReason: OK_DEPRECATED }) ok!: boolean;
  @Field(() => [FieldError], { description: 'What to fix; empty on success.' }) errors!: FieldError[];
  @Field(() => Programme, { nullable: true, description: 'The programme as saved; null when refused.' })
  programme!: Programme | null;
  @Field(() => Programme, { nullable: true, deprecationReason: 'Use programme.' }) program!: Programme | null;
}

export const toCohort = (r: CohortRow) =>
  Object.assign(new Cohort(), {
    id: r.id,
    programmeId: r.programmeId,
    programId: r.programmeId,
    name: r.name,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
  });

export function toProgramme(r: ProgrammeRow): Programme {
  return Object.assign(new Programme(), {
    id: r.id,
    name: r.name,
    description: r.description,
    terms: Object.assign(new ProgrammeTerms(), {
      targetHours: r.targetHours,
      durationWeeks: r.durationWeeks,
      minMeetings: r.minMeetings,
      hoursOrMeetings: r.hoursOrMeetings,
      maxMeetingMinutes: r.maxMeetingMinutes,
    }),
    cpdCategory: r.cpdCategory,
    requireSignedAgreement: r.requireSignedAgreement,
    requireOrientation: r.requireOrientation,
    requireMenteeOrientation: r.requireMenteeOrientation,
    requireCoachSignature: r.requireCoachSignature,
    priorMeetingDays: r.priorMeetingDays,
    nudges: Object.assign(new ProgrammeNudgeSettings(), r.nudges),
    defaultLanguage: r.defaultLanguage,
    timeZone: r.timeZone,
    maxOpenRequestsPerMentee: r.maxOpenRequestsPerMentee,
    requestExpiryDays: r.requestExpiryDays,
    matchingWeights: Object.entries(r.matchingWeights ?? {}).map(([criterion, weight]) =>
      Object.assign(new ProgrammeMatchingWeight(), { criterion, weight }),
    ),
    row: r,
  });
}

/** The payload from the kit's outcome: the programme under both its names. */
export const programmeResult = (o: { programme: Programme | null; errors: FieldError[] }) =>
  Object.assign(new ProgrammeResult(), {
    ok: o.errors.length === 0,
    errors: o.errors,
    programme: o.programme,
    program: o.programme,
  });
