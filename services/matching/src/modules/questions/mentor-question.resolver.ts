import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { MentorQuestionService } from './mentor-question.service';
import { MentorQuestion, MentorQuestionConnection, MentorQuestionResult } from './mentor-question.type';

@Resolver(() => MentorQuestion)
export class MentorQuestionResolver {
  constructor(private readonly service: MentorQuestionService) {}

  @Query(() => MentorQuestion, {
    description:
      'One question: its two parties, a coach of the mentee’s organisation, admins; NOT_FOUND for anyone else.',
  })
  mentorQuestion(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<MentorQuestion> {
    return this.service.get(ctx, id);
  }

  @Query(() => MentorQuestionConnection, {
    description: 'Questions the caller asked or was asked (a coach: their organisation’s; admins: all), newest first.',
  })
  mentorQuestions(
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<MentorQuestionConnection> {
    return this.service.list(ctx, first, after);
  }

  @Mutation(() => MentorQuestionResult, { description: 'A mentee asks an approved mentor a question.' })
  askMentor(
    @Ctx() ctx: SubgraphContext,
    @Arg('mentorId', () => ID) mentorId: string,
    @Arg('question', () => String) question: string,
  ): Promise<MentorQuestionResult> {
    return this.service.ask(ctx, mentorId, question);
  }

  @Mutation(() => MentorQuestionResult, {
    description: 'The mentor answers (or re-answers) a question they were asked.',
  })
  answerMentorQuestion(
    @Ctx() ctx: SubgraphContext,
    @Arg('questionId', () => ID) questionId: string,
    @Arg('answer', () => String) answer: string,
  ): Promise<MentorQuestionResult> {
    return this.service.answer(ctx, questionId, answer);
  }
}
