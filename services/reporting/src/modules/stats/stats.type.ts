import { ArgsType, Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDate } from '@tandem/subgraph-kit';

// the enum keeps its former spelling: clients' queries name it as a variable type
export enum ProgramStatsGroupBy {
  PROGRAMME = 'PROGRAMME',
  /** The former spelling: the same grouping as PROGRAMME. */
  PROGRAM = 'PROGRAM',
  ORGANIZATION = 'ORGANIZATION',
  COHORT = 'COHORT',
  INDUSTRY = 'INDUSTRY',
  MONTH = 'MONTH',
}
registerEnumType(ProgramStatsGroupBy, {
  name: 'ProgramStatsGroupBy',
  description: 'How programme analytics are broken down.',
  valuesConfig: {
    PROGRAMME: { description: 'One row per programme ("NONE" for facts outside any programme).' },
    PROGRAM: { deprecationReason: 'Use PROGRAMME (the same grouping).' },
    ORGANIZATION: { description: 'One row per partner organisation.' },
    COHORT: { description: 'One row per cohort.' },
    INDUSTRY: { description: "One row per industry (the mentee's; the mentor's for approvals)." },
    MONTH: { description: 'One row per month of the period (YYYY-MM).' },
  },
});

// the input keeps its former spelling: the admin app's queries name it as a variable type
@InputType({ description: 'Which part of the platform the figures cover (all given conditions apply).' })
export class ProgramStatsFilter {
  @Field(() => ID, { nullable: true, description: 'One programme.' })
  programmeId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'One programme (the former spelling of programmeId; both given must agree).',
    deprecationReason: 'Use programmeId.',
  })
  programId?: string | null;

  @Field(() => ID, { nullable: true, description: 'One partner organisation.' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'One cohort.' })
  cohortId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "One industry code (the mentee's industry; the mentor's for approvals).",
  })
  industryCode?: string | null;
}

/** The arguments of programmeStats (and of programStats, its former spelling). */
@ArgsType()
export class ProgrammeStatsArgs {
  @Field(() => LocalDate, { description: 'First day.' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day.' })
  to!: string;

  @Field(() => ProgramStatsFilter, {
    nullable: true,
    description: 'Restrict to a programme, organisation, cohort or industry.',
  })
  filter?: ProgramStatsFilter | null;

  @Field(() => ProgramStatsGroupBy, {
    nullable: true,
    description: 'Break down by programme, organisation, cohort, industry or month (one "ALL" row when omitted).',
  })
  groupBy?: ProgramStatsGroupBy | null;
}

@ObjectType({
  description: 'The average rating of one feedback question (null below 3 responses, to protect respondents).',
})
export class ProgrammeFeedbackAverage {
  @Field(() => String, { description: 'The question key.' })
  question!: string;

  @Field(() => Float, { nullable: true, description: 'Average rating 1..5, or null with fewer than 3 responses.' })
  average!: number | null;

  @Field(() => Int, { description: 'Responses.' })
  responses!: number;
}

// the type keeps its former spelling: the admin app's queries name it (a fragment on ProgramStats)
@ObjectType({ description: 'Programme analytics over a period for one group: aggregates only, never people.' })
export class ProgramStats {
  @Field(() => String, {
    description:
      'The group: a programme, organisation or cohort id, an industry code, a month (YYYY-MM), "ALL" without grouping, or "NONE" for facts outside any group.',
  })
  groupKey!: string;

  @Field(() => String, { description: 'A readable name for the group.' })
  groupLabel!: string;

  @Field(() => LocalDate, { description: 'First day covered.' })
  from!: string;

  @Field(() => LocalDate, { description: 'Last day covered.' })
  to!: string;

  @Field(() => Int, { description: 'Enrolments in programmes (mentors and mentees) in the period.' })
  registrations!: number;

  @Field(() => Int, { description: 'Mentors enrolled in the period.' })
  mentorsEnrolled!: number;

  @Field(() => Int, { description: 'Mentees enrolled in the period.' })
  menteesEnrolled!: number;

  @Field(() => Int, { description: 'Mentor applications approved in the period.' })
  mentorApprovals!: number;

  @Field(() => Int, { description: 'Mentees enrolled in the period who have been matched (to date).' })
  menteesMatched!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of the mentees enrolled in the period who have been matched (0..1); null without enrolments.',
  })
  matchRate!: number | null;

  @Field(() => Int, { description: 'Matches confirmed in the period.' })
  matches!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Median days from enrolment to match, over matches in the period.',
  })
  medianDaysToMatch!: number | null;

  @Field(() => Float, { nullable: true, description: '90th percentile of days from enrolment to match.' })
  p90DaysToMatch!: number | null;

  @Field(() => Int, { description: 'Mentoring requests sent in the period.' })
  requestsSent!: number;

  @Field(() => Int, { description: 'Requests accepted in the period.' })
  requestsAccepted!: number;

  @Field(() => Int, { description: 'Requests declined in the period.' })
  requestsDeclined!: number;

  @Field(() => Int, { description: 'Requests that expired in the period.' })
  requestsExpired!: number;

  @Field(() => Int, { description: 'Relationships started in the period.' })
  relationshipsStarted!: number;

  @Field(() => Int, { description: 'Relationships active at the end of the period.' })
  activeRelationships!: number;

  @Field(() => Int, { description: 'Relationships completed in the period.' })
  relationshipsCompleted!: number;

  @Field(() => Int, { description: 'Relationships withdrawn in the period.' })
  relationshipsWithdrawn!: number;

  @Field(() => Int, {
    description:
      'Completed relationships that continued with new goals in the period (active again; a later completion counts again).',
  })
  relationshipsContinued!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Share of the relationships that ended in the period (completed or withdrawn) having met the programme terms.',
  })
  termsMetShare!: number | null;

  @Field(() => Int, {
    description: 'Meetings confirmed by both sides, dated in the period (an amended meeting counts once).',
  })
  meetingsConfirmed!: number;

  @Field(() => Float, { description: 'Hours of those meetings (per meeting, not per participant).' })
  hoursConfirmed!: number;

  @Field(() => Int, { description: 'Goals achieved in the period.' })
  goalsAchieved!: number;

  @Field(() => Int, { description: 'Feedback forms submitted in the period.' })
  feedbackResponses!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Average of all ratings (each form weighted once); null with fewer than 3 forms.',
  })
  feedbackAverage!: number | null;

  @Field(() => [ProgrammeFeedbackAverage], { description: 'Average per question.' })
  feedbackByQuestion!: ProgrammeFeedbackAverage[];

  @Field(() => Int, { description: 'Running total of matches ever made up to the end of the period.' })
  matchesMadeTotal!: number;
}

/** Identity's Programme, extended with its analytics. */
@ObjectType('Programme', { description: 'A mentoring programme (owned by identity).' })
@Directive('@key(fields: "id")')
export class Programme {
  @Field(() => ID)
  id!: string;
}
