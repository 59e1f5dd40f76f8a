import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionTypes, FieldError } from '@tandem/subgraph-kit';
import { MeetingMode } from '../shared/enums';
import { User } from '../users/user.type';
import type { MeetingPlanRow } from './meeting-plan.repository';

export enum MeetingPlanStatus {
  AWAITING_RESPONSE = 'AWAITING_RESPONSE',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(MeetingPlanStatus, {
  name: 'MeetingPlanStatus',
  description:
    'AWAITING_RESPONSE from `awaitingResponseFrom` (a proposal, another time, a reschedule); ACCEPTED by both; DECLINED by the partner awaited; CANCELLED by either.',
});

const user = (id: string | null) => (id ? Object.assign(new User(), { id }) : null);

@ObjectType({
  description:
    'A meeting the partners plan ahead (issue 20): one partner proposes, the other accepts, declines or proposes another time; either reschedules or cancels. Times are instants; show them in the reader’s zone.',
})
export class MeetingPlan {
  @Field(() => ID, { description: 'Also the UID of its calendar event (ICS).' })
  id!: string;

  @Field(() => ID, { description: 'The relationship it belongs to.' })
  relationshipId!: string;

  @Field(() => MeetingPlanStatus, { description: 'Where the plan stands.' })
  status!: MeetingPlanStatus;

  @Field(() => Date, { description: 'When it starts (an instant).' })
  startsAt!: Date;

  @Field(() => Date, { description: 'When it ends: the start plus the duration.' })
  endsAt!: Date;

  @Field(() => Int, { description: 'Planned length in minutes.' })
  durationMinutes!: number;

  @Field(() => String, { description: 'The IANA time zone the current times were proposed in.' })
  timeZone!: string;

  @Field(() => MeetingMode, { description: 'How it is held.' })
  mode!: MeetingMode;

  @Field(() => String, { nullable: true, description: 'Where it is held.' })
  place!: string | null;

  @Field(() => String, { nullable: true, description: 'The https link of the video call.' })
  videoUrl!: string | null;

  @Field(() => [String], { description: 'Agenda items in free text.' })
  agenda!: string[];

  @Field(() => User, {
    description:
      'Who proposed the current times; for a proposal from the schedule (`fromSchedule`), the partner the agreement says initiates meetings, in whose name the platform made it.',
  })
  proposedBy!: User;

  @Field(() => Boolean, {
    description:
      "Proposed by the platform from the signed agreement's schedule, on the pair's behalf (until a partner moves it, still its occurrence of the schedule).",
  })
  fromSchedule!: boolean;

  @Field(() => User, { nullable: true, description: 'The partner whose answer is awaited (null unless awaiting).' })
  awaitingResponseFrom!: User | null;

  @Field(() => Int, { description: 'Grows with every change: the SEQUENCE of its calendar event (ICS).' })
  sequence!: number;

  @Field(() => String, { nullable: true, description: 'Why it was declined or cancelled.' })
  reason!: string | null;

  @Field(() => User, { nullable: true, description: 'Who declined or cancelled it.' })
  closedBy!: User | null;

  @Field(() => Date, { description: 'When it was last changed.' })
  updatedAt!: Date;

  /** Not exposed: the row, for the field resolvers. */
  row!: MeetingPlanRow;
}

export const toMeetingPlan = (p: MeetingPlanRow): MeetingPlan =>
  Object.assign(new MeetingPlan(), {
    id: p.id,
    relationshipId: p.relationshipId,
    status: p.status as MeetingPlanStatus,
    startsAt: p.startsAt,
    endsAt: p.endsAt,
    durationMinutes: p.durationMinutes,
    timeZone: p.timeZone,
    mode: p.mode as MeetingMode,
    place: p.place,
    videoUrl: p.videoUrl,
    agenda: p.agenda,
    proposedBy: user(p.proposedBy)!,
    fromSchedule: p.scheduleSlot !== null,
    awaitingResponseFrom: user(p.awaitingUserId),
    sequence: p.sequence,
    reason: p.reason,
    closedBy: user(p.closedBy),
    updatedAt: p.updatedAt,
    row: p,
  });

export const { EdgeType: MeetingPlanEdge, ConnectionType: MeetingPlanConnection } = connectionTypes(
  MeetingPlan,
  'MeetingPlan',
  'planned meeting',
);

@ObjectType({ description: 'The outcome of proposing, answering, rescheduling or cancelling a planned meeting.' })
export class MeetingPlanResult {
  @Field(() => MeetingPlan, { nullable: true, description: 'The planned meeting after the change.' })
  meetingPlan!: MeetingPlan | null;

  @Field(() => [FieldError], { description: 'Why the change was refused (empty on success).' })
  errors!: FieldError[];
}
