import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import { ParticipantRole } from '../shared/enums';
import { User } from '../users/user.type';
import type { PulseAnswerRow, PulseRow } from './pulse.repository';

@ObjectType({ description: "A partner's answer to a pulse check-in." })
export class PulseAnswer {
  @Field(() => User, { description: 'The partner who answered.' })
  respondent!: User;

  @Field(() => ParticipantRole, { description: 'Their side of the relationship.' })
  role!: ParticipantRole;

  @Field(() => Int, { description: 'How it is going, 1 (badly) to 5 (very well).' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'What they added, if anything.' })
  note!: string | null;

  @Field(() => Date)
  answeredAt!: Date;
}

@ObjectType({
  description:
    "A pulse check-in (issue 19): a short question the organisation's coach (or an admin) asks both partners, each answering once with a score 1–5 and a note. A partner sees their own answer and whether the other answered, never the other's answer; coaches and admins see both.",
})
export class Pulse {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The question asked.' })
  question!: string;

  @Field(() => User, { description: 'The coach or admin who asked it.' })
  askedBy!: User;

  @Field(() => Date)
  askedAt!: Date;

  @Field(() => Boolean, { description: 'True until both partners answered.' })
  open!: boolean;

  @Field(() => Boolean, { description: 'Whether the mentee answered.' })
  menteeAnswered!: boolean;

  @Field(() => Boolean, { description: 'Whether the mentor answered.' })
  mentorAnswered!: boolean;

  @Field(() => [PulseAnswer], {
    description: "The answers the viewer may read: a partner's own only; both for coaches and admins.",
  })
  answers!: PulseAnswer[];
}

export const toPulseAnswer = (a: PulseAnswerRow): PulseAnswer =>
  Object.assign(new PulseAnswer(), {
    respondent: Object.assign(new User(), { id: a.respondentId }),
    role: a.role as ParticipantRole,
    score: a.score,
    note: a.note,
    answeredAt: a.answeredAt,
  });

/** The pulse with the answers `canRead` lets the viewer see. */
export const toPulse = (p: PulseRow, answers: PulseAnswerRow[], canRead: (a: PulseAnswerRow) => boolean): Pulse =>
  Object.assign(new Pulse(), {
    id: p.id,
    question: p.question,
    askedBy: Object.assign(new User(), { id: p.askedBy }),
    askedAt: p.askedAt,
    open: p.closedAt === null,
    menteeAnswered: answers.some((a) => a.role === 'MENTEE'),
    mentorAnswered: answers.some((a) => a.role === 'MENTOR'),
    answers: answers.filter(canRead).map(toPulseAnswer),
  });

@InputType({ description: "A partner's answer to a pulse check-in." })
export class PulseAnswerInput {
  @Field(() => Int, { description: 'How it is going, 1 (badly) to 5 (very well).' })
  score!: number;

  @Field(() => String, { nullable: true, description: 'Anything to add (at most 1000 characters).' })
  note?: string | null;
}

@ObjectType({ description: 'The outcome of asking or answering a pulse check-in.' })
export class PulseResult {
  @Field(() => Pulse, { nullable: true, description: 'The pulse as it now stands for the caller.' })
  pulse!: Pulse | null;

  @Field(() => [FieldError], { description: 'Why it was refused (empty on success).' })
  errors!: FieldError[];
}
