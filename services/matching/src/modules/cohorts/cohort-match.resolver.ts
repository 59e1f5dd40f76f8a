import { Arg, Ctx, Directive, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import type { CohortObjective } from './assignment';
import { CohortMatchService } from './cohort-match.service';
import {
  CohortMatchObjectiveEnum,
  CohortMatchRun,
  CohortMatchRunConnection,
  CohortMatchRunResult,
  CohortPairRule,
  CohortPairRuleResult,
  PublishCohortMatchRunResult,
} from './cohort-match.type';

@Resolver(() => CohortMatchRun)
export class CohortMatchResolver {
  constructor(private readonly service: CohortMatchService) {}

  @Mutation(() => CohortMatchRunResult, {
    description:
      'Computes an optimal draft assignment of mentees of the cohort to its mentors. A coach (of one of the programme’s organisations) matches their own organisation’s mentees; admins the whole cohort or one organisation.',
  })
  runCohortMatching(
    @Ctx() ctx: SubgraphContext,
    @Arg('cohortId', () => ID) cohortId: string,
    @Arg('objective', () => CohortMatchObjectiveEnum, {
      defaultValue: 'MAX_TOTAL_SCORE',
      description: 'What to maximise.',
    })
    objective: CohortObjective,
    @Arg('organizationId', () => ID, {
      nullable: true,
      description: 'Only this organisation’s mentees (admins; a coach’s run always covers their own organisation).',
    })
    organizationId: string | null,
  ): Promise<CohortMatchRunResult> {
    return this.service.run(ctx, cohortId, objective, organizationId ?? null);
  }

  @Mutation(() => CohortPairRuleResult, {
    description:
      'Always pair this mentee with this mentor in the cohort’s next runs (replaces another lock of the mentee).',
  })
  lockCohortPair(
    @Ctx() ctx: SubgraphContext,
    @Arg('cohortId', () => ID) cohortId: string,
    @Arg('menteeId', () => ID) menteeId: string,
    @Arg('mentorId', () => ID) mentorId: string,
  ): Promise<CohortPairRuleResult> {
    return this.service.setRule(ctx, cohortId, menteeId, mentorId, 'LOCKED');
  }

  @Mutation(() => CohortPairRuleResult, {
    description: 'Never pair this mentee with this mentor in the cohort’s next runs.',
  })
  excludeCohortPair(
    @Ctx() ctx: SubgraphContext,
    @Arg('cohortId', () => ID) cohortId: string,
    @Arg('menteeId', () => ID) menteeId: string,
    @Arg('mentorId', () => ID) mentorId: string,
  ): Promise<CohortPairRuleResult> {
    return this.service.setRule(ctx, cohortId, menteeId, mentorId, 'EXCLUDED');
  }

  @Mutation(() => Boolean, { description: 'Removes a lock or exclusion; true when there was one.' })
  clearCohortPairRule(
    @Ctx() ctx: SubgraphContext,
    @Arg('cohortId', () => ID) cohortId: string,
    @Arg('menteeId', () => ID) menteeId: string,
    @Arg('mentorId', () => ID) mentorId: string,
  ): Promise<boolean> {
    return this.service.clearRule(ctx, cohortId, menteeId, mentorId);
  }

  @Mutation(() => PublishCohortMatchRunResult, {
    description: 'Turns a draft run’s pairs into proposals the mentors confirm.',
  })
  publishCohortMatchRun(
    @Ctx() ctx: SubgraphContext,
    @Arg('runId', () => ID) runId: string,
  ): Promise<PublishCohortMatchRunResult> {
    return this.service.publish(ctx, runId);
  }

  @Directive('@cost(weight: 20)')
  @Query(() => CohortMatchRun, { description: 'One run (admins; a coach sees the runs of their own organisation).' })
  cohortMatchRun(@Ctx() ctx: SubgraphContext, @Arg('id', () => ID) id: string): Promise<CohortMatchRun> {
    return this.service.get(ctx, id);
  }

  @Query(() => CohortMatchRunConnection, {
    description: 'The cohort’s runs the caller may see (admins; a coach: their organisation’s), newest first.',
  })
  cohortMatchRunsConnection(
    @Ctx() ctx: SubgraphContext,
    @Arg('cohortId', () => ID) cohortId: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' })
    first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'The cursor after which to continue.' })
    after: string | null,
  ): Promise<CohortMatchRunConnection> {
    return this.service.runsPage(ctx, cohortId, first ?? null, after ?? null);
  }

  @Query(() => [CohortMatchRun], {
    description: 'The cohort’s runs the caller may see, newest first (at most 50).',
    deprecationReason: 'Use cohortMatchRunsConnection.',
  })
  cohortMatchRuns(@Ctx() ctx: SubgraphContext, @Arg('cohortId', () => ID) cohortId: string): Promise<CohortMatchRun[]> {
    return this.service.runsOf(ctx, cohortId);
  }

  @Query(() => [CohortPairRule], {
    description: 'Locks and exclusions for the cohort (a coach: those of their organisation’s mentees).',
  })
  cohortPairRules(@Ctx() ctx: SubgraphContext, @Arg('cohortId', () => ID) cohortId: string): Promise<CohortPairRule[]> {
    return this.service.rules(ctx, cohortId);
  }
}
