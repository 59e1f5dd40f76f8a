import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes, FieldError, LocalDate } from '@tandem/subgraph-kit';
import { AtRiskReason, RelationshipPace, RelationshipStatus, RelationshipViewerRole } from '../shared/enums';
import { isPartner, visibleFlags, type RelationshipViewer } from './relationship.access';
import type { ProgressFigures } from './relationship.progress';
import type { AtRiskFlagRow, RelationshipRow } from './relationship.repository';

@ObjectType({
  description: 'The terms of the programme a relationship runs under (seed 002: 3 hours or 3 meetings over 26 weeks).',
})
export class RelationshipTerms {
  @Field(() => Float, { description: 'Hours to reach over the duration.' })
  targetHours!: number;

  @Field(() => Int, { description: 'Planned duration in weeks.' })
  durationWeeks!: number;

  @Field(() => Int, { description: 'Minimum number of meetings.' })
  minMeetings!: number;

  @Field(() => Boolean, {
    description: 'True: the terms are met by the hours OR the meetings; false: both are needed.',
  })
  hoursOrMeetings!: boolean;

  @Field(() => Boolean, { description: 'Meetings count only once the agreement is signed by both.' })
  requireSignedAgreement!: boolean;

  @Field(() => Int, {
    description: 'The longest meeting that can be logged, in minutes (240 unless the programme says).',
  })
  maxMeetingMinutes!: number;

  @Field(() => Boolean, {
    description: 'False while the programme is not known yet: platform defaults (24 hours over 17 weeks) apply.',
  })
  known!: boolean;
}

@ObjectType({ description: 'Confirmed hours and meetings against the terms, and the pace forecast.' })
export class RelationshipProgress {
  @Field(() => Float, { description: 'Hours of meetings confirmed by both sides (and counting).' })
  confirmedHours!: number;

  @Field(() => Int, { description: 'Meetings confirmed by both sides (and counting).' })
  confirmedMeetings!: number;

  @Field(() => Int, {
    description: 'Meetings confirmed by both that do not count yet because the programme requires a signed agreement.',
  })
  notCountingMeetings!: number;

  @Field(() => Int, { description: 'Meetings logged and awaiting the other side.' })
  awaitingConfirmation!: number;

  @Field(() => Boolean, { description: 'Whether the programme terms are met.' })
  termsMet!: boolean;

  @Field(() => Int, { description: 'Days since the start, capped at the duration.' })
  daysElapsed!: number;

  @Field(() => Int, { nullable: true, description: 'Days until the planned end (0 once past).' })
  daysLeft!: number | null;

  @Field(() => Float, { description: 'Hours expected by today: targetHours x elapsed / duration.' })
  expectedHours!: number;

  @Field(() => Float, { description: 'Meetings expected by today: minMeetings x elapsed / duration.' })
  expectedMeetings!: number;

  @Field(() => Float, { description: 'Share of the terms achieved, 0..1.' })
  achievedShare!: number;

  @Field(() => RelationshipPace, {
    nullable: true,
    description: 'Pace forecast; null once the relationship has ended.',
  })
  pace!: RelationshipPace | null;
}

@ObjectType({ description: 'A low pulse answer behind a LOW_PULSE flag.' })
export class AtRiskPulseAnswer {
  @Field(() => String, { description: 'Who answered: MENTEE or MENTOR.' })
  role!: string;

  @Field(() => Int, { description: 'The score, 1 to 5.' })
  score!: number;

  @Field(() => LocalDate, { description: 'The day of the answer (UTC).' })
  answeredOn!: string;

  @Field(() => String, { nullable: true, description: 'The start of the note (60 characters), if any.' })
  note!: string | null;
}

@ObjectType({
  description:
    'The figures and dates behind an at-risk flag, so a client words its reason in its reader’s language; only those of the flag’s code are set.',
})
export class AtRiskParams {
  @Field(() => Int, {
    nullable: true,
    description:
      'Days: without a confirmed meeting (NO_CONFIRMED_MEETING), the oldest awaiting meeting waited (MEETING_AWAITING_CONFIRMATION), since the start (AGREEMENT_UNSIGNED), the open pulse waited (PULSE_UNANSWERED).',
  })
  days!: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'NO_CONFIRMED_MEETING: the last meeting confirmed by both.' })
  lastConfirmedOn!: string | null;

  @Field(() => LocalDate, {
    nullable: true,
    description: 'NO_CONFIRMED_MEETING (none confirmed yet) and AGREEMENT_UNSIGNED: the start.',
  })
  startedOn!: string | null;

  @Field(() => Int, { nullable: true, description: 'MEETING_AWAITING_CONFIRMATION: meetings awaiting the other side.' })
  meetings!: number | null;

  @Field(() => RelationshipPace, { nullable: true, description: 'BEHIND_PACE: the forecast.' })
  pace!: RelationshipPace | null;

  @Field(() => Float, { nullable: true, description: 'BEHIND_PACE: hours confirmed by both.' })
  confirmedHours!: number | null;

  @Field(() => Float, { nullable: true, description: 'BEHIND_PACE: the programme’s hours.' })
  targetHours!: number | null;

  @Field(() => Float, { nullable: true, description: 'BEHIND_PACE: hours expected by today.' })
  expectedHours!: number | null;

  @Field(() => Int, { nullable: true, description: 'BEHIND_PACE (programmes with a minimum of meetings): confirmed.' })
  confirmedMeetings!: number | null;

  @Field(() => Int, { nullable: true, description: 'BEHIND_PACE: the programme’s minimum of meetings.' })
  minMeetings!: number | null;

  @Field(() => Int, { nullable: true, description: 'BEHIND_PACE: meetings expected by today.' })
  expectedMeetings!: number | null;

  @Field(() => Int, { nullable: true, description: 'BEHIND_PACE: days elapsed since the start.' })
  daysElapsed!: number | null;

  @Field(() => Int, { nullable: true, description: 'BEHIND_PACE: the programme’s duration in days.' })
  durationDays!: number | null;

  @Field(() => LocalDate, { nullable: true, description: 'PULSE_UNANSWERED: the day the pulse was asked (UTC).' })
  askedOn!: string | null;

  @Field(() => [String], { nullable: true, description: 'PULSE_UNANSWERED: who has not answered (MENTEE, MENTOR).' })
  waitingFor!: string[] | null;

  @Field(() => [AtRiskPulseAnswer], { nullable: true, description: 'LOW_PULSE: each low answer.' })
  answers!: AtRiskPulseAnswer[] | null;
}

@ObjectType({ description: 'A reason the at-risk scan flagged a relationship, in words a coach can act on.' })
export class RelationshipAtRiskFlag {
  @Field(() => AtRiskReason, { description: 'What was found.' })
  code!: AtRiskReason;

  @Field(() => String, {
    description:
      'Why, with the dates and figures behind it, in English (clients in another language word it from `code` and `params`).',
  })
  reason!: string;

  @Field(() => AtRiskParams, {
    nullable: true,
    description:
      'The figures and dates of `reason`; null for a flag raised before they were kept (until the next scan).',
  })
  params!: AtRiskParams | null;

  @Field(() => LocalDate, { description: 'The day of the scan that raised it.' })
  since!: string;
}

@ObjectType({ description: 'Who has confirmed the completion so far (both are needed).' })
export class RelationshipCompletion {
  @Field(() => Date, { nullable: true, description: 'When the mentor confirmed the completion.' })
  mentorConfirmedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the mentee confirmed the completion.' })
  menteeConfirmedAt!: Date | null;
}

@ObjectType({ description: 'A mentoring partnership between a mentee and a mentor in a programme.' })
@Directive('@key(fields: "id")')
export class Relationship {
  @Field(() => ID)
  id!: string;

  @Field(() => RelationshipStatus, { description: 'ACTIVE, PAUSED, COMPLETED or WITHDRAWN.' })
  status!: RelationshipStatus;

  @Field(() => LocalDate, { description: 'The day the match was confirmed (UTC).' })
  startedOn!: string;

  @Field(() => Date, {
    description:
      "The instant the match was confirmed; for relationships started before it was kept, 00:00 of `startedOn` in the programme's zone. Meetings that ended before it are refused (BEFORE_START).",
  })
  startedAt!: Date;

  @Field(() => LocalDate, { nullable: true, description: 'Start + the programme duration.' })
  plannedEndOn!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'The day it was completed or withdrawn.' })
  endedOn!: string | null;

  @Field(() => ID, { nullable: true, description: 'The programme it runs in.' })
  programmeId!: string | null;

  @Field(() => String, { nullable: true, description: 'The programme name, once known.' })
  programmeName!: string | null;

  @Field(() => ID, { nullable: true, description: 'The partner organisation whose coaches support it.' })
  organizationId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The cohort, if the programme runs cohorts.' })
  cohortId!: string | null;

  @Field(() => RelationshipTerms, { description: 'The programme terms it runs under.' })
  terms!: RelationshipTerms;

  @Field(() => Date, { nullable: true, description: 'When it was paused (while PAUSED).' })
  pausedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Why it was withdrawn.' })
  withdrawalReason!: string | null;

  @Field(() => RelationshipCompletion, { description: 'Completion confirmations of both sides.' })
  completion!: RelationshipCompletion;

  @Field(() => Date, { nullable: true, description: 'When a completed relationship was closed (not continued).' })
  closedAt!: Date | null;

  @Field(() => Int, { description: 'How many times it was continued with new goals after completion.' })
  continuedCount!: number;

  @Field(() => Boolean, { description: 'Whether the latest at-risk scan raised any flag.' })
  atRisk!: boolean;

  @Field(() => [RelationshipAtRiskFlag], {
    description:
      'The flags of the latest at-risk scan, each with its reason. The partners do not see LOW_PULSE (its reason quotes a partner’s pulse answer).',
  })
  atRiskFlags!: RelationshipAtRiskFlag[];

  @Field(() => RelationshipViewerRole, { nullable: true, description: 'In which capacity the signed-in user sees it.' })
  viewerRole!: RelationshipViewerRole | null;

  /** Not exposed: the row and the caller's capacity, for the field resolvers. */
  row!: RelationshipRow;
  viewer!: RelationshipViewer | null;
}

export function toRelationship(e: RelationshipRow, viewer: RelationshipViewer | null): Relationship {
  return Object.assign(new Relationship(), {
    id: e.id,
    status: e.status as RelationshipStatus,
    startedOn: e.startedOn,
    startedAt: e.startedAt,
    plannedEndOn: e.plannedEndOn,
    endedOn: e.endedOn,
    programmeId: e.programmeId,
    programmeName: e.programmeName,
    organizationId: e.organizationId,
    cohortId: e.cohortId,
    terms: Object.assign(new RelationshipTerms(), e.terms),
    pausedAt: e.pausedAt,
    withdrawalReason: e.withdrawalReason,
    completion: Object.assign(new RelationshipCompletion(), {
      mentorConfirmedAt: e.completionMentorAt,
      menteeConfirmedAt: e.completionMenteeAt,
    }),
    closedAt: e.closedAt,
    continuedCount: e.continuedCount,
    atRisk: visibleFlags(e.atRiskFlags, !isPartner(viewer)).length > 0,
    atRiskFlags: visibleFlags(e.atRiskFlags, !isPartner(viewer)).map((f) => toAtRiskFlag(f)),
    viewerRole: viewer as RelationshipViewerRole | null,
    row: e,
    viewer,
  });
}

export function toProgress(p: ProgressFigures, notCounting: number, awaiting: number): RelationshipProgress {
  return Object.assign(new RelationshipProgress(), {
    confirmedHours: p.confirmedHours,
    confirmedMeetings: p.confirmedMeetings,
    notCountingMeetings: notCounting,
    awaitingConfirmation: awaiting,
    termsMet: p.termsMet,
    daysElapsed: p.daysElapsed,
    daysLeft: p.daysLeft,
    expectedHours: p.expectedHours,
    expectedMeetings: p.expectedMeetings,
    achievedShare: p.achievedFraction,
    pace: p.pace as RelationshipPace | null,
  });
}

const { EdgeType: RelationshipEdge, ConnectionType: RelationshipPage } = connectionTypes(
  Relationship,
  'Relationship',
  'relationship',
);
export { RelationshipEdge };

@ObjectType('RelationshipConnection', { description: 'A page of relationships, newest start first.' })
export class RelationshipConnection extends RelationshipPage {
  @Field(() => [Relationship], {
    description: 'The relationships of this page, newest start first.',
    deprecationReason: 'Use edges.',
  })
  nodes!: Relationship[];
}

@ObjectType({ description: 'The outcome of a change to a relationship: the relationship, or what to fix.' })
export class RelationshipResult {
  @Field(() => Relationship, { nullable: true, description: 'The relationship after the change.' })
  relationship!: Relationship | null;

  @Field(() => [FieldError], { description: 'Why the change was refused (empty on success).' })
  errors!: FieldError[];
}

@ObjectType('Programme', { description: "Identity's programme (key only)." })
@Directive('@key(fields: "id", resolvable: false)')
export class Programme {
  @Field(() => ID)
  id!: string;
}

const FACTS = [
  'days',
  'lastConfirmedOn',
  'startedOn',
  'meetings',
  'pace',
  'confirmedHours',
  'targetHours',
  'expectedHours',
  'confirmedMeetings',
  'minMeetings',
  'expectedMeetings',
  'daysElapsed',
  'durationDays',
  'askedOn',
  'waitingFor',
] as const;

export function toAtRiskFlag(f: AtRiskFlagRow): RelationshipAtRiskFlag {
  const p = f.params;
  const params = p
    ? Object.assign(new AtRiskParams(), Object.fromEntries(FACTS.map((k) => [k, p[k] ?? null])), {
        answers: p.answers?.map((a) => Object.assign(new AtRiskPulseAnswer(), a)) ?? null,
      })
    : null;
  return Object.assign(new RelationshipAtRiskFlag(), {
    code: f.code as AtRiskReason,
    reason: f.reason,
    since: f.since,
    params,
  });
}
