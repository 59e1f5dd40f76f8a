import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '@tandem/subgraph-kit';
import { Organization } from '../organizations/organization.type';
import type { ServedConnection } from '../shared/api';
import { PageArgs } from '../shared/page.args';
import { CohortService } from './cohort.service';
import { CohortInput, ProgramInput, ProgrammeInput } from './programme.inputs';
import { ProgrammeService } from './programme.service';
import { Cohort, Programme, ProgrammeConnection, ProgrammeResult } from './programme.type';

@Resolver()
export class ProgrammeResolver {
  constructor(
    private readonly service: ProgrammeService,
    private readonly cohorts: CohortService,
  ) {}

  @Query(() => [Programme], { description: 'Programmes, by name.', deprecationReason: 'Use programmes.' })
  programs(@Ctx() ctx: SubgraphContext): Promise<Programme[]> {
    return this.service.all(ctx);
  }

  @Query(() => ProgrammeConnection, { description: 'Programmes, by name, a page at a time.' })
  programmes(@Ctx() ctx: SubgraphContext, @Args(() => PageArgs) page: PageArgs): Promise<ServedConnection<Programme>> {
    return this.service.page(ctx, page);
  }

  @Query(() => Programme, { description: 'A programme by id (NOT_FOUND when unknown).' })
  programme(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Programme> {
    return this.service.programme(ctx, id);
  }

  @Query(() => Programme, {
    description: 'A programme by id (NOT_FOUND when unknown).',
    deprecationReason: 'Use programme.',
  })
  program(@Arg('id', () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Programme> {
    return this.service.programme(ctx, id);
  }

  @Mutation(() => ProgrammeResult, { description: 'Creates a programme (PROGRAMME_ADMIN, ADMIN).' })
  createProgramme(
    @Arg('input', () => ProgrammeInput) input: ProgrammeInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgrammeResult> {
    return this.service.save(ctx, null, input);
  }

  @Mutation(() => ProgrammeResult, {
    description: 'Creates a programme (PROGRAMME_ADMIN, ADMIN).',
    deprecationReason: 'Use createProgramme.',
  })
  createProgram(
    @Arg('input', () => ProgramInput) input: ProgramInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgrammeResult> {
    return this.service.save(ctx, null, input);
  }

  @Mutation(() => ProgrammeResult, { description: "Changes a programme's terms and rules (PROGRAMME_ADMIN, ADMIN)." })
  updateProgramme(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ProgrammeInput) input: ProgrammeInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgrammeResult> {
    return this.service.save(ctx, id, input);
  }

  @Mutation(() => ProgrammeResult, {
    description: "Changes a programme's terms and rules (PROGRAMME_ADMIN, ADMIN).",
    deprecationReason: 'Use updateProgramme.',
  })
  updateProgram(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ProgramInput) input: ProgramInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgrammeResult> {
    return this.service.save(ctx, id, input);
  }

  @Mutation(() => ProgrammeResult, {
    description:
      'Adds a cohort to a programme (PROGRAMME_ADMIN, ADMIN). Name the programme with programmeId (programId, its former name, still works; both given and different: AMBIGUOUS).',
  })
  addCohort(
    @Arg('input', () => CohortInput) input: CohortInput,
    @Ctx() ctx: SubgraphContext,
    @Arg('programmeId', () => ID, { nullable: true, description: 'The programme.' }) programmeId?: string,
    @Arg('programId', () => ID, { nullable: true, deprecationReason: 'Use programmeId.' }) programId?: string,
  ): Promise<ProgrammeResult> {
    return this.cohorts.add(ctx, { programmeId, programId }, input);
  }

  @Mutation(() => ProgrammeResult, { description: 'Changes a cohort (PROGRAMME_ADMIN, ADMIN).' })
  updateCohort(
    @Arg('cohortId', () => ID) cohortId: string,
    @Arg('input', () => CohortInput) input: CohortInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ProgrammeResult> {
    return this.cohorts.update(ctx, cohortId, input);
  }
}

@Resolver(() => Programme)
export class ProgrammeFieldResolver {
  constructor(private readonly service: ProgrammeService) {}

  @FieldResolver(() => [Organization], { description: 'The partner organisations running it.' })
  organizations(@Root() programme: Programme, @Ctx() ctx: SubgraphContext): Promise<Organization[]> {
    return this.service.organizationsOf(ctx, programme);
  }

  @FieldResolver(() => [Cohort], { description: 'Its cohorts, by start date.' })
  cohorts(@Root() programme: Programme, @Ctx() ctx: SubgraphContext): Promise<Cohort[]> {
    return this.service.cohortsOf(ctx, programme);
  }
}
