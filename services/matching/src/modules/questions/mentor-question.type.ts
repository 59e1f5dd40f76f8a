import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { FieldError, type Connection, connectionTypes } from '@tandem/subgraph-kit';
import { User, userRef } from '../users/user.type';
import type { MentorQuestionRow } from './mentor-question.repository';

@ObjectType({ description: 'A question a mentee asked a mentor before requesting (seed 001), with the answer.' })
@Directive('@key(fields: "id")')
export class MentorQuestion {
  @Field(() => ID)
  id!: string;

  @Field(() => User, { description: 'Who asked.' })
  mentee!: User;

  @Field(() => User, { description: 'Who was asked.' })
  mentor!: User;

  @Field(() => String, { description: 'The question.' })
  question!: string;

  @Field(() => String, { nullable: true, description: 'The answer, once given.' })
  answer!: string | null;

  @Field(() => Date, { description: 'When it was asked.' })
  askedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it was answered.' })
  answeredAt!: Date | null;
}

export const toMentorQuestion = (r: MentorQuestionRow): MentorQuestion =>
  Object.assign(new MentorQuestion(), {
    id: r.id,
    mentee: userRef(r.menteeId),
    mentor: userRef(r.mentorId),
    question: r.question,
    answer: r.answer,
    askedAt: r.askedAt,
    answeredAt: r.answeredAt,
  });

@ObjectType({ description: 'The outcome of asking or answering: the question, or what to fix.' })
export class MentorQuestionResult {
  @Field(() => MentorQuestion, { nullable: true, description: 'The question; null when refused.' })
  question!: MentorQuestion | null;

  @Field(() => [FieldError], { description: 'Why it was refused.' })
  errors!: FieldError[];
}

export const { ConnectionType: MentorQuestionConnection } = connectionTypes(
  MentorQuestion,
  'MentorQuestion',
  'question',
);
export type MentorQuestionConnection = Connection<MentorQuestion>;
