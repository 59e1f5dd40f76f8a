import { Arg, Args, Ctx, Directive, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LocalDate, type SubgraphContext } from '@tandem/subgraph-kit';
import { Programme, ProgramStats, ProgrammeStatsArgs } from './stats.type';
import type { StatsService } from './stats.service';

const DESCRIPTION =
  'Programme analytics over a period, optionally filtered and grouped. Aggregates only. Analysts, programme admins and admins; a coach, for their own organisation (FORBIDDEN for another).';

@Resolver(() => Programme)
export class StatsResolver {
  constructor(private readonly statsService: StatsService) {}

  @Directive('@cost(weight: 20)')
  @Query(() => [ProgramStats], { description: DESCRIPTION })
  programmeStats(
    @Args(() => ProgrammeStatsArgs) { from, to, filter, groupBy }: ProgrammeStatsArgs,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramStats[]> {
    return this.statsService.programmeStats(ctx, filter ?? {}, groupBy ?? null, from, to);
  }

  @Directive('@cost(weight: 20)')
  @Query(() => [ProgramStats], { description: DESCRIPTION, deprecationReason: 'Use programmeStats.' })
  programStats(@Args(() => ProgrammeStatsArgs) args: ProgrammeStatsArgs, @Ctx() ctx: SubgraphContext) {
    return this.programmeStats(args, ctx);
  }

  @FieldResolver(() => ProgramStats, {
    nullable: true,
    description: "The programme's analytics over a period (null for anyone but analysts, programme admins and admins).",
  })
  stats(
    @Root() programme: Programme,
    @Arg('from', () => LocalDate) from: string,
    @Arg('to', () => LocalDate) to: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramStats | null> {
    return this.statsService.forProgramme(ctx, programme.id, from, to);
  }
}
