import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FieldError, LocalDate } from '@tandem/subgraph-kit';
import { CheckInDueReason } from '../shared/enums';
import { User } from '../users/user.type';
import type { CheckInRow } from './check-in.repository';
import type { CheckInDueFigures } from './check-in-due';

@ObjectType({
  description:
    "A coach's check-in with the partners (seeds 000, 004): visible to the coach of the organisation and admins.",
})
export class CheckIn {
  @Field(() => ID)
  id!: string;

  @Field(() => User, { description: 'The coach who recorded it.' })
  coach!: User;

  @Field(() => LocalDate, { description: 'When it took place.' })
  heldOn!: string;

  @Field(() => String)
  notes!: string;

  @Field(() => String, { nullable: true, description: 'What follows up.' })
  followUp!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When to follow up.' })
  followUpOn!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}

export const toCheckIn = (e: CheckInRow): CheckIn =>
  Object.assign(new CheckIn(), {
    id: e.id,
    coach: Object.assign(new User(), { id: e.coachId }),
    heldOn: e.heldOn,
    notes: e.notes,
    followUp: e.followUp,
    followUpOn: e.followUpOn,
    createdAt: e.createdAt,
  });

@InputType({ description: 'A check-in to record.' })
export class CheckInInput {
  @Field(() => LocalDate, { description: 'When it took place (not in the future).' })
  heldOn!: string;

  @Field(() => String)
  notes!: string;

  @Field(() => String, { nullable: true })
  followUp?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'When to follow up (not before the check-in).' })
  followUpOn?: string | null;
}

@ObjectType({ description: 'The outcome of recording a check-in.' })
export class CheckInResult {
  @Field(() => CheckIn, { nullable: true, description: 'The check-in as recorded.' })
  checkIn!: CheckIn | null;

  @Field(() => [FieldError], { description: 'Why it was refused (empty on success).' })
  errors!: FieldError[];
}

@ObjectType({
  description: "A check-in the organisation's coach owes the pair: its follow-up date has come, or none for 30 days.",
})
export class CheckInDue {
  @Field(() => CheckInDueReason, { description: 'FOLLOW_UP or NO_RECENT_CHECK_IN.' })
  reason!: CheckInDueReason;

  @Field(() => LocalDate, { description: 'The day it fell due.' })
  dueOn!: string;

  @Field(() => Int, { description: 'Days past the due day (0 when due today).' })
  overdueDays!: number;

  @Field(() => String, { nullable: true, description: 'The follow-up planned at the latest check-in (FOLLOW_UP).' })
  followUp!: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'The day of the latest check-in, if any.' })
  lastCheckInOn!: string | null;
}

export const toCheckInDue = (d: CheckInDueFigures): CheckInDue =>
  Object.assign(new CheckInDue(), { ...d, reason: d.reason as CheckInDueReason });
