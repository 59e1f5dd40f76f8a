import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { connectionTypes, FieldError, LocalDate } from '@tandem/subgraph-kit';
import { MeetingMode, MeetingStatus } from '../shared/enums';
import { User } from '../users/user.type';
import type { MeetingRow } from './meeting.repository';

@ObjectType({
  description:
    'A logged meeting (one revision). It counts toward hours only once both sides confirmed it; then it is immutable except by an amendment both confirm.',
})
@Directive('@key(fields: "id")')
export class Meeting {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  relationshipId!: string;

  @Field(() => Int, { description: '1 for the original; each confirmed-meeting amendment is the next revision.' })
  revision!: number;

  @Field(() => ID, { nullable: true, description: 'The revision this one amends.' })
  amendsMeetingId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The confirmed amendment that replaced this revision.' })
  supersededById!: string | null;

  @Field(() => LocalDate)
  occurredOn!: string;

  @Field(() => String, { description: 'Start time, HH:MM.' })
  startTime!: string;

  @Field(() => Int, { description: 'Duration in minutes.' })
  durationMinutes!: number;

  @Field(() => String, { description: 'The IANA time zone its date and start time are local to.' })
  timeZone!: string;

  @Field(() => MeetingMode)
  mode!: MeetingMode;

  @Field(() => [String], { description: 'Topics discussed.' })
  topics!: string[];

  @Field(() => String, { nullable: true, description: 'Homework agreed.' })
  homework!: string | null;

  @Field(() => MeetingStatus)
  status!: MeetingStatus;

  @Field(() => User, { description: 'Who logged it.' })
  loggedBy!: User;

  @Field(() => Date)
  loggedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the mentor confirmed it.' })
  mentorConfirmedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the mentee confirmed it.' })
  menteeConfirmedAt!: Date | null;

  @Field(() => User, { nullable: true, description: 'Who disputed it.' })
  disputedBy!: User | null;

  @Field(() => String, { nullable: true, description: 'Why it was disputed.' })
  disputeReason!: string | null;

  @Field(() => Boolean, {
    description:
      'Counts toward hours and meetings (confirmed by both, and the agreement signed when the programme requires it).',
  })
  counts!: boolean;

  @Field(() => String, { nullable: true, description: 'Why a meeting confirmed by both does not count yet.' })
  notCountingReason!: string | null;

  @Field(() => Boolean, {
    description:
      'Selected for an audit: only the audit judges it from then on (it cannot be amended, confirmed or disputed; AUDIT_LOCKED). Stays true once the audit outcome is recorded.',
  })
  auditLocked!: boolean;

  /** Not exposed: the row, for the field resolvers. */
  row!: MeetingRow;
}

export const toMeeting = (e: MeetingRow): Meeting =>
  Object.assign(new Meeting(), {
    id: e.id,
    relationshipId: e.relationshipId,
    revision: e.revision,
    amendsMeetingId: e.amendsMeetingId,
    supersededById: e.supersededBy,
    occurredOn: e.occurredOn,
    startTime: e.startTime,
    durationMinutes: e.durationMinutes,
    timeZone: e.timeZone,
    mode: e.mode as MeetingMode,
    topics: e.topics,
    homework: e.homework,
    status: e.status as MeetingStatus,
    loggedBy: Object.assign(new User(), { id: e.loggedBy }),
    loggedAt: e.loggedAt,
    mentorConfirmedAt: e.mentorConfirmedAt,
    menteeConfirmedAt: e.menteeConfirmedAt,
    disputedBy: e.disputedBy ? Object.assign(new User(), { id: e.disputedBy }) : null,
    disputeReason: e.disputeReason,
    counts: e.status === 'CONFIRMED' && e.countedAt !== null,
    notCountingReason:
      e.status === 'CONFIRMED' && e.countedAt === null
        ? 'The programme requires a signed agreement: this meeting counts once both partners have signed it.'
        : null,
    auditLocked: e.auditLockedAt !== null,
    row: e,
  });

export const { EdgeType: MeetingEdge, ConnectionType: MeetingConnection } = connectionTypes(
  Meeting,
  'Meeting',
  'meeting',
);

@ObjectType({ description: 'The outcome of logging, confirming, disputing or amending a meeting.' })
export class MeetingResult {
  @Field(() => Meeting, { nullable: true, description: 'The meeting after the change.' })
  meeting!: Meeting | null;

  @Field(() => [FieldError], { description: 'Why the change was refused (empty on success).' })
  errors!: FieldError[];
}
