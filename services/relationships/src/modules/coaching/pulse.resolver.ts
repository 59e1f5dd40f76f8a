import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { outcome, type SubgraphContext } from '@tandem/subgraph-kit';
import { Relationship } from '../relationships/relationship.type';
import { Pulse, PulseAnswerInput, PulseResult } from './pulse.type';
import { PulseService } from './pulse.service';

@Resolver(() => Relationship)
export class PulseResolver {
  constructor(private readonly service: PulseService) {}

  @FieldResolver(() => [Pulse], {
    nullable: true,
    description:
      'Pulse check-ins, newest first: for the partners (each reads their own answer only and whether the other answered), the coach of the organisation and admins (both answers).',
  })
  pulses(@Root() r: Relationship, @Ctx() ctx: SubgraphContext): Promise<Pulse[] | null> {
    return this.service.pulses(ctx, r);
  }

  @Mutation(() => PulseResult, {
    description:
      "The organisation's coach (or an admin) asks both partners of an ACTIVE relationship how it is going (one open pulse at a time: PULSE_OPEN).",
  })
  askPulse(
    @Arg('relationshipId', () => ID) relationshipId: string,
    @Arg('question', () => String, {
      nullable: true,
      description: 'Default "How is it going?" (at most 200 characters).',
    })
    question: string | null | undefined,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('pulse', () => this.service.ask(ctx, relationshipId, question));
  }

  @Mutation(() => PulseResult, {
    description:
      'A partner answers a pulse check-in once (score 1–5, optional note); the at-risk flags follow at once.',
  })
  answerPulse(
    @Arg('pulseId', () => ID) pulseId: string,
    @Arg('input', () => PulseAnswerInput) input: PulseAnswerInput,
    @Ctx() ctx: SubgraphContext,
  ) {
    return outcome('pulse', () => this.service.answer(ctx, pulseId, input));
  }
}
