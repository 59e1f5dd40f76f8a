import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FieldError, LocalDate } from '@tandem/subgraph-kit';
import type { ParticipantRole } from '@tandem/contracts';
import { User } from '../users/user.type';
import type {
  CohortRecord,
  EnrollmentRecord,
  OrganizationRecord,
  OrientationSessionRecord,
  ProgramRecord,
} from './programme.entity';

export const ParticipantRoleEnum = { MENTOR: 'MENTOR', MENTEE: 'MENTEE' } as const;
registerEnumType(ParticipantRoleEnum, {
  name: 'ParticipantRole',
  description: 'The side a person takes in a mentoring programme or relationship.',
});

@ObjectType({
  description:
    'A partner organisation (for example a service-delivery partner). Coaches belong to one and see its participants.',
})
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2.' })
  country!: string | null;
}

@ObjectType({
  description:
    'What a relationship in the programme should achieve: hours over weeks, and a minimum number of meetings.',
})
export class ProgramTerms {
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
}

@ObjectType({ description: "A weight of one matching criterion (missing criteria take matching's defaults)." })
export class ProgramMatchingWeight {
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

  @Field(() => ID)
  programId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => LocalDate)
  startsOn!: string;

  @Field(() => LocalDate)
  endsOn!: string;
}

@ObjectType({ description: 'An orientation session of a programme.' })
export class OrientationSession {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  programId!: string;

  @Field(() => Date)
  startsAt!: Date;

  @Field(() => String, { nullable: true, description: 'Where it takes place.' })
  location!: string | null;

  @Field(() => String, { nullable: true, description: 'Video link, for online sessions.' })
  link!: string | null;

  @Field(() => Int, { description: 'People recorded as attending.' })
  attendeeCount!: number;
}

@ObjectType('Programme', { description: 'A mentoring programme with its terms, cohorts and rules.' })
@Directive('@key(fields: "id")')
export class Program {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => ProgramTerms)
  terms!: ProgramTerms;

  @Field(() => String, { description: 'The CPD category reporting files hours under.' })
  cpdCategory!: string;

  @Field(() => Boolean, { description: 'A relationship needs a signed agreement to start.' })
  requireSignedAgreement!: boolean;

  @Field(() => Boolean, { description: 'Participants must attend orientation before a relationship starts.' })
  requireOrientation!: boolean;

  @Field(() => Int)
  maxOpenRequestsPerMentee!: number;

  @Field(() => Int, { description: 'Days before an unanswered mentoring request expires.' })
  requestExpiryDays!: number;

  @Field(() => [ProgramMatchingWeight])
  matchingWeights!: ProgramMatchingWeight[];

  record!: ProgramRecord;
}

@ObjectType({ description: "A person's enrolment in a programme as mentor or mentee." })
export class ProgramEnrollment {
  @Field(() => ID)
  id!: string;

  @Field(() => Program)
  program!: Program;

  @Field(() => User)
  user!: User;

  @Field(() => ParticipantRoleEnum)
  role!: ParticipantRole;

  @Field(() => ID, { nullable: true })
  cohortId!: string | null;

  @Field(() => Date)
  enrolledAt!: Date;
}

@ObjectType({ description: 'The outcome of an organisation change.' })
export class OrganizationResult {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => [FieldError]) errors!: FieldError[];
  @Field(() => Organization, { nullable: true }) organization!: Organization | null;
}

@ObjectType({ description: 'The outcome of a programme or cohort change.' })
export class ProgramResult {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => [FieldError]) errors!: FieldError[];
  @Field(() => Program, { nullable: true }) program!: Program | null;
}

@ObjectType({ description: 'The outcome of an enrolment.' })
export class EnrollmentResult {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => [FieldError]) errors!: FieldError[];
  @Field(() => ProgramEnrollment, { nullable: true }) enrollment!: ProgramEnrollment | null;
}

@ObjectType({ description: 'The outcome of scheduling an orientation session or recording attendance.' })
export class OrientationResult {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => [FieldError]) errors!: FieldError[];
  @Field(() => OrientationSession, { nullable: true }) session!: OrientationSession | null;
}

export const toOrganization = (r: OrganizationRecord) =>
  Object.assign(new Organization(), { id: r.id, name: r.name, city: r.city, country: r.country });
export const toCohort = (r: CohortRecord) => Object.assign(new Cohort(), r);
export const toSession = (r: OrientationSessionRecord) => Object.assign(new OrientationSession(), r);
export function toProgram(r: ProgramRecord): Program {
  return Object.assign(new Program(), {
    id: r.id,
    name: r.name,
    description: r.description,
    terms: Object.assign(new ProgramTerms(), {
      targetHours: r.targetHours,
      durationWeeks: r.durationWeeks,
      minMeetings: r.minMeetings,
      hoursOrMeetings: r.hoursOrMeetings,
    }),
    cpdCategory: r.cpdCategory,
    requireSignedAgreement: r.requireSignedAgreement,
    requireOrientation: r.requireOrientation,
    maxOpenRequestsPerMentee: r.maxOpenRequestsPerMentee,
    requestExpiryDays: r.requestExpiryDays,
    matchingWeights: Object.entries(r.matchingWeights ?? {}).map(([criterion, weight]) =>
      Object.assign(new ProgramMatchingWeight(), { criterion, weight }),
    ),
    record: r,
  });
}
export function toEnrollment(r: EnrollmentRecord, program: Program, user: User): ProgramEnrollment {
  return Object.assign(new ProgramEnrollment(), {
    id: r.id,
    program,
    user,
    role: r.role,
    cohortId: r.cohortId,
    enrolledAt: r.enrolledAt,
  });
}
