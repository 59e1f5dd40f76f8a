import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LocalDate, type SubgraphContext } from '@tandem/subgraph-kit';
import { Program, ProgramStats, ProgramStatsFilter, ProgramStatsGroupBy } from './stats.type';
import type { StatsService } from './stats.service';

@Resolver(() => Program)
export class StatsResolver {
  constructor(private readonly statsService: StatsService) {}

  @Query(() => [ProgramStats], {
    description:
      'Programme analytics over a period, optionally filtered and grouped. Aggregates only. Analysts, programme admins and admins; a coach, for their own organisation (FORBIDDEN for another).',
  })
  programStats(
    @Arg('from', () => LocalDate, { description: 'First day.' }) from: string,
    @Arg('to', () => LocalDate, { description: 'Last day.' }) to: string,
    @Arg('filter', () => ProgramStatsFilter, {
      nullable: true,
      description: 'Restrict to a programme, organisation, cohort or industry.',
    })
    filter: ProgramStatsFilter | null,
    @Arg('groupBy', () => ProgramStatsGroupBy, {
      nullable: true,
      description: 'Break down by programme, organisation, cohort, industry or month (one "ALL" row when omitted).',
    })
    groupBy: ProgramStatsGroupBy | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramStats[]> {
    return this.statsService.programStats(ctx, filter ?? {}, groupBy ?? null, from, to);
  }

  @FieldResolver(() => ProgramStats, {
    nullable: true,
    description: "The programme's analytics over a period (null for anyone but analysts, programme admins and admins).",
  })
  stats(
    @Root() program: Program,
    @Arg('from', () => LocalDate) from: string,
    @Arg('to', () => LocalDate) to: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgramStats | null> {
    return this.statsService.forProgramme(ctx, program.id, from, to);
  }
}
