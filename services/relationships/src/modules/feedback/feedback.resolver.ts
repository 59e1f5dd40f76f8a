import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { outcome, type SubgraphContext } from '@tandem/subgraph-kit';
import { Relationship } from '../relationships/relationship.type';
import { FeedbackService } from './feedback.service';
import { Feedback, FeedbackInput, FeedbackResult } from './feedback.type';

@Resolver(() => Relationship)
export class FeedbackResolver {
  constructor(private readonly service: FeedbackService) {}

  @FieldResolver(() => [Feedback], {
    nullable: true,
    description:
      'Both partners’ feedback: for the coach of the organisation and admins only (null for others, the partners included).',
  })
  feedback(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<Feedback[] | null> {
    return this.service.forRelationship(ctx, r);
  }

  @FieldResolver(() => Boolean, { description: 'For a partner: the relationship ended and their feedback is awaited.' })
  feedbackRequested(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<boolean> {
    return this.service.requested(ctx, r);
  }

  @Mutation(() => FeedbackResult, {
    description: 'A partner gives feedback once the relationship is completed or withdrawn (once per person).',
  })
  async submitFeedback(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('input', () => FeedbackInput) input: FeedbackInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    const r = await outcome('submitted', () => this.service.submit(ctx, relationshipId, input));
    return { submitted: r.submitted ?? false, errors: r.errors };
  }
}
