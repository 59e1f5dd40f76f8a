import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes, FieldError, LocalDate } from '@tandem/subgraph-kit';
import { AtRiskReason, RelationshipPace, RelationshipStatus, RelationshipViewerRole } from '../shared/enums';
import { isPartner, visibleFlags, type RelationshipViewer } from './relationship.access';
import type { ProgressFigures } from './relationship.progress';
import type { RelationshipRow } from './relationship.repository';

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

@ObjectType({ description: 'A reason the at-risk scan flagged a relationship, in words a coach can act on.' })
export class RelationshipAtRiskFlag {
  @Field(() => AtRiskReason, { description: 'What was found.' })
  code!: AtRiskReason;

  @Field(() => String, { description: 'Why, with the dates and figures behind it.' })
  reason!: string;

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
    atRiskFlags: visibleFlags(e.atRiskFlags, !isPartner(viewer)).map((f) =>
      Object.assign(new RelationshipAtRiskFlag(), f),
    ),
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
