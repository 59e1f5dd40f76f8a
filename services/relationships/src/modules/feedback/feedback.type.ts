import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FieldError } from '@tandem/subgraph-kit';
import { FeedbackQuestion, ParticipantRole } from '../shared/enums';
import { User } from '../users/user.type';
import type { FeedbackRow } from './feedback.repository';

@ObjectType({ description: 'A rating of one fixed question, 1 (poor) to 5 (excellent).' })
export class FeedbackRating {
  @Field(() => FeedbackQuestion)
  question!: FeedbackQuestion;

  @Field(() => Int)
  rating!: number;
}

@ObjectType({
  description: "A person's end-of-relationship evaluation: visible only to coaches of the organisation and admins.",
})
export class Feedback {
  @Field(() => ID)
  id!: string;

  @Field(() => User)
  respondent!: User;

  @Field(() => ParticipantRole)
  respondentRole!: ParticipantRole;

  @Field(() => [FeedbackRating], { description: 'One rating per fixed question.' })
  ratings!: FeedbackRating[];

  @Field(() => String, { nullable: true })
  comments!: string | null;

  @Field(() => Date)
  submittedAt!: Date;
}

export const toFeedback = (e: FeedbackRow): Feedback =>
  Object.assign(new Feedback(), {
    id: e.id,
    respondent: Object.assign(new User(), { id: e.respondentId }),
    respondentRole: e.respondentRole as ParticipantRole,
    ratings: Object.values(FeedbackQuestion)
      .filter((q) => q in e.ratings)
      .map((q) => Object.assign(new FeedbackRating(), { question: q, rating: e.ratings[q] })),
    comments: e.comments,
    submittedAt: e.submittedAt,
  });

@InputType({ description: 'A rating of one question.' })
export class FeedbackRatingInput {
  @Field(() => FeedbackQuestion)
  question!: FeedbackQuestion;

  @Field(() => Int, { description: '1 to 5.' })
  rating!: number;
}

@InputType({ description: 'End-of-relationship feedback: every fixed question rated once, plus comments.' })
export class FeedbackInput {
  @Field(() => [FeedbackRatingInput])
  ratings!: FeedbackRatingInput[];

  @Field(() => String, { nullable: true })
  comments?: string | null;
}

@ObjectType({ description: 'The outcome of submitting feedback (the answers themselves are not shown back).' })
export class FeedbackResult {
  @Field(() => Boolean, { description: 'True once recorded.' })
  submitted!: boolean;

  @Field(() => [FieldError], { description: 'Why it was refused (empty on success).' })
  errors!: FieldError[];
}
